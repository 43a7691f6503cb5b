"""Accounts people manage themselves: invitations, password reset, lockout, the second login
step and "Mijn account" (docs/interfaces.md §7)."""

import datetime
import re

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from regions import users as user_services
from regions.accounts import SECOND_FACTOR_SESSION_KEY
from regions.permissions import must_use_second_factor
from regions.roles import Role
from tests.factories import OrganisationFactory, RegionFactory, UserFactory, manager_of, officer_of

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "geheim-wachtwoord"  # tests.factories.UserFactory
NEW_PASSWORD = "Een-nieuw-Sterk-wachtwoord-7"
LOGIN = reverse("login")
HOME = reverse("home")
MINE = reverse("accounts:my_account")  # a page every logged-in user reaches


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def _link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def _invite(admin_client, **extra) -> User:
    region = RegionFactory(name="Regio Invitatie")
    data = {
        "username": "nieuwe-pm",
        "first_name": "Nina",
        "last_name": "de Vries",
        "email": "nina@example.nl",
        "roles": [Role.PROGRAMME_MANAGER.value],
        "regions": [region.sto_number],
        **extra,
    }
    response = admin_client.post(reverse("regions:user_invite"), data)
    assert response.status_code == 302, response.content.decode()
    return User.objects.get(username="nieuwe-pm")


# --- Invitations -------------------------------------------------------------------------------


def test_an_invitation_creates_a_closed_account_and_mails_a_dutch_link(admin_client, administrator):
    user = _invite(admin_client)
    assert not user.is_active
    assert not user.has_usable_password()
    assert list(user.manager_assignments.values_list("region__name", flat=True)) == [
        "Regio Invitatie"
    ]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nina@example.nl"]
    assert message.subject == "Uitnodiging voor STO-beheer"
    assert "Beste Nina de Vries" in message.body
    assert "Uw gebruikersnaam is nieuwe-pm" in message.body
    assert "7 dagen geldig" in message.body
    assert _link(message).startswith("/accounts/uitnodiging/")
    # Until the invitee sets a password nobody can log in as them.
    client = Client()
    assert client.post(LOGIN, {"username": "nieuwe-pm", "password": ""}).status_code == 200
    assert "_auth_user_id" not in client.session
    # The administrator's invitation is in the user's history.
    log = LogEntry.objects.filter(object_id=str(user.pk)).order_by("action_time")
    assert [(e.user_id, e.is_addition()) for e in log] == [
        (administrator.pk, True),
        (administrator.pk, False),
    ]
    assert "uitnodiging" in log[1].change_message


def test_the_invitee_sets_their_password_once(client, admin_client):
    user = _invite(admin_client)
    link = _link(mail.outbox[0])
    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    assert "nieuwe-pm" in page.content.decode()
    weak = client.post(link, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 400
    assert 'class="error-summary"' in weak.content.decode()
    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == LOGIN
    user.refresh_from_db()
    assert user.is_active and user.check_password(NEW_PASSWORD)
    # The invitee's own step is in the history, by the invitee.
    assert LogEntry.objects.filter(object_id=str(user.pk), user=user).count() == 1
    # The link is used up and says so.
    again = client.get(link)
    assert again.status_code == 410
    assert "al gebruikt" in again.content.decode()
    assert client.post(link, {"new_password1": "x", "new_password2": "x"}).status_code == 410
    assert (
        client.post(LOGIN, {"username": "nieuwe-pm", "password": NEW_PASSWORD}).status_code == 302
    )


def test_an_expired_invitation_says_so_and_a_new_one_works(admin_client, administrator):
    user = _invite(admin_client)
    link = _link(mail.outbox[0])
    client = Client()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        admin_client.force_login(administrator)  # the earlier session has long been idle
        response = client.get(link)
        assert response.status_code == 410
        text = response.content.decode()
        assert "verlopen" in text and "7 dagen" in text
        resend = admin_client.post(reverse("regions:user_invitation_resend", args=[user.pk]))
        assert resend.status_code == 302
        assert len(mail.outbox) == 2
        assert client.get(_link(mail.outbox[1])).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=6)):
        assert client.get(link).status_code == 200  # still within its seven days


def test_a_tampered_invitation_link_is_not_found(client, admin_client):
    _invite(admin_client)
    link = _link(mail.outbox[0])
    assert client.get(link[:-3] + "xyz/").status_code == 404


