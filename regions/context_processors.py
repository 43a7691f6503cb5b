"""Template context about the person logged in: their role names, shown in the page header."""

from django.http import HttpRequest

from .roles import user_roles


def roles(request: HttpRequest) -> dict:
    return {"user_roles": user_roles(getattr(request, "user", None))}
