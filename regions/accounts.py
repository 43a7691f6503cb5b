"""Accounts people manage themselves: invitations, the second login step, and the login record.

- An administrator *invites* someone (``user_invite``): the account is created inactive and
  without a usable password, and the invitee gets a mail with a signed link that expires after
  ``STO_INVITATION_DAYS`` days. Following it they set their own password (``invitation_accept``);
  the link then reads as used, because it is bound to the password the account had.
- The *second factor* (django-otp): an authenticator app (TOTP) and ten recovery codes, each
  usable once. ``second_factor_pending`` decides at login whether the session must pass it; the
  answer is kept in the session so that no page pays a query for it
  (``regions.middleware.SecondFactorMiddleware``).
- Every change is written to the user's admin log with the person who acted
  (``regions.users.log_user_change``), the same history the user page shows.
"""

import base64
import enum
from datetime import timedelta

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.admin.models import CHANGE
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Organisation, Region
from .permissions import can_manage_users, must_use_second_factor
from .users import log_user_change, user_create

INVITATION_SALT = "regions.accounts.invitation"
RECOVERY_CODE_COUNT = 10
# The session key that holds what a fresh login still has to do: "verify" or "setup".
SECOND_FACTOR_SESSION_KEY = "sto_second_factor"
APP_DEVICE_NAME = "Authenticator-app"
RECOVERY_DEVICE_NAME = "Herstelcodes"


# --- Invitations -----------------------------------------------------------------------------


class InvitationState(enum.StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    USED = "used"
    INVALID = "invalid"


def _password_fingerprint(user: User) -> str:
    # Bound to the stored password: once the invitee (or anyone) sets one, the link is used up.
    return salted_hmac(INVITATION_SALT, user.password).hexdigest()[:24]


def invitation_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "p": _password_fingerprint(user)}, salt=INVITATION_SALT)


def invitation_check(token: str) -> tuple[InvitationState, User | None]:
    """What an invitation link is worth now: valid (with its user), expired, used or invalid."""
    try:
        data = signing.loads(
            token, salt=INVITATION_SALT, max_age=timedelta(days=settings.STO_INVITATION_DAYS)
        )
    except signing.SignatureExpired:
        return InvitationState.EXPIRED, None
    except signing.BadSignature:
        return InvitationState.INVALID, None
    pk = data.get("u") if isinstance(data, dict) else None
    user = User.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    if user is None:
        return InvitationState.INVALID, None
    if user.has_usable_password() or not constant_time_compare(
        str(data.get("p", "")), _password_fingerprint(user)
    ):
        return InvitationState.USED, user
    return InvitationState.VALID, user


def invitation_send(*, by: User, user: User, site_url: str) -> None:
    """Mail ``user`` a fresh invitation link; ``site_url`` is the address of the site
    (``https://sto.example.nl``), which the service cannot know by itself."""
    if not user.email:
        raise ValidationError({"email": _("Vul het e-mailadres in waarnaar de uitnodiging gaat.")})
    if user.has_usable_password():
        raise ValidationError(
            _("Deze gebruiker heeft al een wachtwoord; een uitnodiging is niet nodig.")
        )
    link = site_url.rstrip("/") + reverse(
        "accounts:invitation_accept", args=[invitation_token(user)]
    )
    context = {
        "user": user,
        "by": by,
        "link": link,
        "days": settings.STO_INVITATION_DAYS,
    }
    with translation.override(settings.LANGUAGE_CODE):  # the programme's mails are Dutch
        subject = render_to_string("regions/mail/invitation_subject.txt", context).strip()
        body = render_to_string("regions/mail/invitation_body.txt", context)
    EmailMessage(subject=subject, body=body, to=[user.email]).send()
    log_user_change(by=by, user=user, flag=CHANGE, fields=["invitation"])


@transaction.atomic
def user_invite(
    *,
    by: User,
    username: str,
    email: str,
    first_name: str = "",
    last_name: str = "",
    roles: list[str],
    regions: list[Region],
    municipality: Organisation | None,
    site_url: str,
) -> User:
    """Create an inactive account without a password and mail its owner the invitation."""
    if not email:
        raise ValidationError({"email": _("Vul het e-mailadres in waarnaar de uitnodiging gaat.")})
    user = user_create(
        by=by,
        username=username,
        password=None,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_active=False,
        roles=roles,
        regions=regions,
        municipality=municipality,
    )
    invitation_send(by=by, user=user, site_url=site_url)
    return user


