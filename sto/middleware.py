"""Every page requires login except the login form itself and static files.

The language switch (``/i18n/setlang/``, Django's ``set_language``) is open too, so the login
page can be switched to English: it only sets the language cookie and redirects to a safe URL.

A URL with a NUL character is refused before anything else (``RejectNullCharactersMiddleware``).
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest

_OPEN_PREFIXES = ("/accounts/login/", "/static/", "/healthz", "/i18n/setlang/")


class LoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(_OPEN_PREFIXES):
            # The admin has its own login page; send everybody to the one form.
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


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
