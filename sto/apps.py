from django.apps import AppConfig


class StoConfig(AppConfig):
    name = "sto"
    verbose_name = "STO-beheer"
