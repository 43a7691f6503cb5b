from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "regions"
    verbose_name = "Regio's en partners"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from sto.navigation import NavItem, register

        from .accounts import on_user_logged_in
        from .permissions import can_manage_users

        post_migrate.connect(_create_role_groups, sender=self)
        user_logged_in.connect(on_user_logged_in, dispatch_uid="regions.second_factor")
        register(NavItem(_("Gebruikers"), "regions:user_list", 30, can_manage_users))


def _create_role_groups(sender, **kwargs) -> None:
    # Groups are reference data every installation needs; permissions exist only after
    # migrate, hence post_migrate rather than a data migration.
    from .roles import ensure_groups

    ensure_groups()
