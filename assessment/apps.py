from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Beoordeling van aanvragen")

    def ready(self) -> None:
        from regions.permissions import can_follow_assessment, reads_every_region
        from sto.navigation import NavItem, register

        register(
            NavItem(
                _("Beoordeling"),
                "assessment:applications",
                27,
                lambda user: can_follow_assessment(user) or reads_every_region(user),
            )
        )
