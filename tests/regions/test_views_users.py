"""User management by administrators: roles, regions and municipality, with history."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from regions.models import ManagerAssignment, OfficerAssignment
from regions.roles import Role, user_roles
from tests.factories import OrganisationFactory, RegionFactory, UserFactory, manager_of

pytestmark = pytest.mark.django_db
User = get_user_model()
CREATE = reverse("regions:user_create")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def test_create_a_programme_manager_with_regions(admin_client, administrator):
    one, two = RegionFactory(), RegionFactory()
    response = admin_client.post(
        CREATE,
        {
            "username": "pm-noord",
            "first_name": "Petra",
            "last_name": "Mulder",
            "email": "petra@example.nl",
            "is_active": "on",
            "roles": [Role.PROGRAMME_MANAGER.value],
            "regions": [one.sto_number, two.sto_number],
            "password": "een-Sterk-wachtwoord-2025",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="pm-noord")
    assert user.check_password("een-Sterk-wachtwoord-2025")
    assert user_roles(user) == {Role.PROGRAMME_MANAGER.value}
    assert set(ManagerAssignment.objects.filter(user=user).values_list("region", flat=True)) == {
        one.pk,
        two.pk,
    }
    assert ManagerAssignment.history.filter(user_id=user.pk).first().history_user == administrator
    assert not user.is_staff
    # The new manager can now open their region and not another one.
    assert admin_client.login(username="pm-noord", password="een-Sterk-wachtwoord-2025")
    assert (
        admin_client.get(reverse("regions:region_detail", args=[one.sto_number])).status_code == 200
    )
    assert (
        admin_client.get(
            reverse("regions:region_detail", args=[RegionFactory().sto_number])
        ).status_code
        == 404
    )


def test_create_an_officer_and_an_administrator(admin_client):
    gm = OrganisationFactory(municipality=True, name="Gemeente Amstelveen")
    admin_client.post(
        CREATE,
        {
            "username": "gm-amstelveen",
            "roles": [Role.MUNICIPAL_OFFICER.value],
            "municipality": gm.key,
            "is_active": "on",
            "password": "een-Sterk-wachtwoord-2025",
        },
    )
    officer = User.objects.get(username="gm-amstelveen")
    assert OfficerAssignment.objects.get(user=officer).municipality == gm
    admin_client.post(
        CREATE,
        {
            "username": "nieuwe-beheerder",
            "roles": [Role.ADMINISTRATOR.value],
            "is_active": "on",
            "password": "een-Sterk-wachtwoord-2025",
        },
    )
    assert User.objects.get(username="nieuwe-beheerder").is_staff  # may use /admin/ as well


@pytest.mark.parametrize(
    ("data", "field", "fragment"),
    [
        ({"roles": [Role.PROGRAMME_MANAGER.value]}, "regions", "Kies de regio"),
        ({"roles": [Role.MUNICIPAL_OFFICER.value]}, "municipality", "Kies de gemeente"),
        (
            {"roles": [Role.REVIEWER.value], "municipality": "GM0362"},
            "municipality",
            "kies ook die rol",
        ),
        ({"password": "12345678"}, "password", "wachtwoord"),
        ({"username": "bestaand"}, "username", "al in gebruik"),
        ({"email": "geen-adres"}, "email", "e-mailadres"),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_nothing_saved(
    admin_client, data, field, fragment
):
    OrganisationFactory(municipality=True, key="GM0362")
    UserFactory(username="bestaand")
    before = User.objects.count()
    post = {
        "username": "nieuw",
        "password": "een-Sterk-wachtwoord-2025",
        "is_active": "on",
        "roles": [Role.REVIEWER.value],
        **data,
    }
    response = admin_client.post(CREATE, post)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert any(fragment.lower() in e.lower() for e in errors[field]), errors[field]
    assert f'id="id_{field}_error"' in response.content.decode()
    assert User.objects.count() == before
    assert not ManagerAssignment.objects.exists() and not OfficerAssignment.objects.exists()


def test_edit_moves_a_manager_and_shows_the_history(admin_client, administrator):
    old, new = RegionFactory(), RegionFactory()
    user = manager_of(old, username="verhuizer")
    url = reverse("regions:user_edit", args=[user.pk])
    response = admin_client.get(url)
    assert response.context["form"].initial["regions"] == [old.sto_number]
    response = admin_client.post(
        url,
        {
            "first_name": "Vera",
            "email": "vera@example.nl",
            "is_active": "on",
            "roles": [Role.PROGRAMME_MANAGER.value],
            "regions": [new.sto_number],
        },
    )
    assert response.status_code == 302
    assert list(ManagerAssignment.objects.filter(user=user).values_list("region", flat=True)) == [
        new.pk
    ]
    user.refresh_from_db()
    assert user.first_name == "Vera"
    html = admin_client.get(url).content.decode()
    assert "Historie" in html
    assert administrator.username in html
    assert str(old) in html and str(new) in html  # removed and added region
    assert "voornaam" in html  # the admin log names the changed field


def test_an_administrator_cannot_lock_themselves_out(admin_client, administrator):
    url = reverse("regions:user_edit", args=[administrator.pk])
    response = admin_client.post(url, {"roles": [Role.REVIEWER.value], "is_active": "on"})
    assert response.status_code == 400
    assert "eigen rol als beheerder" in response.context["form"].errors["roles"][0]
    assert Role.ADMINISTRATOR.value in set(administrator.groups.values_list("name", flat=True))


@pytest.mark.parametrize("role", [Role.PROGRAMME_MANAGER, Role.MUNICIPAL_OFFICER, Role.REVIEWER])
def test_other_roles_are_refused(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("regions:user_list")).status_code == 403
    response = client.post(
        CREATE, {"username": "indringer", "password": "een-Sterk-wachtwoord-2025"}
    )
    assert response.status_code == 403
    assert not User.objects.filter(username="indringer").exists()


@pytest.mark.parametrize("size", [3, 30])
def test_list_runs_a_fixed_number_of_queries(admin_client, size, django_assert_max_num_queries):
    gm = OrganisationFactory(municipality=True)
    regions = [RegionFactory() for _ in range(3)]
    for i in range(size):
        if i % 2:
            manager_of(*regions)
        else:
            from tests.factories import officer_of

            officer_of(gm)
    with django_assert_max_num_queries(9):
        response = admin_client.get(reverse("regions:user_list"))
    assert len(response.context["users"]) == min(size + 1, 25)
    user = User.objects.filter(manager_assignments__isnull=False).first()
    with django_assert_max_num_queries(14):
        admin_client.get(reverse("regions:user_edit", args=[user.pk]))
    with django_assert_max_num_queries(8):
        response = admin_client.get(CREATE)
    assert len(response.context["form"].fields["regions"].queryset) == 3


def test_navigation_marks_only_the_user_pages_as_current(admin_client):
    html = admin_client.get(reverse("regions:user_list")).content.decode()
    assert html.count('aria-current="page"') == 1
    assert f'<a href="{reverse("regions:user_list")}" aria-current="page">' in html
