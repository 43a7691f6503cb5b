"""The web application's pages; each app has its own ``urls`` module and namespace."""
from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("regios/", include("regions.urls")),
    path("geld/", include("cofinancing.urls")),
    path("rapportage/", include("reporting.urls")),
]
