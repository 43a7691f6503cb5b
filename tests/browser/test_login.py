import pytest
from playwright.sync_api import expect

from regions.roles import Role
from tests.factories import UserFactory

from .conftest import PASSWORD, axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page_is_accessible_and_wrong_password_is_explained(page):
    page.goto(page.base_url + "/regios/")
    assert "/accounts/login/" in page.url  # every page needs a login
    assert axe_violations(page) == []
    page.get_by_label("Gebruikersnaam").fill("niemand")
    page.get_by_label("Wachtwoord").fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    assert (
        page.get_by_role("alert").inner_text().startswith("Gebruikersnaam of wachtwoord is onjuist")
    )


def test_keyboard_user_can_log_in_and_skip_to_content(page):
    UserFactory(username="toetsenbord", password=PASSWORD, role=Role.REVIEWER)
    page.goto(page.base_url + "/accounts/login/")
    expect(page.locator("#id_username")).to_be_focused()  # focus starts in the form
    page.keyboard.type("toetsenbord")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    # Wait for the navigation itself: under load "networkidle" can come before it starts.
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    assert page.get_by_role("button", name="Uitloggen").is_visible()
    # On every page the first Tab reaches the skip link, which moves focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_login_helper_reaches_a_page(page):
    UserFactory(username="hulp", password=PASSWORD, role=Role.REVIEWER)
    login(page, "hulp")
    assert page.locator("h1").count() >= 1
