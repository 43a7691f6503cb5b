"""Small helpers every app's views share: paging and sorting a list, keeping the query string, and
putting a service's validation errors next to the form fields they belong to."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 25


def paginate(
    request: HttpRequest,
    queryset: QuerySet | Sequence,
    per_page: int = PAGE_SIZE,
    *,
    param: str = "pagina",
) -> Page:
    """The requested page (``?pagina=``, or ``param`` when a page holds two lists);
    out-of-range numbers give the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))


def querystring_without_page(request: HttpRequest, param: str = "pagina") -> str:
    """The current filters as a query string, for the page links and the exports."""
    params = request.GET.copy()
    params.pop(param, None)
    return params.urlencode()


def int_param(request: HttpRequest, name: str) -> int | None:
    """A whole number from the query string; anything else (also ``"²"``) is ``None``."""
    value = request.GET.get(name, "").strip()
    return int(value) if value.isascii() and value.isdigit() else None


def add_service_errors(
    form: forms.Form, error: ValidationError, *, field_map: dict[str, str] | None = None
) -> None:
    """Put a service's ``ValidationError`` next to the matching form fields (or on top)."""
    field_map = field_map or {}
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            target: str | None = field_map.get(name, name)
            if target not in form.fields:
                target = None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


SORT_PARAM = "sorteer"


@dataclass(frozen=True)
class Sort:
    """The column a list is sorted by (``?sorteer=naam`` or ``?sorteer=-naam`` for descending)."""

    key: str
    descending: bool = False

    @property
    def param(self) -> str:
        return f"-{self.key}" if self.descending else self.key


def sort_param(request: HttpRequest, keys: Iterable[str], default: str) -> Sort:
    """The sort the query string asks for; an unknown column gives ``default``."""
    value = request.GET.get(SORT_PARAM, "").strip()
    key = value.removeprefix("-")
    if key not in set(keys):
        return Sort(default)
    return Sort(key, descending=value.startswith("-"))


def sort_headers(
    request: HttpRequest, sort: Sort, columns: Iterable[tuple[str, str]]
) -> list[dict]:
    """Per ``(key, label)`` column: the link that sorts by it (a second click reverses), and its
    ``aria-sort`` value; the other filters in the query string are kept, the page is reset."""
    headers = []
    for key, label in columns:
        params = request.GET.copy()
        params.pop("pagina", None)
        current = key == sort.key
        params[SORT_PARAM] = f"-{key}" if current and not sort.descending else key
        aria = ("descending" if sort.descending else "ascending") if current else "none"
        headers.append({"key": key, "label": label, "url": "?" + params.urlencode(), "aria": aria})
    return headers


def url_of_row(url: str, queryset: QuerySet, pk: int, per_page: int = PAGE_SIZE) -> str:
    """The list page at ``url`` that shows row ``pk`` of ``queryset`` (in the list's own order),
    with ``#row-<pk>`` so the browser scrolls to the row and the style sheet highlights it."""
    pks = list(queryset.values_list("pk", flat=True))
    number = pks.index(pk) // per_page + 1 if pk in pks else 1
    page = f"?pagina={number}" if number > 1 else ""
    return f"{url}{page}#row-{pk}"
