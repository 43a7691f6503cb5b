"""The web hardening every page gets: Content-Security-Policy, Permissions-Policy, no caching of
signed-in pages, an idle session that ends, and a web server that refuses the local key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from regions.roles import Role
from tests.factories import RegionFactory, UserFactory, manager_of

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {
        part.split(" ", 1)[0]: part.split(" ", 1)[1] if " " in part else ""
        for part in (p.strip() for p in policy.split(";"))
        if part
    }


def test_every_page_has_a_strict_content_security_policy(client):
    response = client.get(reverse("login"))
    policy = directives(response)
    assert policy["default-src"] == "'self'"
    # Only the site's own files; a nonce is added only where a page uses one.
    assert policy["script-src"] == "'self'" or policy["script-src"].startswith("'self' 'nonce-")
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_no_template_has_inline_script_or_style():
    """Inline code would be blocked by the policy: scripts live in static/js, styles in CSS."""
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        if "style=" in text or "<script>" in text or " on" + "click=" in text:
            offenders.append(str(path.relative_to(ROOT)))
    for path in (ROOT / "templates").rglob("*.html"):
        for line in path.read_text().splitlines():
            if "<script" in line and "src=" not in line and "application/json" not in line:
                offenders.append(f"{path.relative_to(ROOT)}: {line.strip()}")
    assert not offenders


def test_signed_in_pages_and_files_are_not_cached(client):
    region = RegionFactory()
    client.force_login(manager_of(region))
    page = client.get(reverse("regions:region_detail", args=[region.sto_number]))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    client.force_login(UserFactory(role=Role.REVIEWER))
    export = client.get(reverse("regions:region_list_excel"))
    assert export.status_code == 200
    assert "no-store" in export["Cache-Control"]


def test_a_session_ends_after_the_idle_time_and_with_the_browser(client, settings):
    assert settings.SESSION_COOKIE_AGE == settings.STO_SESSION_IDLE_MINUTES * 60 == 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    region = RegionFactory()
    client.force_login(manager_of(region))
    url = reverse("regions:region_detail", args=[region.sto_number])
    client.get(url)
    session = client.session
    first_expiry = session.get_expiry_date()
    renewed_at = session["sto_renewed_at"]
    # Working on renews the session at most every few minutes ...
    from sto.middleware import IdleSessionMiddleware

    session["sto_renewed_at"] = renewed_at - IdleSessionMiddleware.RENEW_SECONDS - 1
    session.save()
    client.get(url)
    assert client.session["sto_renewed_at"] >= renewed_at
    assert client.session.get_expiry_date() >= first_expiry
    # ... and a session past its age is gone: the next request goes to the login page.
    from django.contrib.sessions.models import Session

    Session.objects.all().update(expire_date="2000-01-01 00:00:00+00:00")
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def _start(module: str, extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(extra)
    return subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_web_server_refuses_to_start_without_a_secret_key_outside_debug():
    refused = _start("sto.wsgi", {"DEBUG": "false"})
    assert refused.returncode != 0
    assert "SECRET_KEY is not set" in refused.stderr
    assert _start("sto.asgi", {"DEBUG": "false"}).returncode != 0
    assert _start("sto.wsgi", {"DEBUG": "true"}).returncode == 0
    started = _start("sto.wsgi", {"DEBUG": "false", "SECRET_KEY": "k" * 60})
    assert started.returncode == 0, started.stderr
