"""Partners and memberships: list, add (existing or new organisation), leave, organisation page."""

import datetime

import pytest
from django.urls import reverse

from regions import services
from regions.models import Membership, Organisation
from tests.factories import MembershipFactory, OrganisationFactory, RegionFactory, manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def region():
    return RegionFactory(name="Techniekregio Testland")


@pytest.fixture
def manager(client, region):
    user = manager_of(region)
    client.force_login(user)
    return user


def add_url(region):
    return reverse("regions:partner_add", args=[region.sto_number])


def list_url(region):
    return reverse("regions:partner_list", args=[region.sto_number])


def test_list_current_and_former_members_by_kind(client, manager, region):
    school = OrganisationFactory(name="Huidige School")
    company = OrganisationFactory(company=True, name="Huidig Bedrijf")
    gone = OrganisationFactory(company=True, name="Vertrokken Bedrijf")
    MembershipFactory(region=region, organisation=school)
    MembershipFactory(region=region, organisation=company)
    MembershipFactory(region=region, organisation=gone, end=datetime.date(2022, 12, 31))

    def names(**params):
        response = client.get(list_url(region), params)
        return [m.organisation.name for m in response.context["memberships"]]

    assert set(names()) == {"Huidige School", "Huidig Bedrijf"}
    assert names(status="former") == ["Vertrokken Bedrijf"]
    assert set(names(status="all")) == {"Huidige School", "Huidig Bedrijf", "Vertrokken Bedrijf"}
    assert names(status="all", soort="company") == ["Huidig Bedrijf", "Vertrokken Bedrijf"]
    html = client.get(list_url(region), {"status": "former"}).content.decode()
    assert "31 december 2022" in html


def test_partners_are_searchable_by_name_key_and_place(client, manager, region):
    school = OrganisationFactory(name="Da Vinci College", city="Leiden")
    company = OrganisationFactory(company=True, name="Bouwbedrijf Rijnland", city="Katwijk")
    gone = OrganisationFactory(company=True, name="Bouwbedrijf Oud", city="Leiden")
    MembershipFactory(region=region, organisation=school)
    MembershipFactory(region=region, organisation=company)
    MembershipFactory(region=region, organisation=gone, end=datetime.date(2022, 12, 31))

    def names(**params):
        response = client.get(list_url(region), params)
        return sorted(m.organisation.name for m in response.context["memberships"])

    assert names(q="bouwbedrijf") == ["Bouwbedrijf Rijnland"]  # current partners only
    assert names(q="bouwbedrijf", status="all") == ["Bouwbedrijf Oud", "Bouwbedrijf Rijnland"]
    assert names(q="leiden", status="all") == ["Bouwbedrijf Oud", "Da Vinci College"]
    assert names(q=school.key.lower()) == ["Da Vinci College"]
    assert names(q="  ") == ["Bouwbedrijf Rijnland", "Da Vinci College"]
    assert names(q="bestaat niet") == []
    html = client.get(list_url(region), {"q": "rijn"}).content.decode()
    assert 'name="q" id="id_q" value="rijn"' in html
    assert "Zoeken op naam, sleutel of plaats" in html


