"""Accounts in the browser: an invitation sets a password, a password reset end to end, the
lockout after ten wrong passwords, and a reviewer's second login step (docs/interfaces.md §7)."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from regions.roles import Role
from tests.factories import UserFactory

from .conftest import PASSWORD, axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_PASSWORD = "Mijn-eigen-Sterk-wachtwoord-9"


def _link(message) -> str:
    match = re.search(r"https?://\S+", message.body)
    assert match, message.body
    return match.group(0)


def _logout(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(lambda url: "/accounts/login/" in url)


def test_an_administrator_invites_and_the_invitee_sets_a_password(page):
    UserFactory(username="beheer-browser", password=PASSWORD, role=Role.ADMINISTRATOR)
    login(page, "beheer-browser")
    page.goto(page.base_url + "/regios/beheer/gebruikers/")
    page.get_by_role("link", name="Iemand uitnodigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Iemand uitnodigen")
    # Sent without an address: the error summary comes first and takes the focus.
    page.get_by_label("Gebruikersnaam").fill("nieuwe-beoordelaar")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.locator(".error-summary")).to_be_focused()
    assert axe_violations(page) == []
    page.get_by_label("Voornaam").fill("Bram")
    page.get_by_label("E-mailadres").fill("bram@dus-i.example")
    page.get_by_label("Beoordelaar", exact=True).check()
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("status").first).to_contain_text("bram@dus-i.example")
    assert len(mail.outbox) == 1
    link = _link(mail.outbox[0])
    _logout(page)

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom bij STO-beheer")
    assert axe_violations(page) == []
    page.get_by_label("Nieuw wachtwoord").first.fill(NEW_PASSWORD)
    page.get_by_label("Nieuw wachtwoord bevestigen").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Wachtwoord instellen").click()
    page.wait_for_url(lambda url: "/accounts/login/" in url)
    expect(page.get_by_role("status")).to_contain_text("Uw wachtwoord is ingesteld")
    login(page, "nieuwe-beoordelaar", NEW_PASSWORD)
    assert get_user_model().objects.get(username="nieuwe-beoordelaar").is_active
    # The link is used up and says so.
    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text("al gebruikt")


def test_a_password_reset_works_end_to_end(page):
    UserFactory(username="vergeten", email="vergeten@example.nl", password=PASSWORD)
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    assert axe_violations(page) == []
    page.get_by_label("E-mailadres").fill("vergeten@example.nl")
    page.get_by_role("button", name="Stuur de link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw e-mail")
    assert len(mail.outbox) == 1
    page.goto(_link(mail.outbox[0]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuw wachtwoord kiezen")
    assert axe_violations(page) == []
    page.get_by_label("Nieuw wachtwoord").first.fill(NEW_PASSWORD)
    page.get_by_label("Nieuw wachtwoord bevestigen").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtwoord opgeslagen")
    login(page, "vergeten", NEW_PASSWORD)


def test_the_eleventh_login_is_locked_out_even_with_the_right_password(page, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="geblokkeerd", password=PASSWORD, role=Role.REVIEWER)
    for attempt in range(10):
        page.goto(page.base_url + "/accounts/login/")
        page.get_by_label("Gebruikersnaam").fill("geblokkeerd")
        page.get_by_label("Wachtwoord").fill(f"fout-{attempt}")
        page.get_by_role("button", name="Inloggen").click()
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("geblokkeerd")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tijdelijk geblokkeerd")
    expect(page.get_by_role("alert")).to_contain_text("ook met het juiste wachtwoord")
    assert axe_violations(page) == []
    page.goto(page.base_url + "/accounts/mijn-account/")
    assert "/accounts/login/" in page.url  # not logged in


def _code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the reviewer's app shows; ``steps_ahead=1`` is the next one (a code is accepted
    once, and one step either side of now)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def test_a_reviewer_must_pass_a_second_factor(page, settings):
    settings.STO_REQUIRE_2FA = True
    reviewer = UserFactory(username="twee-stappen", password=PASSWORD, role=Role.REVIEWER)
    login(page, "twee-stappen")
    # Before the second factor no page but its own is reachable.
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede stap instellen")
    page.goto(page.base_url + "/regios/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede stap instellen")
    assert page.get_by_role(
        "img", name="QR-code om in de authenticator-app te scannen"
    ).is_visible()
    assert axe_violations(page) == []
    device = TOTPDevice.objects.get(user=reviewer)
    page.get_by_label("Code").fill(_code(device))
    page.get_by_role("button", name="Tweede stap inschakelen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
    assert page.locator(".recovery-codes li").count() == 10
    assert axe_violations(page) == []
    page.get_by_role("link", name="Verder").click()
    page.wait_for_url(lambda url: "/regios/" in url)
    _logout(page)

    login(page, "twee-stappen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede stap")
    assert axe_violations(page) == []
    page.get_by_label("Code").fill(_code(device, steps_ahead=1))
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_url(lambda url: "tweede-stap" not in url)
    page.goto(page.base_url + "/accounts/mijn-account/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn account")
    expect(page.locator("main")).to_contain_text("Ingeschakeld, met een authenticator-app")
    assert axe_violations(page) == []
