import pytest
from django.urls import reverse

from tests.factories import GrantFactory

from .pdf_helpers import pdf_text

pytestmark = pytest.mark.django_db


def test_documents_are_dutch_even_when_the_screens_are_english(client, reviewer):
    GrantFactory(year=2025)
    client.force_login(reviewer)
    page = client.get(
        reverse("reporting:monitor"), {"span": "2025-2028"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert page.status_code == 200
    assert "Landelijke monitor" not in page.content.decode()  # the screen follows the user
    response = client.get(
        reverse("reporting:monitor_pdf"), {"span": "2025-2028"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "Landelijke monitor Sterk Techniekonderwijs" in pdf_text(response.content)
