"""The system as an actor: writes that no person makes still name who made them in the history."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractUser

SYSTEM_USERNAME = "systeem"


def system_actor() -> AbstractUser:
    """The account that stands for STO-beheer itself (an import run without ``--by``): inactive,
    without a usable password and without roles, so it can never log in or be given work."""
    user, _created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={
            "first_name": "STO-beheer",
            "last_name": "(systeem)",
            "is_active": False,
            "password": make_password(None),  # unusable
        },
    )
    return user
