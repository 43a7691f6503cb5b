from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in

from .middleware import session_started


class StoConfig(AppConfig):
    name = "sto"
    verbose_name = "STO-beheer"

    def ready(self) -> None:
        user_logged_in.connect(session_started, dispatch_uid="sto-session-started")
