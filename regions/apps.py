from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "regions"
    verbose_name = "Regio's en partners"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_create_role_groups, sender=self)


def _create_role_groups(sender, **kwargs) -> None:
    # Groups are reference data every installation needs; permissions exist only after
    # migrate, hence post_migrate rather than a data migration.
    from .roles import ensure_groups

    ensure_groups()
