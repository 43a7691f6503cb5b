"""Student counts per location × reference date × profile × learning path."""

import datetime

import pytest
from django.urls import reverse

from regions.models import StudentCount
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    RegionFactory,
    StudentCountFactory,
    manager_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def region():
    return RegionFactory()


@pytest.fixture
def manager(client, region):
    user = manager_of(region)
    client.force_login(user)
    return user


@pytest.fixture
def school(region):
    school = OrganisationFactory(name="Vakcollege Test")
    MembershipFactory(region=region, organisation=school)
    return school


def table_url(region):
    return reverse("regions:student_counts", args=[region.sto_number])


def test_table_per_reference_date_with_totals(client, manager, region, school):
    StudentCountFactory(
        organisation=school,
        reference_date=datetime.date(2024, 10, 1),
        profile="BWI",
        learning_path="BB",
        students=40,
    )
    StudentCountFactory(
        organisation=school,
        reference_date=datetime.date(2024, 10, 1),
        profile="BWI",
        learning_path="KB",
        students=25,
    )
    StudentCountFactory(
        organisation=school,
        reference_date=datetime.date(2024, 10, 1),
        profile="Z&W",
        learning_path="GL",
        students=10,
    )
    StudentCountFactory(
        organisation=school,
        reference_date=datetime.date(2023, 10, 1),
        profile="BWI",
        learning_path="BB",
        students=7,
    )
    # A school of another region is not in this table.
    outsider = StudentCountFactory(
        organisation=OrganisationFactory(name="Buitenstaander"), students=987
    )
    response = client.get(table_url(region))
    assert response.context["selected"] == datetime.date(2024, 10, 1)
    assert response.context["totals"] == [40, 25, 10, 0]
    assert response.context["grand_total"] == 75
    bwi = next(r for r in response.context["table"] if r["profile"] == "BWI")
    assert [c.students if c else None for c in bwi["columns"]] == [40, 25, None, None]
    response = client.get(table_url(region), {"peildatum": "2023-10-01"})
    assert response.context["grand_total"] == 7
    content = response.content.decode()
    assert outsider.organisation.name not in content and ">987<" not in content


def test_add_and_correct_a_count(client, manager, region, school):
    data = {
        "organisation": school.key,
        "reference_date": "2024-10-01",
        "profile": "PIE",
        "learning_path": "GL",
        "students": "31",
    }
    assert client.post(table_url(region), data).status_code == 302
    assert StudentCount.objects.get(organisation=school, profile="PIE").students == 31
    # Entering the same cell again corrects it rather than adding a second row.
    client.post(table_url(region), {**data, "students": "33"})
    count = StudentCount.objects.get(organisation=school, profile="PIE")
    assert count.students == 33
    url = reverse("regions:student_count_detail", args=[region.sto_number, count.pk])
    assert client.post(url, {"students": "35"}).status_code == 302
    count.refresh_from_db()
    assert count.students == 35
    html = client.get(url).content.decode()
    assert "Historie" in html and manager.username in html
    assert [h.students for h in count.history.order_by("history_date")] == [31, 33, 35]


@pytest.mark.parametrize(
    ("change", "field", "fragment"),
    [
        ({"students": "-1"}, "students", "minstens 0"),
        ({"reference_date": "2024-09-01"}, "reference_date", "1 oktober"),
        ({"organisation": "99ZZ00"}, "organisation", "geldige keuze"),
    ],
)
def test_bad_input_is_reported_next_to_the_field(
    client, manager, region, school, change, field, fragment
):
    data = {
        "organisation": school.key,
        "reference_date": "2024-10-01",
        "profile": "PIE",
        "learning_path": "GL",
        "students": "31",
        **change,
    }
    response = client.post(table_url(region), data)
    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    assert any(fragment in e for e in errors), errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not StudentCount.objects.exists()


@pytest.mark.parametrize("size", [3, 30])
def test_pages_run_a_fixed_number_of_queries(
    client, manager, region, size, django_assert_max_num_queries
):
    paths = ["BB", "KB", "GL", "TL"]
    for i in range(size):
        school = OrganisationFactory()
        MembershipFactory(region=region, organisation=school)
        for path in paths:
            StudentCountFactory(organisation=school, learning_path=path, students=i)
    with django_assert_max_num_queries(9):
        response = client.get(table_url(region))
    assert len(response.context["table"]) == size
    count = StudentCount.objects.first()
    with django_assert_max_num_queries(8):
        client.get(reverse("regions:student_count_detail", args=[region.sto_number, count.pk]))


def test_the_old_region_does_not_correct_counts_from_after_the_move(client):
    old, new = RegionFactory(), RegionFactory()
    school = OrganisationFactory(name="Verhuisde school")
    MembershipFactory(
        region=old,
        organisation=school,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2023, 7, 31),
    )
    MembershipFactory(region=new, organisation=school, start=datetime.date(2023, 8, 1))
    before = StudentCountFactory(
        organisation=school, reference_date=datetime.date(2022, 10, 1), students=50
    )
    after = StudentCountFactory(
        organisation=school, reference_date=datetime.date(2024, 10, 1), students=60
    )
    client.force_login(manager_of(old))

    def url(count):
        return reverse("regions:student_count_detail", args=[old.sto_number, count.pk])

    # Its own year: editable.
    assert client.get(url(before)).context["form"] is not None
    assert client.post(url(before), {"students": "55"}).status_code == 302
    before.refresh_from_db()
    assert before.students == 55
    # The new region's year: readable, not editable.
    page = client.get(url(after))
    assert page.status_code == 200 and page.context["form"] is None
    assert client.post(url(after), {"students": "1"}).status_code == 403
    after.refresh_from_db()
    assert after.students == 60
