"""The user services acting for the system (``by=None``, only seed_demo) and the demo password."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from regions.models import ManagerAssignment, OfficerAssignment
from regions.roles import Role, user_roles
from regions.users import user_create, user_update
from tests.factories import OrganisationFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_a_weak_password_is_refused_unless_it_is_the_demo_password_of_the_system():
    region = RegionFactory(sto_number="STO19068", name="Amstelland")
    with pytest.raises(ValidationError) as caught:
        user_create(
            by=None,
            username="programmamanager",
            password="demo",
            roles=[Role.PROGRAMME_MANAGER.value],
            regions=[region],
        )
    assert "password" in caught.value.message_dict
    assert not User.objects.filter(username="programmamanager").exists()

    user = user_create(
        by=None,
        username="programmamanager",
        password="demo",
        roles=[Role.PROGRAMME_MANAGER.value],
        regions=[region],
        reason="seed_demo",
        demo_password=True,
    )

    assert user.check_password("demo")
    assert user_roles(user) == {Role.PROGRAMME_MANAGER.value}
    record = ManagerAssignment.history.get(user_id=user.pk)
    assert (record.region_id, record.history_user, record.history_change_reason) == (
        region.pk,
        None,
        "seed_demo",
    )
    assert not LogEntry.objects.exists()  # no person acted, so no admin log entry


def test_a_person_can_never_set_a_demo_password():
    administrator = UserFactory(role=Role.ADMINISTRATOR)
    with pytest.raises(ValueError, match="seed_demo only"):
        user_create(
            by=administrator,
            username="gemeente",
            password="demo",
            roles=[Role.REVIEWER.value],
            demo_password=True,
        )
    assert not User.objects.filter(username="gemeente").exists()

    user = UserFactory(username="beoordelaar", role=Role.REVIEWER)
    with pytest.raises(ValueError, match="seed_demo only"):
        user_update(
            by=administrator,
            user=user,
            email=user.email,
            first_name="",
            last_name="",
            is_active=True,
            roles=[Role.REVIEWER.value],
            regions=[],
            municipality=None,
            password="demo",
            demo_password=True,
        )
    user.refresh_from_db()
    assert not user.check_password("demo")


def test_the_system_updates_an_existing_user_with_the_reason_in_the_history():
    municipality = OrganisationFactory(municipality=True, key="GM0362", name="Gemeente Amstelveen")
    user = UserFactory(username="gemeente", role=Role.REVIEWER)

    user_update(
        by=None,
        user=user,
        email="gemeente@sto-demo.example",
        first_name="Gijs",
        last_name="Hoekstra",
        is_active=True,
        roles=[Role.MUNICIPAL_OFFICER.value],
        regions=[],
        municipality=municipality,
        password="demo",
        reason="seed_demo",
        demo_password=True,
    )

    user.refresh_from_db()
    assert user.check_password("demo") and user.first_name == "Gijs"
    assert user_roles(user) == {Role.MUNICIPAL_OFFICER.value}
    record = OfficerAssignment.history.get(user_id=user.pk)
    assert (record.municipality_id, record.history_user, record.history_change_reason) == (
        municipality.pk,
        None,
        "seed_demo",
    )
    assert not LogEntry.objects.exists()
