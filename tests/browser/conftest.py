"""Headless Chromium (Debian's package) driven by Playwright against Django's live server.

Chromium comes from the system (``STO_CHROMIUM`` or ``/usr/bin/chromium``); Playwright never
downloads a browser. Without Chromium these tests are skipped with that reason, except where
``STO_REQUIRE_SERVICES=1`` (CI): there a missing browser fails the run.
"""

import os
import shutil
from pathlib import Path

import pytest

AXE_SCRIPT_PATH = None
try:  # axe-core ships inside this package; nothing is fetched at run time
    import axe_playwright_python

    AXE_SCRIPT_PATH = Path(axe_playwright_python.__file__).parent / "axe.min.js"
except ImportError:  # pragma: no cover - the dev extra installs it
    pass

SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "browser-test-wachtwoord"


def _chromium_path() -> str | None:
    candidate = (
        os.environ.get("STO_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    return candidate if candidate and os.path.exists(candidate) else None


@pytest.fixture(scope="session")
def chromium_executable():
    path = _chromium_path()
    if path is None:
        if os.environ.get("STO_REQUIRE_SERVICES") == "1":
            pytest.fail("Chromium is required here (STO_REQUIRE_SERVICES=1) but was not found")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def browser(chromium_executable):
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
    # body are still synchronous and safe here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_settings(settings):
    # The live server speaks plain HTTP: secure-only cookies would never come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SECURE_SSL_REDIRECT = False
    return settings


@pytest.fixture
def page(browser, live_server, browser_settings):
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    # Every page keeps to the Content-Security-Policy: Chromium reports a blocked script, style
    # or frame on the console, and any such report fails the test.
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert not violations, violations


def login(page, username: str, password: str = PASSWORD) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")
    assert "/accounts/login/" not in page.url, f"login as {username} failed"


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.1 A and AA rules) on the current page; return its violations."""
    assert AXE_SCRIPT_PATH is not None and AXE_SCRIPT_PATH.exists(), "axe-core is not installed"
    page.evaluate(AXE_SCRIPT_PATH.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def screenshot(page, name: str) -> Path:
    """Capture the page; written to docs/screenshots/ only with STO_SCREENSHOTS=1
    (``make screenshots``), so an ordinary test run leaves the tracked images alone."""
    path = SCREENSHOT_DIR / f"{name}.png"
    image = page.screenshot(full_page=True)
    assert image.startswith(b"\x89PNG")
    if os.environ.get("STO_SCREENSHOTS") == "1":
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path.write_bytes(image)
    return path
