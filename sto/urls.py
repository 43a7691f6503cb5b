"""The root URL configuration: the one place (with the settings) that names every app.

The region pages of ``regions`` and the overview pages of ``overview`` share the URL namespace
"regions" under /regios/, so every page of a region is ``regions:…`` whichever app serves it.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.i18n import set_language

import assessment.urls
import cofinancing.urls
import formula.urls
import overview.urls
import plans.urls
import regions.urls
import reporting.urls


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin has a login page of its own; everybody logs in through the one form."""
    return redirect_to_login(request.GET.get("next", "/admin/"), settings.LOGIN_URL)


urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Django's password reset (docs/interfaces.md §7), with the Dutch templates of
    # templates/registration/; it never tells whether an address is known.
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(
            subject_template_name="registration/password_reset_subject.txt",
            email_template_name="registration/password_reset_email.txt",
        ),
        name="password_reset",
    ),
    path(
        "accounts/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/", include((regions.urls.account_patterns, "accounts"))),
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
    # Open, so the login page can be switched to English: it only sets the language cookie.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("healthz", healthz, name="healthz"),
    path("", include(overview.urls)),
    path("", include(plans.urls)),
    path(
        "regios/",
        include((overview.urls.region_patterns + regions.urls.urlpatterns, "regions")),
    ),
    path("geld/", include(cofinancing.urls)),
    path("rapportage/", include(reporting.urls)),
    path("formule/", include(formula.urls)),
    path("beoordeling/", include(assessment.urls)),
]
