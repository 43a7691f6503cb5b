import datetime

import pytest
from django.core.exceptions import ValidationError

from regions import services
from regions.models import Membership, Organisation
from tests.factories import MembershipFactory, OrganisationFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "key", "stored"),
    [
        ("vmbo", "12ab00", "12AB00"),
        ("mbo", "25LX", "25LX"),
        ("company", "12345678", "12345678"),
        ("municipality", "gm0362", "GM0362"),
    ],
)
def test_valid_keys_are_normalised(kind, key, stored):
    organisation = services.organisation_create(by=None, key=key, kind=kind, name="X")
    assert organisation.key == stored


@pytest.mark.parametrize(
    ("kind", "key", "fragment"),
    [
        ("vmbo", "12AB", "vestigingsnummer"),
        ("vmbo", "1234AB", "geen geldige BRIN"),
        ("mbo", "25LX00", "geen instellings-BRIN"),
        ("company", "1234567", "KvK"),
        ("municipality", "0362", "CBS"),
        ("municipality", "GM036", "CBS"),
    ],
)
def test_invalid_keys_are_refused_with_a_dutch_message(kind, key, fragment):
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(by=None, key=key, kind=kind, name="X")
    assert fragment in str(exc.value.message_dict["key"])
    assert not Organisation.objects.exists()


def test_profiles_only_for_vmbo_and_inhabitants_only_for_municipalities():
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(
            by=None, key="25LX", kind="mbo", name="ROC", technical_profiles="BWI"
        )
    assert "technical_profiles" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(
            by=None, key="12345678", kind="company", name="B", inhabitants=5
        )
    assert "inhabitants" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(
            by=None, key="12AB00", kind="vmbo", name="S", technical_profiles="BWI;XYZ"
        )
    assert "XYZ" in str(exc.value.message_dict["technical_profiles"])


def test_membership_end_before_start_is_refused():
    region = RegionFactory()
    org = OrganisationFactory()
    with pytest.raises(ValidationError) as exc:
        services.membership_create(
            by=None,
            region=region,
            organisation=org,
            start=datetime.date(2024, 1, 1),
            end=datetime.date(2023, 1, 1),
        )
    assert "end" in exc.value.message_dict
    assert not Membership.objects.filter(organisation=org).exists()


def test_vmbo_location_cannot_be_in_two_regions_at_once():
    school = OrganisationFactory()
    MembershipFactory(organisation=school, start=datetime.date(2020, 1, 1), end=None)
    other = RegionFactory()
    with pytest.raises(ValidationError) as exc:
        services.membership_create(
            by=None, region=other, organisation=school, start=datetime.date(2024, 1, 1)
        )
    assert "ten hoogste één regio" in str(exc.value)
    # After leaving the first region it may join another one.
    first = Membership.objects.get(organisation=school)
    services.membership_end(by=None, membership=first, end=datetime.date(2023, 12, 31))
    services.membership_create(
        by=None, region=other, organisation=school, start=datetime.date(2024, 1, 1)
    )
    assert Membership.objects.filter(organisation=school).count() == 2


def test_current_on_counts_start_and_end_days_inclusive():
    m = MembershipFactory(start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31))
    qs = Membership.objects.filter(pk=m.pk)
    assert not qs.current_on(datetime.date(2023, 12, 31)).exists()
    assert qs.current_on(datetime.date(2024, 1, 1)).exists()
    assert qs.current_on(datetime.date(2024, 12, 31)).exists()
    assert not qs.current_on(datetime.date(2025, 1, 1)).exists()


def test_an_edit_is_recorded_in_history_with_its_user():
    user = UserFactory(username="pm-utrecht")
    organisation = services.organisation_create(by=user, key="12AB00", kind="vmbo", name="Oud")
    services.organisation_update(by=user, organisation=organisation, name="Nieuw", city="Zeist")
    history = list(organisation.history.order_by("history_date"))
    assert [h.history_type for h in history] == ["+", "~"]
    assert history[-1].history_user == user
    assert history[-1].name == "Nieuw"
    delta = history[-1].diff_against(history[0])
    assert {c.field for c in delta.changes} == {"name", "city"}
    assert {(c.old, c.new) for c in delta.changes if c.field == "name"} == {("Oud", "Nieuw")}


def test_history_entries_show_who_and_what_changed():
    from sto.history import history_entries

    user = UserFactory(username="pm-history")
    organisation = services.organisation_create(by=user, key="12AB01", kind="vmbo", name="Oud")
    services.organisation_update(by=user, organisation=organisation, name="Nieuw")
    entries = history_entries(organisation)
    assert [e["type"] for e in entries] == ["gewijzigd", "aangemaakt"]
    assert entries[0]["who"] == user
    assert entries[0]["changes"] == [{"field": "naam", "old": "Oud", "new": "Nieuw"}]
