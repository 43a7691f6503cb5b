import pytest
from django.conf import settings
from django.utils import translation

from regions.roles import Role

from .factories import UserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded and generated files go to a per-test folder, never the project's var/.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def reviewer(db):
    return UserFactory(username="beoordelaar-test", role=Role.REVIEWER)


@pytest.fixture
def administrator(db):
    return UserFactory(username="beheerder-test", role=Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Password hashing is not what these tests check; PBKDF2 would make every user slow.
    # Passwords hashed outside a test (module-scoped seeds) must still verify, hence PBKDF2 second.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def _login_hardening_off(settings):
    # The second login step and the lockout (docs/interfaces.md §7) are off unless a test
    # switches them on (tests/regions/test_accounts.py, tests/browser/test_accounts.py): the
    # other tests log in with ``force_login``/``login`` and check other things. django-axes
    # refuses ``client.login`` (no request) while it is enabled.
    settings.STO_REQUIRE_2FA = False
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """Every test starts in Dutch, the product's language: a test that switched to English (a
    request with Accept-Language, ``translation.override``) leaves nothing behind in its thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
