"""A programme manager corrects an organisation only when no other region shares it."""

import pytest
from django.urls import reverse

from regions.models import Organisation
from regions.permissions import can_edit_organisation
from tests.factories import MembershipFactory, OrganisationFactory, RegionFactory, manager_of

pytestmark = pytest.mark.django_db


def _post(client, region, organisation, name):
    url = reverse("regions:organisation_detail", args=[region.sto_number, organisation.key])
    return client.post(
        url,
        {"name": name, "city": organisation.city, "inhabitants": organisation.inhabitants or ""},
    )


def test_manager_edits_an_organisation_only_their_region_has(client):
    region = RegionFactory()
    company = OrganisationFactory(company=True, name="Eigen B.V.")
    MembershipFactory(region=region, organisation=company)
    manager = manager_of(region)
    assert can_edit_organisation(manager, company)
    client.force_login(manager)
    response = _post(client, region, company, "Eigen Techniek B.V.")
    assert response.status_code == 302
    assert Organisation.objects.get(pk=company.pk).name == "Eigen Techniek B.V."


def test_a_municipality_shared_with_another_region_is_read_only_for_the_manager(
    client, administrator
):
    region, other = RegionFactory(), RegionFactory()
    municipality = OrganisationFactory(
        municipality=True, name="Gemeente Gedeeld", inhabitants=40000
    )
    MembershipFactory(region=region, organisation=municipality)
    MembershipFactory(region=other, organisation=municipality)
    manager = manager_of(region)
    assert not can_edit_organisation(manager, municipality)
    client.force_login(manager)
    url = reverse("regions:organisation_detail", args=[region.sto_number, municipality.key])
    page = client.get(url).content.decode()
    assert "ook partner van een andere regio" in page and 'name="inhabitants"' not in page
    response = client.post(url, {"name": "Gemeente Anders", "inhabitants": "1"})
    assert response.status_code == 403
    assert Organisation.objects.get(pk=municipality.pk).inhabitants == 40000
    # A manager of both regions, and an administrator, may correct it.
    assert can_edit_organisation(manager_of(region, other), municipality)
    assert can_edit_organisation(administrator, municipality)
