"""A URL with a NUL character is refused before anything else (``RejectNullCharactersMiddleware``).

Login is required on every page by Django's own ``LoginRequiredMiddleware``; the few open views
are marked ``login_not_required`` in ``sto.urls``.
"""

from django.core.exceptions import BadRequest


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
