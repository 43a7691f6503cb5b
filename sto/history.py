"""Saving with history: every write records the acting user (django-simple-history)."""

from collections.abc import Iterable
from typing import TypeVar

from django.contrib.auth.models import User
from django.db import models
from django.utils.translation import gettext_lazy as _

M = TypeVar("M", bound=models.Model)


def save_validated(
    instance: M,
    *,
    by: User | None,
    reason: str = "",
    update_fields: Iterable[str] | None = None,
) -> M:
    """``full_clean()`` then save, recording ``by`` (``None``: the system itself, e.g. a nightly
    job) and ``reason`` in the history row. Returns the instance, typed as what was passed in."""
    instance.full_clean()
    instance._history_user = by  # type: ignore[attr-defined]  # read by simple-history
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]
    instance.save(update_fields=list(update_fields) if update_fields is not None else None)
    return instance


def delete_recorded(instance: models.Model, *, by: User | None, reason: str = "") -> None:
    """Delete ``instance``; the history keeps a '-' row with the acting user."""
    instance._history_user = by  # type: ignore[attr-defined]
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]
    instance.delete()


# Lazy: the label is translated when the page is rendered, in the reader's language.
_TYPE_LABELS = {"+": _("aangemaakt"), "~": _("gewijzigd"), "-": _("verwijderd")}


def history_entries(instance: models.Model, *, limit: int = 200) -> list[dict]:
    """The change history of ``instance`` for display: who, when, what changed (old → new).

    One query (history rows with their users), newest first.
    """
    history = instance.history  # type: ignore[attr-defined]  # HistoricalRecords
    return _entries(history, type(instance), limit)


def history_entries_for(
    model: type[models.Model], *, limit: int = 200, **filters: object
) -> list[dict]:
    """The history of every ``model`` row matching ``filters``, also of rows deleted since (a
    decision sent back, then proposed again): one list, newest first. One query."""
    history = model.history.filter(**filters)  # type: ignore[attr-defined]  # HistoricalRecords
    return _entries(history, model, limit)


def _entries(history: models.QuerySet, model: type[models.Model], limit: int) -> list[dict]:
    records = list(
        history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    fields = {f.attname: f for f in model._meta.concrete_fields}
    fields.update({f.name: f for f in model._meta.concrete_fields})
    pk_name = model._meta.pk.attname
    entries = []
    for index, record in enumerate(records[:limit]):
        # The change against the same row's record before (rows of one query may differ).
        previous = next(
            (r for r in records[index + 1 :] if getattr(r, pk_name) == getattr(record, pk_name)),
            None,
        )
        changes = []
        if previous is not None and record.history_type == "~":
            for change in record.diff_against(previous).changes:
                field = fields.get(change.field)
                label = str(field.verbose_name) if field is not None else change.field
                changes.append({"field": label, "old": change.old, "new": change.new})
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "type": _TYPE_LABELS.get(record.history_type, record.history_type),
                "reason": record.history_change_reason or "",
                "changes": changes,
            }
        )
    return entries
