from django.apps import AppConfig


class FormulaConfig(AppConfig):
    name = "formula"
    verbose_name = "Begrotingsformule"
