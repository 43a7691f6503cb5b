from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Regioplannen en begrotingen"

    def ready(self) -> None:
        from regions.permissions import reads_every_region
        from sto.navigation import NavItem, register

        register(NavItem(_("Regioplannen"), "plans:all_plans", 25, reads_every_region))
