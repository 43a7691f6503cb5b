from django.apps import apps
from simple_history.models import HistoricalChanges


def test_every_model_of_sto_beheer_keeps_history():
    missing = []
    for app_label in ("regions", "cofinancing", "plans", "formula", "assessment", "reporting"):
        for model in apps.get_app_config(app_label).get_models():
            if issubclass(model, HistoricalChanges):
                continue  # the history tables themselves
            if not hasattr(model, "history"):
                missing.append(model.__name__)
    assert missing == []
    # The check must see the models it claims to cover.
    assert len(list(apps.get_app_config("regions").get_models())) >= 20
