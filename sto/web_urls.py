"""The web application's pages. Each app adds its own ``urls`` module here."""
from django.urls import path
from django.views.generic import TemplateView

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
]
