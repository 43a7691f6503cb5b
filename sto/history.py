"""Saving with history: every write records the acting user (django-simple-history)."""
from collections.abc import Iterable

from django.db import models


def save_validated(
    instance: models.Model,
    *,
    by,
    reason: str = "",
    update_fields: Iterable[str] | None = None,
) -> models.Model:
    """``full_clean()`` then save, recording ``by`` and ``reason`` in the history row."""
    instance.full_clean()
    instance._history_user = by
    if reason:
        instance._change_reason = reason
    instance.save(update_fields=list(update_fields) if update_fields is not None else None)
    return instance


def delete_recorded(instance: models.Model, *, by, reason: str = "") -> None:
    """Delete ``instance``; the history keeps a '-' row with the acting user."""
    instance._history_user = by
    if reason:
        instance._change_reason = reason
    instance.delete()
