"""Every page requires login except the login form itself and static files.

The language switch (``/i18n/setlang/``, Django's ``set_language``) is open too, so the login
page can be switched to English: it only sets the language cookie and redirects to a safe URL.
"""
from django.conf import settings
from django.contrib.auth.views import redirect_to_login

_OPEN_PREFIXES = ("/accounts/login/", "/static/", "/healthz", "/i18n/setlang/")


class LoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(_OPEN_PREFIXES):
            # The admin has its own login page; send everybody to the one form.
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)
