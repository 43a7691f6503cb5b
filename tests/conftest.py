import pytest

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
