"""A URL with a NUL character is refused before anything else (``RejectNullCharactersMiddleware``);
signed-in pages are never cached and browser features are switched off
(``PrivatePagesMiddleware``); an idle session ends (``IdleSessionMiddleware``); an oversize body
is refused unread (``RequestSizeLimitMiddleware``).

Login is required on every page by Django's own ``LoginRequiredMiddleware``; the few open views
are marked ``login_not_required`` in ``sto.urls``.
"""

import time

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers


class RejectNullCharactersMiddleware:
    """A NUL character in the path or the query string is a bad request (400).

    PostgreSQL cannot store or compare text containing NUL: a lookup such as
    ``/regios/%00/`` or ``?zoek=%00`` would otherwise end as a server error (500). Forms already
    refuse NUL (``ProhibitNullCharactersValidator``); this covers URL parts and query parameters
    that views read directly.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL character in the URL.")
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Headers for every response: the Permissions-Policy (``STO_PERMISSIONS_POLICY``), and for a
    signed-in user ``Cache-Control: no-store``, so no page, PDF or export with a region's data is
    kept by the browser or a proxy after the user has gone."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = settings.STO_PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.permissions_policy)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, private, max-age=0"
        return response


class IdleSessionMiddleware:
    """A session ends after ``STO_SESSION_IDLE_MINUTES`` without a request.

    Django renews a session's expiry only when the session is saved. Saving on every request
    would cost a write per page, so the session is marked as changed at most once every
    ``RENEW_SECONDS`` while the user works: the idle limit holds to within that margin.
    """

    RENEW_SECONDS = 300
    KEY = "sto_renewed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            now = int(time.time())
            if now - int(session.get(self.KEY, 0)) >= self.RENEW_SECONDS:
                session[self.KEY] = now
        return self.get_response(request)


def session_started(sender, request, user, **kwargs) -> None:
    """At login the session is new: its renewal clock starts then (``IdleSessionMiddleware``)."""
    request.session[IdleSessionMiddleware.KEY] = int(time.time())


class RequestSizeLimitMiddleware:
    """Refuse an oversize request body from its ``Content-Length``, before any of it is read.

    Django parses a POST body as soon as something reads ``request.POST`` (the CSRF check does,
    before any view), streaming uploads to a temporary file: without this, a 1 GB POST would be
    written to disk in full even by a user who may upload nothing. An upload form may carry at
    most ``STO_MAX_UPLOAD_BYTES`` (the largest file any form accepts plus room for the form);
    every other body at most Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE``. A refusal is a 413 page
    that says so; nothing is saved. The reverse proxy has the same body limit (docs/operations.md).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        multipart = request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data")
        limit = settings.STO_MAX_UPLOAD_BYTES if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length > limit:
            return too_large(request, limit)
        return self.get_response(request)


def too_large(request, limit: int):
    """The 413 page: the request was refused unread."""
    body = render_to_string(
        "errors/413.html", {"max_mb": max(1, limit // (1024 * 1024))}, request=None
    )
    response = HttpResponse(body, status=413)
    response["Connection"] = "close"
    return response
