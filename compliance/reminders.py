"""Reminder mails to the programme managers of a region.

Two kinds (settings ``STO_REMINDER_DAYS``, default 30 and 7 days):
- one mail per new finding (an open ``Finding`` nobody was told about yet);
- deadline reminders 30 and 7 days ahead: a convenant that current members have not signed yet
  (seeds 000: signed before 1 October 2024), an annual report that is not in (due 1 June of the
  following year, seeds 000). Deadlines come from ``compliance.rules.deadlines``, the same code the
  deadline rules use.

Never twice: every mail has a unique key (``Reminder.key``), e.g. ``finding:<finding id>:<user
id>`` or ``deadline:annual_report:<STO>:<year>:<stage>:<user id>``. The key is *claimed* — a
``Reminder`` row inserted and committed in its own transaction — before the mail is handed to
the mail backend, and ``sent_at`` is filled in afterwards. A run that finds a key claimed never
sends it, so a task that dies after sending and is run again (acks_late redelivery, a retry, a
second beat) does not send again. The price is *at most once*: when the worker dies between
claim and send, that one mail is not sent; its row stays with ``sent_at`` empty, visible in the
admin, where deleting it lets the next run send it. See docs/rules.md.

The texts are templates (``templates/compliance/mail/``: ``finding_*``, ``deadline_*`` and the
frame ``base_body.txt``), rendered in Dutch whatever language is active.

Do not call ``reminders_send`` inside ``transaction.atomic``: the claims must commit one by one.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
import socket
from collections import defaultdict
from dataclasses import asdict, dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from regions.models import Finding, ManagerAssignment, Reminder, Severity
from sto.formatting import format_date
from sto.history import delete_recorded, save_validated

from .rules import load_snapshot, rule_title
from .rules.deadlines import CONVENANT, PLAN, Deadline, describe_organisations, unmet_deadlines

logger = logging.getLogger(__name__)

# Failures that happen before the message data is handed over: the mail certainly did not go
# out, so the claim is released and a later run sends it.
NOT_SENT_ERRORS: tuple[type[BaseException], ...] = (
    ConnectionRefusedError,
    socket.gaierror,
    smtplib.SMTPConnectError,
    smtplib.SMTPHeloError,
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPRecipientsRefused,
)
_KEY_CHUNK = 500  # keys per "which ones exist already" query


@dataclass(frozen=True)
class ReminderMail:
    key: str
    region_id: int
    recipient: str
    subject: str
    body: str


@dataclass(frozen=True)
class ReminderSummary:
    sent: int = 0
    skipped: int = 0  # claimed by someone else between looking and claiming
    released: int = 0  # not sent because of a delivery error; a later run tries again
    failed: int = 0  # unclear whether it went out: kept claimed (at most once)

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def reminder_stage(days_left: int, stages: list[int] | None = None) -> int | None:
    """The reminder a deadline ``days_left`` days ahead is due for: the smallest configured day
    count that is ≥ ``days_left`` (30 for 30…8 days left, 7 for 7…0), or ``None``.

    Taking the stage rather than the exact day means a reminder is still sent when the daily
    task did not run on the 30th day itself, and the key (which holds the stage) keeps it single.
    """
    stages = sorted(settings.STO_REMINDER_DAYS if stages is None else stages)
    if days_left < 0:
        return None
    eligible = [d for d in stages if d >= days_left]
    return eligible[0] if eligible else None


# The recipients are Dutch programme managers: mails are Dutch whatever language the page that
# started the run was in (the rule titles, severities and dates in them as well).
MAIL_LANGUAGE = "nl"
_SUBJECT_MAX = 200  # Reminder.subject


def _days_text(days_left: int) -> str:
    if days_left == 0:
        return gettext("vandaag")
    return ngettext("nog %(days)s dag", "nog %(days)s dagen", days_left) % {"days": days_left}


def _render_mail(name: str, context: dict) -> tuple[str, str]:
    """Subject and body of ``templates/compliance/mail/<name>_{subject,body}.txt``: plain text,
    the subject on one line and at most 200 characters."""
    subject = render_to_string(f"compliance/mail/{name}_subject.txt", context)
    body = render_to_string(f"compliance/mail/{name}_body.txt", context)
    return " ".join(subject.strip().splitlines())[:_SUBJECT_MAX], body.strip()


def _finding_mail(finding: Finding, user: User) -> ReminderMail:
    region = finding.region
    with translation.override(MAIL_LANGUAGE):
        subject, body = _render_mail(
            "finding",
            {
                "user": user,
                "region": region,
                "finding": finding,
                "title": rule_title(finding.rule),
                "severity": Severity(finding.severity).label,
                "first_seen": format_date(finding.first_seen),
            },
        )
    return ReminderMail(
        key=f"finding:{finding.pk}:{user.pk}",
        region_id=region.pk,
        recipient=user.email,
        subject=subject,
        body=body,
    )


def _deadline_mail(
    deadline: Deadline, stage: int, today: datetime.date, user: User
) -> ReminderMail:
    region = deadline.facts.region
    is_convenant = deadline.kind == CONVENANT
    if is_convenant:
        key = (
            f"deadline:convenant:{region.sto_number}:{deadline.subject}:"
            f"{deadline.due_on.isoformat()}:{stage}:{user.pk}"
        )
    elif deadline.kind == PLAN:  # the due day is in the key: a resubmission is a new deadline
        key = (
            f"deadline:plan:{region.sto_number}:{deadline.subject}:"
            f"{deadline.due_on.isoformat()}:{stage}:{user.pk}"
        )
    else:
        key = f"deadline:annual_report:{region.sto_number}:{deadline.subject}:{stage}:{user.pk}"
    with translation.override(MAIL_LANGUAGE):
        subject, body = _render_mail(
            "deadline",
            {
                "user": user,
                "region": region,
                "deadline": deadline,
                "is_convenant": is_convenant,
                "kind": deadline.kind,
                "due": format_date(deadline.due_on),
                "days": _days_text(deadline.days_left(today)),
                "missing_signers": describe_organisations(deadline.missing_signers),
            },
        )
    return ReminderMail(
        key=key, region_id=region.pk, recipient=user.email, subject=subject, body=body
    )


def _managers_by_region() -> dict[int, list[User]]:
    managers: dict[int, list] = defaultdict(list)
    seen: set[tuple[int, str]] = set()
    for assignment in (
        ManagerAssignment.objects.filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("region_id", "user__username")
    ):
        email = assignment.user.email.strip().lower()
        if (assignment.region_id, email) not in seen:
            seen.add((assignment.region_id, email))
            managers[assignment.region_id].append(assignment.user)
    return managers


def _existing_keys(keys: list[str]) -> set[str]:
    existing: set[str] = set()
    for start in range(0, len(keys), _KEY_CHUNK):
        existing.update(
            Reminder.objects.filter(key__in=keys[start : start + _KEY_CHUNK]).values_list(
                "key", flat=True
            )
        )
    return existing


def reminders_due(*, today: datetime.date) -> list[ReminderMail]:
    """The mails that are due on ``today`` and were not sent (claimed) before.

    A fixed number of queries, plus one per 500 candidate keys.
    """
    managers = _managers_by_region()
    if not managers:
        return []
    candidates: list[ReminderMail] = []
    for finding in (
        Finding.objects.open()
        .filter(region_id__in=list(managers))
        .select_related("region")
        .order_by("region__sto_number", "first_seen", "rule", "subject")
    ):
        candidates.extend(_finding_mail(finding, user) for user in managers[finding.region_id])

    snapshot = load_snapshot(today)
    for facts in snapshot.regions:
        users = managers.get(facts.region.pk)
        if not users:
            continue
        for deadline in unmet_deadlines(facts, snapshot):
            stage = reminder_stage(deadline.days_left(today))
            if stage is not None:
                candidates.extend(_deadline_mail(deadline, stage, today, user) for user in users)

    existing = _existing_keys([mail.key for mail in candidates])
    return [mail for mail in candidates if mail.key not in existing]


def reminder_claim(*, mail: ReminderMail, by: User | None = None) -> Reminder | None:
    """Claim ``mail.key`` in its own transaction; ``None`` if it was claimed already."""
    try:
        with transaction.atomic():
            return save_validated(
                Reminder(
                    key=mail.key,
                    region_id=mail.region_id,
                    recipients=mail.recipient,
                    subject=mail.subject,
                ),
                by=by,
            )
    except ValidationError as exc:
        if "key" in getattr(exc, "message_dict", {}):
            return None
        raise
    except IntegrityError:  # claimed by a concurrent run between validation and insert
        return None


def _deliver(mail: ReminderMail) -> None:
    EmailMessage(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.recipient],
    ).send(fail_silently=False)


def _mark_sent(reminder: Reminder, *, by: User | None = None) -> None:
    reminder.sent_at = timezone.now()
    save_validated(reminder, by=by, update_fields=["sent_at"])


def reminders_send(*, today: datetime.date, by: User | None = None) -> ReminderSummary:
    """Send every reminder due on ``today`` that was not sent before; see the module docstring
    for why a reminder can never go out twice (claim, send, then mark)."""
    sent = skipped = released = failed = 0
    for mail in reminders_due(today=today):
        reminder = reminder_claim(mail=mail, by=by)
        if reminder is None:
            skipped += 1
            continue
        try:
            _deliver(mail)
        except NOT_SENT_ERRORS:
            logger.warning(
                "Herinnering %s niet verzonden; volgende keer opnieuw.", mail.key, exc_info=True
            )
            delete_recorded(reminder, by=by, reason="niet verzonden: bezorgfout")
            released += 1
            continue
        except Exception:
            # Unclear whether the server took it: keep the claim rather than risk a second mail.
            logger.exception(
                "Herinnering %s: verzending onzeker; niet opnieuw verzonden.", mail.key
            )
            failed += 1
            continue
        _mark_sent(reminder, by=by)
        sent += 1
    return ReminderSummary(sent=sent, skipped=skipped, released=released, failed=failed)
