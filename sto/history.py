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


def last_change_id(instance: models.Model) -> int | None:
    """The history id of the last change of ``instance``: the version an edit form carries, so
    that a save from a form opened before someone else's change can be refused."""
    history = instance.history  # type: ignore[attr-defined]
    return history.order_by("-history_id").values_list("history_id", flat=True).first()


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
                changes.append(
                    {"field": label, "old": change.old, "new": change.new, "_model": field}
                )
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "type": _TYPE_LABELS.get(record.history_type, record.history_type),
                "reason": record.history_change_reason or "",
                "changes": changes,
            }
        )
    _show_values([c for e in entries for c in e["changes"]])
    return entries


def _show_values(changes: list[dict]) -> None:
    """Values as a person reads them: the name of a related row (a user's username), not its
    id; a choice's label; "ja"/"nee". One query per related model that changed."""
    wanted: dict[type[models.Model], set] = {}
    for change in changes:
        field = change["_model"]
        if isinstance(field, models.ForeignKey):
            ids = {v for v in (change["old"], change["new"]) if v is not None}
            wanted.setdefault(field.related_model, set()).update(ids)
    names = {
        model: {pk: str(obj) for pk, obj in model._default_manager.in_bulk(list(ids)).items()}
        for model, ids in wanted.items()
    }
    for change in changes:
        field = change.pop("_model")
        for key in ("old", "new"):
            value = change[key]
            if value is None or field is None:
                continue
            if isinstance(field, models.ForeignKey):
                change[key] = names[field.related_model].get(value, value)
            elif isinstance(field, models.BooleanField):
                change[key] = _("ja") if value else _("nee")
            elif field.choices:
                change[key] = dict(field.flatchoices).get(value, value)
