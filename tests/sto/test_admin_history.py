from django.apps import apps
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalChanges


def test_every_model_is_in_the_admin_with_its_history():
    missing = []
    for app_label in ("regions", "cofinancing", "plans", "formula", "assessment", "reporting"):
        for model in apps.get_app_config(app_label).get_models():
            if issubclass(model, HistoricalChanges):
                continue
            model_admin = admin.site._registry.get(model)
            if not isinstance(model_admin, SimpleHistoryAdmin):
                missing.append(model.__name__)
    assert missing == []


def test_admin_history_page_shows_who_changed_a_record(client, administrator):
    from regions import services

    organisation = services.organisation_create(
        by=administrator, key="12AB00", kind="vmbo", name="Oud"
    )
    services.organisation_update(by=administrator, organisation=organisation, name="Nieuw")
    client.force_login(administrator)
    response = client.get(f"/admin/regions/organisation/{organisation.pk}/history/")
    assert response.status_code == 200
    assert administrator.username in response.content.decode()
