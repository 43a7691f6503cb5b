from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CofinancingConfig(AppConfig):
    name = "cofinancing"
    verbose_name = "Geld: subsidie, cofinanciering en bijdragen"

    def ready(self) -> None:
        from regions.roles import Role, has_role
        from sto.navigation import NavItem, register

        register(
            NavItem(
                _("Gemeentelijke bijdragen"),
                "cofinancing:officer_contributions",
                40,
                lambda user: has_role(user, Role.MUNICIPAL_OFFICER),
            )
        )
