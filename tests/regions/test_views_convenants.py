"""Convenants and signatures: who signed, when, as what; recording a signature."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from regions import services
from regions.models import Signature
from tests.factories import (
    ConvenantFactory,
    MembershipFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
    SignatureFactory,
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
def convenant(region):
    return ConvenantFactory(
        region=region,
        period=PeriodFactory(),
        title="Convenant Amstelland 2025-2028",
        signing_deadline=datetime.date(2024, 10, 1),
    )


def sign_url(region, convenant, organisation):
    return reverse(
        "regions:signature_edit", args=[region.sto_number, convenant.pk, organisation.key]
    )


def test_detail_lists_every_partner_with_signature_or_missing(client, manager, region, convenant):
    signed = OrganisationFactory(name="Getekend College")
    unsigned = OrganisationFactory(company=True, name="Nog Niet B.V.")
    for org in (signed, unsigned):
        MembershipFactory(region=region, organisation=org)
    SignatureFactory(
        convenant=convenant,
        organisation=signed,
        signed_on=datetime.date(2024, 9, 24),
        signatory="M. Bakker",
        function="voorzitter college van bestuur",
    )
    response = client.get(
        reverse("regions:convenant_detail", args=[region.sto_number, convenant.pk])
    )
    rows = {r.organisation.name: r for r in response.context["rows"]}
    assert rows["Getekend College"].signature.signatory == "M. Bakker"
    assert rows["Nog Niet B.V."].signature is None
    assert response.context["signed"] == 1
    html = response.content.decode()
    assert "24 september 2024" in html and "voorzitter college van bestuur" in html
    assert "nog niet getekend" in html
    listing = client.get(reverse("regions:convenant_list", args=[region.sto_number]))
    status = listing.context["statuses"][0]
    assert (status.signed, status.members) == (1, 2)


def test_record_a_signature_with_history(client, manager, region, convenant):
    company = OrganisationFactory(company=True, name="Tekenaar B.V.")
    MembershipFactory(region=region, organisation=company)
    url = sign_url(region, convenant, company)
    response = client.post(
        url, {"signed_on": "2024-09-20", "signatory": "P. de Wit", "function": "directeur"}
    )
    assert response.status_code == 302
    signature = Signature.objects.get(convenant=convenant, organisation=company)
    assert (signature.signed_on, signature.signatory, signature.function) == (
        datetime.date(2024, 9, 20),
        "P. de Wit",
        "directeur",
    )
    # Correcting it updates the same record; the history shows both.
    client.post(
        url, {"signed_on": "2024-09-21", "signatory": "P. de Wit", "function": "algemeen directeur"}
    )
    assert Signature.objects.filter(convenant=convenant, organisation=company).count() == 1
    html = client.get(url).content.decode()
    assert "Historie" in html and manager.username in html
    assert "directeur" in html and "algemeen directeur" in html


def test_signing_date_in_the_future_and_missing_signatory_are_refused(
    client, manager, region, convenant
):
    company = OrganisationFactory(company=True)
    MembershipFactory(region=region, organisation=company)
    url = sign_url(region, convenant, company)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(url, {"signed_on": tomorrow, "signatory": "X"})
    assert response.status_code == 400
    assert response.context["form"].errors["signed_on"] == [
        "De ondertekendatum ligt in de toekomst."
    ]
    response = client.post(url, {"signed_on": "2024-09-01", "signatory": "  "})
    assert response.context["form"].errors["signatory"] == ["Vul in wie heeft ondertekend."]
    assert 'id="id_signatory_error"' in response.content.decode()
    assert not Signature.objects.exists()


def test_service_refuses_non_members_and_future_dates(region, convenant):
    outsider = OrganisationFactory(company=True)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.signature_record(
            by=None,
            convenant=convenant,
            organisation=outsider,
            signed_on=datetime.date(2024, 9, 1),
            signatory="A",
        )
    assert "organisation" in exc.value.message_dict
    member = OrganisationFactory(company=True)
    MembershipFactory(region=region, organisation=member)
    with pytest.raises(ValidationError) as exc:
        services.signature_record(
            by=None,
            convenant=convenant,
            organisation=member,
            signed_on=timezone.localdate() + datetime.timedelta(days=3),
            signatory="A",
        )
    assert "signed_on" in exc.value.message_dict
    assert not Signature.objects.exists()


def test_an_outsider_has_no_signature_page(client, manager, region, convenant):
    outsider = OrganisationFactory(company=True)
    assert client.get(sign_url(region, convenant, outsider)).status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_pages_run_a_fixed_number_of_queries(
    client, manager, region, convenant, size, django_assert_max_num_queries
):
    for i in range(size):
        org = OrganisationFactory(company=True)
        MembershipFactory(region=region, organisation=org)
        if i % 2:
            services.signature_record(
                by=manager,
                convenant=convenant,
                organisation=org,
                signed_on=datetime.date(2024, 9, 1),
                signatory=f"S{i}",
            )
    with django_assert_max_num_queries(8):
        response = client.get(reverse("regions:convenant_list", args=[region.sto_number]))
    assert response.context["statuses"][0].members == size
    with django_assert_max_num_queries(10):
        response = client.get(
            reverse("regions:convenant_detail", args=[region.sto_number, convenant.pk])
        )
    assert len(response.context["rows"]) == size
    # One signature page whose history grows with the size.
    org = next(r.organisation for r in response.context["rows"] if r.signature is None)
    for i in range(size):
        services.signature_record(
            by=manager,
            convenant=convenant,
            organisation=org,
            signed_on=datetime.date(2024, 9, 1),
            signatory=f"Versie {i}",
        )
    with django_assert_max_num_queries(10):
        response = client.get(sign_url(region, convenant, org))
    assert len(response.context["history"]) == size
