"""What money depends on is never deleted by accident, and users are deactivated, not deleted."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db.models import ProtectedError
from django.urls import reverse

from regions.models import Region
from regions.roles import Role
from tests.factories import (
    CofinancingCommitmentFactory,
    GrantFactory,
    MembershipFactory,
    MunicipalContributionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize(
    "make",
    [
        lambda: GrantFactory(amount=Decimal("1000")).region,
        lambda: CofinancingCommitmentFactory().region,
        lambda: MunicipalContributionFactory().region,
        lambda: MembershipFactory().region,
    ],
    ids=["grant", "co-financing", "contribution", "membership"],
)
def test_a_region_with_money_or_partners_cannot_be_deleted(make):
    region = make()
    with pytest.raises(ProtectedError):
        region.delete()
    assert Region.objects.filter(pk=region.pk).exists()


def test_the_admin_refuses_to_delete_a_region_and_says_why(client):
    admin_user = UserFactory(
        username="beheer", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True
    )
    region = GrantFactory(amount=Decimal("1000")).region
    client.force_login(admin_user)
    url = reverse("admin:regions_region_delete", args=[region.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "kan niet worden verwijderd" in page.content.decode()  # and lists the grant
    client.post(url, {"post": "yes"})
    assert Region.objects.filter(pk=region.pk).exists()


def test_users_are_deactivated_never_deleted_in_the_admin(client):
    admin_user = UserFactory(
        username="beheer", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True
    )
    leaver = UserFactory(username="vertrekker", role=Role.REVIEWER)
    client.force_login(admin_user)
    User = get_user_model()
    delete_url = reverse("admin:auth_user_delete", args=[leaver.pk])
    assert client.get(delete_url).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:auth_user_changelist")
    response = client.post(
        changelist, {"action": "deactivate_users", "_selected_action": [leaver.pk]}
    )
    assert response.status_code == 302
    leaver = User.objects.get(pk=leaver.pk)
    assert leaver.is_active is False
