from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverviewConfig(AppConfig):
    name = "overview"
    verbose_name = "Overzichten"

    def ready(self) -> None:
        from regions.roles import has_any_role
        from sto.navigation import NavItem, register

        register(
            NavItem(_("Overzicht"), "home", 10, has_any_role),
            NavItem(_("Regio's"), "regions:region_list", 20, has_any_role),
        )
