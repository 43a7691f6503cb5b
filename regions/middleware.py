"""The second login step: a session that still has to pass it reaches only the pages for it."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .accounts import SECOND_FACTOR_SESSION_KEY

_TARGETS = {"verify": "accounts:second_factor_verify", "setup": "accounts:second_factor_setup"}
# Besides the two pages of the second step: logging out, the language switch and the health check.
_OPEN_URL_NAMES = ("logout", "set_language", "healthz", *_TARGETS.values())


class SecondFactorMiddleware:
    """After the password, reviewers and administrators (``STO_REQUIRE_2FA``) and everyone who
    set up an app must give a code before any other page (``regions.accounts``). What a session
    still owes is in the session itself, so this costs no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        pending = request.session.get(SECOND_FACTOR_SESSION_KEY)
        if pending in _TARGETS and request.user.is_authenticated:
            open_paths = {reverse(name) for name in _OPEN_URL_NAMES}
            if request.path not in open_paths:
                target = reverse(_TARGETS[pending])
                query = (
                    urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
                )
                return HttpResponseRedirect(f"{target}?{query}" if query else target)
        return self.get_response(request)
