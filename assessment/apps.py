from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Beoordeling van aanvragen")

    def ready(self) -> None:
        from regions.permissions import can_open_assessment
        from sto.navigation import NavItem, register

        register(NavItem(_("Beoordeling"), "assessment:applications", 27, can_open_assessment))
