"""The main navigation: a registry the apps add their pages to, so the kernel names no app.

Each app registers its entries in its ``AppConfig.ready`` (``register(NavItem(...))``) with a
position and a predicate that says who sees the entry. An entry whose URL name does not resolve
is left out.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    position: int
    visible: Callable[[object], bool]


_ITEMS: dict[str, NavItem] = {}


def register(*items: NavItem) -> None:
    """Add entries (registering the same URL name again replaces the entry)."""
    for item in items:
        _ITEMS[item.url_name] = item


def registered() -> list[NavItem]:
    return sorted(_ITEMS.values(), key=lambda item: item.position)


def navigation(request: HttpRequest) -> dict:
    """Context processor: the entries the user sees, the most specific one marked current."""
    user = getattr(request, "user", None)
    items = []
    for item in registered():
        if user is None or not user.is_authenticated or not item.visible(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        current = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"label": item.label, "url": url, "current": current})
    # Only the most specific entry is the current page (/regios/beheer/gebruikers/ is not also
    # "Regio's" at /regios/).
    current_items = [i for i in items if i["current"]]
    for entry in current_items:
        entry["current"] = entry is max(current_items, key=lambda i: len(i["url"]))
    return {"navigation": items}