def test_add_an_existing_organisation_by_key(client, manager, region):
    mbo = OrganisationFactory(mbo=True, name="ROC Midden")
    response = client.post(
        add_url(region), {"existing_key": mbo.key.lower(), "start": "2024-08-01"}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(region=region, organisation=mbo)
    assert membership.start == datetime.date(2024, 8, 1)
    assert membership.history.first().history_user == manager


def test_search_finds_organisations_to_pick(client, manager, region):
    OrganisationFactory(mbo=True, name="ROC Zoekbaar")
    response = client.get(add_url(region), {"zoek": "zoekbaar"})
    assert [o.name for o in response.context["results"]] == ["ROC Zoekbaar"]


def test_add_a_new_organisation(client, manager, region):
    response = client.post(
        add_url(region),
        {
            "kind": "vmbo",
            "key": "12ab00",
            "name": "Nieuwe Vestiging",
            "city": "Ede",
            "technical_profiles": ["BWI", "PIE"],
            "start": "2024-01-01",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(key="12AB00")
    assert organisation.technical_profiles == "BWI;PIE"
    assert Membership.objects.filter(region=region, organisation=organisation).exists()


@pytest.mark.parametrize(
    ("kind", "key", "fragment"),
    [
        ("vmbo", "1234AB", "geen geldige BRIN"),
        ("company", "1234567", "geen geldig KvK-nummer"),
        ("municipality", "0362", "geen geldige CBS-gemeentecode"),
    ],
)
def test_an_invalid_key_is_reported_next_to_the_key_field_and_nothing_is_saved(
    client, manager, region, kind, key, fragment
):
    before = Organisation.objects.count()
    response = client.post(
        add_url(region), {"kind": kind, "key": key, "name": "X", "start": "2024-01-01"}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert any(fragment in e for e in form.errors["key"])
    html = response.content.decode()
    # The message sits in the key field's error list, and in the summary on top.
    assert 'id="id_key_error"' in html and fragment in html
    assert Organisation.objects.count() == before
    assert not Membership.objects.filter(region=region).exists()


def test_missing_fields_end_before_start_and_unknown_key(client, manager, region):
    response = client.post(
        add_url(region), {"existing_key": "99ZZ", "start": "2024-01-01", "end": "2023-01-01"}
    )
    errors = response.context["form"].errors
    assert "Er is geen organisatie met sleutel 99ZZ" in errors["existing_key"][0]
    assert errors["end"] == ["De einddatum ligt voor de begindatum."]
    response = client.post(add_url(region), {"start": "2024-01-01"})
    errors = response.context["form"].errors
    assert set(errors) >= {"kind", "key", "name"}
    assert not Membership.objects.exists()


def test_a_vmbo_location_of_another_region_is_refused(client, manager, region):
    school = OrganisationFactory(name="Bezette School")
    MembershipFactory(organisation=school)  # in another region, still a member
    response = client.post(add_url(region), {"existing_key": school.key, "start": "2024-01-01"})
    assert response.status_code == 400
    assert "ten hoogste één regio" in response.context["form"].errors["existing_key"][0]
    assert not Membership.objects.filter(region=region).exists()


def test_an_organisation_already_member_is_refused(client, manager, region):
    company = OrganisationFactory(company=True)
    MembershipFactory(region=region, organisation=company, start=datetime.date(2020, 1, 1))
    response = client.post(add_url(region), {"existing_key": company.key, "start": "2024-01-01"})
    assert "al lid van deze regio" in response.context["form"].errors["start"][0]
    assert Membership.objects.filter(region=region).count() == 1


def test_leave_and_its_history(client, manager, region):
    membership = MembershipFactory(region=region, organisation=OrganisationFactory(company=True))
    url = reverse("regions:membership_end", args=[region.sto_number, membership.pk])
    response = client.post(url, {"end": "2019-01-01"})  # before the start: refused
    assert response.context["form"].errors["end"] == ["De einddatum ligt voor de begindatum."]
    membership.refresh_from_db()
    assert membership.end is None
    response = client.post(url, {"end": "2024-07-31"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end == datetime.date(2024, 7, 31)
    html = client.get(url).content.decode()
    assert "Historie" in html and manager.username in html and "2024-07-31" in html


def test_organisation_page_edit_and_history(client, manager, region):
    municipality = OrganisationFactory(municipality=True, name="Gemeente Oud", inhabitants=1000)
    MembershipFactory(region=region, organisation=municipality)
    url = reverse("regions:organisation_detail", args=[region.sto_number, municipality.key])
    response = client.post(
        url, {"name": "Gemeente Nieuw", "city": "Nieuwstad", "inhabitants": "-5"}
    )
    assert response.status_code == 400
    assert "inhabitants" in response.context["form"].errors
    municipality.refresh_from_db()
    assert municipality.name == "Gemeente Oud"
    response = client.post(
        url, {"name": "Gemeente Nieuw", "city": "Nieuwstad", "inhabitants": "92000"}
    )
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert (municipality.name, municipality.inhabitants) == ("Gemeente Nieuw", 92000)
    html = client.get(url).content.decode()
    assert "Gemeente Oud" in html and "Gemeente Nieuw" in html and manager.username in html


@pytest.mark.parametrize("size", [3, 30])
def test_partner_pages_run_a_fixed_number_of_queries(
    client, manager, region, size, django_assert_max_num_queries
):
    orgs = []
    for _ in range(size):
        org = OrganisationFactory(company=True)
        orgs.append(org)
        MembershipFactory(region=region, organisation=org)
        services.organisation_update(by=manager, organisation=org, city="Elders")
    with django_assert_max_num_queries(8):
        response = client.get(list_url(region))
    assert len(response.context["memberships"]) == min(size, 25)
    with django_assert_max_num_queries(8):
        response = client.get(list_url(region), {"q": "Elders", "status": "all"})
    assert len(response.context["memberships"]) == min(size, 25)
    membership = Membership.objects.filter(region=region).first()
    with django_assert_max_num_queries(8):
        client.get(reverse("regions:membership_end", args=[region.sto_number, membership.pk]))
    with django_assert_max_num_queries(8):
        client.get(reverse("regions:organisation_detail", args=[region.sto_number, orgs[0].key]))
    with django_assert_max_num_queries(8):
        client.get(add_url(region), {"zoek": "Techniekbedrijf"})
