from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Rapportage"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from regions.models import AnnualReport

        from .signals import freeze_submitted_annual_report

        post_save.connect(
            freeze_submitted_annual_report,
            sender=AnnualReport,
            dispatch_uid="reporting.freeze_submitted_annual_report",
        )
        from regions.permissions import can_use_monitor
        from regions.roles import has_any_role
        from sto.navigation import NavItem, register

        register(
            NavItem(_("Rapportage"), "reporting:index", 50, has_any_role),
            NavItem(_("Landelijke monitor"), "reporting:monitor", 60, can_use_monitor),
        )
