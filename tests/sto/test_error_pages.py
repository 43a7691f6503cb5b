"""Error pages in Dutch with a way on, and oversize bodies refused before they are read."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import RegionFactory, manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_not_found_is_a_dutch_page_with_a_way_on(client):
    region = RegionFactory()
    client.force_login(manager_of(region))
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Pagina niet gevonden – STO-beheer</title>" in html
    assert "Deze pagina bestaat niet, of u heeft er geen toegang toe." in html
    assert "Not Found" not in html
    assert '<a href="/">Naar de startpagina</a>' in html


def test_every_page_title_names_the_page_and_the_product(client):
    response = client.get(reverse("login"))
    assert "<title>Inloggen – STO-beheer</title>" in response.content.decode()


def test_a_server_error_is_a_calm_dutch_page(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))  # Django's handler, rendered without any context
    assert response.status_code == 500
    html = response.content.decode()
    assert "<title>Er ging iets mis – STO-beheer</title>" in html
    assert "niet half opgeslagen" in html and "Server Error" not in html


def test_an_expired_form_says_what_to_do():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulier verlopen" in html and "Er is niets opgeslagen." in html


def test_an_oversize_upload_is_refused_from_its_length_before_anything_is_read(client, settings):
    region = RegionFactory()
    client.force_login(manager_of(region))
    url = reverse("regions:annual_report_detail", args=[region.sto_number, 2025])
    body = io.BytesIO(b"x" * 16)  # the length is claimed; the body is never read
    response = client.generic(
        "POST",
        url,
        data=body.getvalue(),
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(settings.STO_MAX_UPLOAD_BYTES + 1),
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "Bestand te groot" in html and "groter dan 21 MB" in html
    assert "Er is niets opgeslagen." in html


def test_an_oversize_form_without_a_file_is_refused_too(client, settings):
    response = client.generic(
        "POST",
        reverse("login"),
        data=b"username=x",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1),
    )
    assert response.status_code == 413
