from django.apps import AppConfig


class CofinancingConfig(AppConfig):
    name = "cofinancing"
    verbose_name = "Geld: subsidie, cofinanciering en bijdragen"
