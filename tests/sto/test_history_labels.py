"""The history on a page speaks the reader's language: "aangemaakt"/"gewijzigd" in Dutch,
"created"/"changed" in English, and the changed fields of a user are named in that language too.

The English texts come from locale/en (msgids "aangemaakt", "gewijzigd", and the lower-case field
labels of regions/users.py such as "voornaam" and "e-mailadres").
"""

import json
import re

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse
from django.utils import translation

from regions import services
from regions.roles import Role
from sto.history import history_entries
from tests.factories import MembershipFactory, RegionFactory, manager_of

pytestmark = pytest.mark.django_db

ENGLISH = {"accept-language": "en"}


def history_text(response) -> str:
    """The history section of a page as the reader sees it: tags dropped, spaces collapsed."""
    assert response.status_code == 200
    page = response.content.decode()
    section = page.split('<h2 id="historie-kop">', 1)[1].split("</section>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", section).split())


@pytest.fixture
def renamed_partner():
    """An organisation a programme manager registered and then renamed from Oud to Nieuw."""
    region = RegionFactory()
    manager = manager_of(region, username="pm-historie")
    organisation = services.organisation_create(
        by=manager, key="12AB07", kind="vmbo", name="Oud", technical_profiles="BWI"
    )
    MembershipFactory(region=region, organisation=organisation)
    services.organisation_update(by=manager, organisation=organisation, name="Nieuw")
    url = reverse("regions:organisation_detail", args=[region.sto_number, organisation.key])
    return manager, organisation, url


def test_the_history_of_a_record_says_changed_and_created_in_english(client, renamed_partner):
    manager, _, url = renamed_partner
    client.force_login(manager)
    text = history_text(client.get(url, headers=ENGLISH))
    assert text.startswith("History ")
    assert "pm-historie changed name: Oud → Nieuw" in text
    assert text.endswith("pm-historie created")
    assert "gewijzigd" not in text and "aangemaakt" not in text


def test_the_history_of_a_record_says_gewijzigd_and_aangemaakt_in_dutch(client, renamed_partner):
    manager, _, url = renamed_partner
    client.force_login(manager)
    text = history_text(client.get(url))
    assert "pm-historie gewijzigd naam: Oud → Nieuw" in text
    assert text.endswith("pm-historie aangemaakt")
    assert "changed" not in text and "created" not in text


def test_history_labels_follow_the_language_they_are_shown_in(renamed_partner):
    _, organisation, _ = renamed_partner
    with translation.override("nl"):
        entries = history_entries(organisation)
    with translation.override("en"):
        assert [str(e["type"]) for e in entries] == ["changed", "created"]
    with translation.override("nl"):
        assert [str(e["type"]) for e in entries] == ["gewijzigd", "aangemaakt"]


def test_changed_user_fields_are_stored_in_dutch_and_shown_in_the_readers_language(
    client, administrator
):
    region = RegionFactory()
    user = manager_of(region, username="verhuizer")
    url = reverse("regions:user_edit", args=[user.pk])
    client.force_login(administrator)
    response = client.post(
        url,
        {
            "first_name": "Vera",
            "email": "vera@example.nl",
            "is_active": "on",
            "roles": [Role.PROGRAMME_MANAGER.value],
            "regions": [region.sto_number],
        },
        headers=ENGLISH,  # an administrator working in the English interface
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get(object_id=str(user.pk), action_flag=CHANGE)
    # Stored as the source text, as the Django admin stores field names; translated when read.
    assert json.loads(entry.change_message) == [
        {"changed": {"fields": ["e-mailadres", "voornaam"]}}
    ]

    english = history_text(client.get(url, headers=ENGLISH))
    assert f"{administrator.username} changed: Changed email address and first name." in english
    dutch = history_text(client.get(url))
    assert f"{administrator.username} gewijzigd: E-mailadres en voornaam gewijzigd." in dutch
