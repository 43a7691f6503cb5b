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
    NavItem(_("Regio's"), "regions:region_list"),
    NavItem(_("Gebruikers"), "regions:user_list", frozenset({Role.ADMINISTRATOR.value})),
    NavItem(
        _("Gemeentelijke bijdragen"),
        "cofinancing:officer_contributions",
        frozenset({Role.MUNICIPAL_OFFICER.value}),
    ),
    NavItem(_("Rapportage"), "reporting:index"),
    NavItem(
        _("Landelijke monitor"),
        "reporting:monitor",
        frozenset({Role.REVIEWER.value, Role.ADMINISTRATOR.value}),
    ),
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
    # Only the most specific entry is the current page (/regios/beheer/gebruikers/ is not also
    # "Regio's" at /regios/).
    current_items = [i for i in items if i["current"]]
    for entry in current_items:
        entry["current"] = entry is max(current_items, key=lambda i: len(i["url"]))
    return {"navigation": items, "user_roles": roles}