def test_an_invitation_needs_an_email_address(admin_client):
    response = admin_client.post(
        reverse("regions:user_invite"),
        {"username": "zonder-mail", "roles": [Role.REVIEWER.value]},
    )
    assert response.status_code == 400
    assert not User.objects.filter(username="zonder-mail").exists()
    assert mail.outbox == []


def test_no_new_invitation_for_someone_with_a_password(admin_client):
    other = UserFactory(username="heeft-wachtwoord")
    response = admin_client.post(
        reverse("regions:user_invitation_resend", args=[other.pk]), follow=True
    )
    assert "heeft al een wachtwoord" in response.content.decode()
    assert mail.outbox == []


# --- Password reset ----------------------------------------------------------------------------


def test_the_login_page_links_to_the_password_reset(client):
    html = client.get(LOGIN).content.decode()
    assert 'href="/accounts/password_reset/"' in html


def test_password_reset_end_to_end(client):
    user = UserFactory(username="vergeetachtig", email="vergeet@example.nl")
    response = client.post(reverse("password_reset"), {"email": "vergeet@example.nl"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "STO-beheer: nieuw wachtwoord kiezen"
    assert "Uw gebruikersnaam is vergeetachtig" in message.body
    link = _link(message)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # The link works once.
    assert "verlopen of al gebruikt" in client.get(link, follow=True).content.decode()


def test_password_reset_never_tells_whether_an_address_exists(client):
    UserFactory(username="bekend", email="bekend@example.nl")
    UserFactory(username="uitgenodigd", email="uitgenodigd@example.nl", is_active=False)
    known = client.post(reverse("password_reset"), {"email": "bekend@example.nl"})
    unknown = client.post(reverse("password_reset"), {"email": "onbekend@example.nl"})
    inactive = client.post(reverse("password_reset"), {"email": "uitgenodigd@example.nl"})
    assert known.status_code == unknown.status_code == inactive.status_code == 302
    assert known["Location"] == unknown["Location"] == inactive["Location"]
    assert [m.to for m in mail.outbox] == [["bekend@example.nl"]]


# --- Lockout -----------------------------------------------------------------------------------


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def _login(client, username, password, ip="192.0.2.10"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_the_eleventh_attempt_is_locked_out_even_with_the_right_password(client, axes_on):
    UserFactory(username="doelwit")
    for attempt in range(1, 10):
        response = _login(client, "doelwit", f"fout-{attempt}")
        assert response.status_code == 200, attempt  # the login form again
    tenth = _login(client, "doelwit", "fout-10")
    assert tenth.status_code == 429
    locked = _login(client, "doelwit", PASSWORD)
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Tijdelijk geblokkeerd" in text and "30 minuten" in text
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="doelwit").failures_since_start >= 10
    # The lockout is for this username from this address: the same person elsewhere still logs in.
    other = Client()
    assert _login(other, "doelwit", PASSWORD, ip="198.51.100.7").status_code == 302
    # After the cool-off the right password works again.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31)):
        later = Client()
        assert _login(later, "doelwit", PASSWORD).status_code == 302


def test_a_successful_login_clears_the_failures(client, axes_on):
    UserFactory(username="slordig")
    for attempt in range(9):
        _login(client, "slordig", f"fout-{attempt}")
    assert _login(client, "slordig", PASSWORD).status_code == 302
    client.logout()
    assert _login(client, "slordig", "nog-eens-fout").status_code == 200
    assert _login(client, "slordig", PASSWORD).status_code == 302


# --- The second login step ---------------------------------------------------------------------


@pytest.fixture
def require_2fa(settings):
    settings.STO_REQUIRE_2FA = True


def _totp(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.mark.parametrize(
    ("role", "required"),
    [
        (Role.REVIEWER, True),
        (Role.ADMINISTRATOR, True),
        (Role.PROGRAMME_MANAGER, False),
        (Role.MUNICIPAL_OFFICER, False),
        (None, False),
    ],
)
def test_who_must_use_a_second_factor(settings, role, required):
    user = UserFactory(role=role)
    settings.STO_REQUIRE_2FA = True
    assert must_use_second_factor(user) is required
    settings.STO_REQUIRE_2FA = False
    assert must_use_second_factor(user) is False


def test_a_reviewer_sets_up_the_second_factor_and_gets_recovery_codes_once(
    client, reviewer, require_2fa
):
    assert _login(client, reviewer.username, PASSWORD).status_code == 302
    setup = reverse("accounts:second_factor_setup")
    for url in (HOME, reverse("regions:region_list"), reverse("accounts:my_account"), "/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(setup), url
    page = client.get(setup + "?next=/regios/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    wrong = client.post(setup, {"token": "000000" if _totp(device) != "000000" else "111111"})
    assert wrong.status_code == 400
    done = client.post(setup, {"token": _totp(device), "next": "/regios/"})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.values_list("token", flat=True))
    assert client.get(MINE).status_code == 200
    assert SECOND_FACTOR_SESSION_KEY not in client.session
    device.refresh_from_db()
    assert device.confirmed
    assert LogEntry.objects.filter(object_id=str(reviewer.pk), user=reviewer).exists()


def test_the_next_login_asks_for_a_code_and_accepts_a_recovery_code_once(
    client, reviewer, require_2fa
):
    device = TOTPDevice.objects.create(user=reviewer, name="app", confirmed=True)
    recovery = reviewer.staticdevice_set.create(name="codes", confirmed=True)
    recovery.token_set.create(token="herstel12")
    verify = reverse("accounts:second_factor_verify")
    _login(client, reviewer.username, PASSWORD)
    response = client.get(reverse("regions:region_list"))
    assert response["Location"] == verify + "?next=%2Fregios%2F"
    wrong = client.post(verify, {"token": "12345", "next": "/regios/"})
    assert wrong.status_code == 400
    assert "klopt niet" in wrong.content.decode()
    assert client.get(MINE)["Location"].startswith(verify)
    # Right after a wrong code even a right one is refused for a moment (django-otp throttling).
    assert client.post(verify, {"token": "herstel12"}).status_code == 400
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5)):
        ok = client.post(verify, {"token": "herstel12", "next": "/regios/"})
    assert ok.status_code == 302 and ok["Location"] == "/regios/"
    assert client.get(MINE).status_code == 200
    assert not recovery.token_set.exists()  # used up
    client.logout()
    _login(client, reviewer.username, PASSWORD)
    assert client.post(verify, {"token": "herstel12"}).status_code == 400
    # An unsafe "next" goes home instead. (Wrong codes slow the app's codes down, django-otp's
    # throttling; the test does not wait for it.)
    device.refresh_from_db()
    device.throttle_reset()
    ok = client.post(verify, {"token": _totp(device), "next": "https://elders.example/"})
    assert ok["Location"] == "/"


def test_logout_is_open_before_the_second_step(client, reviewer, require_2fa):
    _login(client, reviewer.username, PASSWORD)
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_without_the_requirement_a_reviewer_logs_in_with_a_password(client, reviewer):
    assert _login(client, reviewer.username, PASSWORD).status_code == 302
    assert client.get(MINE).status_code == 200


def test_a_manager_is_not_asked_unless_they_set_up_an_app(client, require_2fa):
    manager = manager_of(RegionFactory(), username="pm-vrijwillig")
    _login(client, manager.username, PASSWORD)
    assert client.get(MINE).status_code == 200
    TOTPDevice.objects.create(user=manager, name="app", confirmed=True)
    client.logout()
    _login(client, manager.username, PASSWORD)
    response = client.get(MINE)
    assert response["Location"].startswith(reverse("accounts:second_factor_verify"))


# --- Mijn account ------------------------------------------------------------------------------


def test_my_account_shows_roles_assignments_and_recent_logins(client, axes_on):
    municipality = OrganisationFactory(municipality=True, name="Gemeente Zelfkennis")
    officer = officer_of(municipality, username="ambtenaar-zelf")
    other = UserFactory(username="iemand-anders")
    _login(client, other.username, PASSWORD, ip="203.0.113.99")
    client.logout()
    _login(client, officer.username, PASSWORD, ip="203.0.113.5")
    html = client.get(reverse("accounts:my_account")).content.decode()
    assert "Gemeentelijk medewerker" in html
    assert "Gemeente Zelfkennis" in html
    assert "203.0.113.5" in html
    assert "203.0.113.99" not in html  # someone else's login
    assert "Niet ingeschakeld" in html


@pytest.mark.parametrize("logins", [1, 15])
def test_my_account_runs_a_fixed_number_of_queries(
    client, administrator, logins, django_assert_num_queries
):
    region = RegionFactory()
    user = manager_of(region, username="pm-telt")
    AccessLog.objects.bulk_create(
        AccessLog(username=user.username, ip_address="192.0.2.1", attempt_time=timezone.now())
        for _n in range(logins)
    )
    client.force_login(user)
    with django_assert_num_queries(8):
        response = client.get(reverse("accounts:my_account"))
    assert len(response.context["logins"]) == min(logins, 10)


# --- Managing accounts -------------------------------------------------------------------------


def test_administrators_search_users_by_role_email_and_state(admin_client):
    UserFactory(username="beoordelaar-a", role=Role.REVIEWER, email="a@dus-i.example")
    UserFactory(username="manager-b", role=Role.PROGRAMME_MANAGER, email="b@regio.example")
    UserFactory(username="oud-c", role=Role.REVIEWER, is_active=False)
    url = reverse("regions:user_list")

    def names(**params):
        response = admin_client.get(url, params)
        return [u.username for u in response.context["users"]]

    assert names(rol=Role.REVIEWER.value) == ["beoordelaar-a", "oud-c"]
    assert names(zoek="regio.example") == ["manager-b"]
    assert names(rol=Role.REVIEWER.value, actief="nee") == ["oud-c"]
    assert "beheerder-test" in names(actief="ja")


def test_the_user_form_offers_a_search_box_for_regions_and_municipalities(admin_client):
    html = admin_client.get(reverse("regions:user_invite")).content.decode()
    assert 'data-filter-label="Zoek een regio op nummer of naam"' in html
    assert 'data-filter-label="Zoek een gemeente op naam"' in html
    assert "js/select-filter.js" in html


def test_deactivating_a_user_keeps_the_account_and_its_history(admin_client, administrator):
    region = RegionFactory()
    user = manager_of(region, username="vertrekker")
    response = admin_client.post(
        reverse("regions:user_edit", args=[user.pk]),
        {"roles": [Role.PROGRAMME_MANAGER.value], "regions": [region.sto_number]},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    assert user.manager_assignments.count() == 1
    history = user_services.user_history(user)
    assert history[0]["who"] == administrator
    assert "actief" in history[0]["reason"]
    client = Client()
    assert _login(client, "vertrekker", PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session


def test_every_page_links_to_my_account(client, reviewer):
    client.force_login(reviewer)
    html = client.get(reverse("regions:region_list")).content.decode()
    assert f'<a href="{MINE}" title="Mijn account">beoordelaar-test</a>' in html


@pytest.mark.parametrize("size", [3, 30])
def test_the_user_list_by_role_runs_a_fixed_number_of_queries(
    admin_client, size, django_assert_max_num_queries
):
    for n in range(size):
        UserFactory(username=f"beoordelaar-{n:02d}", role=Role.REVIEWER)
        UserFactory(username=f"pm-{n:02d}", role=Role.PROGRAMME_MANAGER)
    with django_assert_max_num_queries(9):
        response = admin_client.get(reverse("regions:user_list"), {"rol": Role.REVIEWER.value})
    listed = [u.username for u in response.context["users"]]
    assert len(listed) == min(size, 25)
    assert all(name.startswith("beoordelaar-") for name in listed)


def test_an_administrator_removes_a_lost_second_factor(admin_client, administrator, reviewer):
    TOTPDevice.objects.create(user=reviewer, name="app", confirmed=True)
    reviewer.staticdevice_set.create(name="codes", confirmed=True).token_set.create(token="abc123")
    edit = reverse("regions:user_edit", args=[reviewer.pk])
    assert "Tweede stap verwijderen" in admin_client.get(edit).content.decode()
    response = admin_client.post(reverse("regions:user_second_factor_reset", args=[reviewer.pk]))
    assert response["Location"] == edit
    assert not TOTPDevice.objects.filter(user=reviewer).exists()
    assert not reviewer.staticdevice_set.exists()
    entry = LogEntry.objects.filter(object_id=str(reviewer.pk)).latest("action_time")
    assert entry.user == administrator and "tweede stap" in entry.change_message
    # Nothing left to remove: said so, nothing logged.
    again = admin_client.post(
        reverse("regions:user_second_factor_reset", args=[reviewer.pk]), follow=True
    )
    assert "geen tweede stap ingesteld" in again.content.decode()
    assert LogEntry.objects.filter(object_id=str(reviewer.pk)).count() == 1
