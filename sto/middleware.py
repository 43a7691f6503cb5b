"""A URL with a NUL character is refused before anything else (``RejectNullCharactersMiddleware``);
signed-in pages are never cached and browser features are switched off
(``PrivatePagesMiddleware``); an idle session ends (``IdleSessionMiddleware``).

Login is required on every page by Django's own ``LoginRequiredMiddleware``; the few open views
are marked ``login_not_required`` in ``sto.urls``.
"""

import time

from django.conf import settings
from django.core.exceptions import BadRequest
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
