"""The main navigation: one entry per page, shown to the roles that use it.

Each app adds its pages here; an entry whose URL name does not resolve is left out.
"""
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from regions.roles import Role, user_roles

ALL_ROLES = frozenset(r.value for r in Role)


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str] = ALL_ROLES


NAVIGATION: list[NavItem] = [
    NavItem(_("Overzicht"), "home"),
]


def navigation(request) -> dict:
    roles = user_roles(getattr(request, "user", None))
    items = []
    for item in NAVIGATION:
        if not roles & item.roles:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        current = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"label": item.label, "url": url, "current": current})
    return {"navigation": items, "user_roles": roles}
