from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormulaConfig(AppConfig):
    name = "formula"
    verbose_name = "Begrotingsformule"

    def ready(self) -> None:
        from regions.permissions import can_use_formula
        from sto.navigation import NavItem, register

        register(NavItem(_("Begrotingsformule"), "formula:simulator", 65, can_use_formula))
