"""Checks the web server and the Celery worker make before they serve anything."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def require_production_settings() -> None:
    """Outside DEBUG the built-in local SECRET_KEY is refused: with it, anyone who reads the
    source could forge sessions and password-reset links. Management commands, the demo and the
    tests may use it; ``sto.wsgi``, ``sto.asgi`` and the Celery worker and beat may not."""
    if not settings.DEBUG and settings.STO_SECRET_KEY_IS_LOCAL:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. STO-beheer does not start outside DEBUG without it: set "
            "SECRET_KEY to a long random value (see docs/configuration.md), or DEBUG=true for "
            "local use."
        )