@transaction.atomic
def invitation_accept(*, by: User, token: str, password: str) -> User:
    """The invitee (``by``, the user of the token) sets their password; the account opens."""
    state, user = invitation_check(token)
    if state != InvitationState.VALID or user is None or user.pk != by.pk:
        raise ValidationError(_("Deze uitnodiging is niet meer geldig."))
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"new_password1": exc.messages}) from None
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    log_user_change(by=user, user=user, flag=CHANGE, fields=["password", "is_active"])
    return user


# --- The second factor -----------------------------------------------------------------------


def second_factor_pending(user: User) -> str | None:
    """At login: "verify" when the user has a second factor, "setup" when they must get one
    (``must_use_second_factor``), ``None`` when password alone is enough."""
    if user_has_device(user, confirmed=True):
        return "verify"
    if must_use_second_factor(user):
        return "setup"
    return None


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def second_factor_start(*, by: User) -> TOTPDevice:
    """The (unconfirmed) authenticator-app device ``by`` is setting up; one at a time."""
    device = TOTPDevice.objects.filter(user=by, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=by, name=APP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def second_factor_confirm(*, by: User, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the app with a code it shows; returns the new recovery codes (shown once).

    The app replaces any earlier one, and the recovery codes replace the earlier codes.
    """
    if device.user_id != by.pk or device.confirmed:
        raise ValidationError(_("Begin opnieuw met het instellen van de tweede stap."))
    if not device.verify_token(token.strip().replace(" ", "")):
        raise ValidationError(
            {"token": _("Deze code klopt niet. Typ de code die de app nu toont.")}
        )
    TOTPDevice.objects.filter(user=by).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=by).delete()
    recovery = StaticDevice.objects.create(user=by, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=recovery, token=c) for c in codes])
    log_user_change(by=by, user=by, flag=CHANGE, fields=["second_factor"])
    return codes


@transaction.atomic
def second_factor_reset(*, by: User, user: User) -> None:
    """An administrator removes ``user``'s app and recovery codes (lost phone): at the next
    login they set up a new app if their role requires one. Only ``can_manage_users``."""
    if not can_manage_users(by):
        raise PermissionDenied(
            _("Alleen beheerders stellen de tweede stap van een ander opnieuw in.")
        )
    if not user_has_device(user, confirmed=None):
        raise ValidationError(_("Deze gebruiker heeft geen tweede stap ingesteld."))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    log_user_change(by=by, user=user, flag=CHANGE, fields=["second_factor"])


def second_factor_check(*, user: User, token: str) -> TOTPDevice | StaticDevice | None:
    """The device that accepts ``token`` (an app code, or a recovery code, which is then used
    up), or ``None``. Each device throttles repeated wrong codes (django-otp)."""
    token = token.strip().replace(" ", "")
    if not token:
        return None
    with transaction.atomic():
        for model in (TOTPDevice, StaticDevice):
            for device in model.objects.filter(user=user, confirmed=True):
                if device.verify_token(token):
                    return device
    return None


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def totp_qr_data_uri(device: TOTPDevice) -> str:
    """The device's setup link as a QR code, an SVG in a ``data:`` URI (allowed by the CSP)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def totp_secret(device: TOTPDevice) -> str:
    """The secret in the form an app asks for when typed in (base32, in groups of four)."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def on_user_logged_in(
    sender: object, request: HttpRequest | None, user: User, **kwargs: object
) -> None:
    """``user_logged_in``: note in the session whether this login still needs its second step."""
    if request is None or not hasattr(request, "session"):
        return
    pending = second_factor_pending(user)
    if pending:
        request.session[SECOND_FACTOR_SESSION_KEY] = pending
    else:
        request.session.pop(SECOND_FACTOR_SESSION_KEY, None)


def second_factor_passed(request: HttpRequest, device: TOTPDevice | StaticDevice) -> None:
    """Mark the session as having passed the second step with ``device`` (django-otp)."""
    otp_login(request, device)
    request.session.pop(SECOND_FACTOR_SESSION_KEY, None)
