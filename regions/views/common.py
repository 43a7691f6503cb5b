"""Helpers shared by the region views."""

from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from ..models import Region
from ..permissions import (
    can_manage_region,
    can_read_annual_report,
    can_read_plan,
    can_read_region_money,
)
from ..selectors import region_get_for_user


def region_for_reader(request, sto_number: str) -> Region:
    """The region if the user may read it; 404 for "not yours" and "not there" alike."""
    return region_get_for_user(request.user, sto_number)


def region_for_manager(request, sto_number: str) -> Region:
    """The region if the user may change it: 404 when it is not visible, 403 when read-only."""
    region = region_get_for_user(request.user, sto_number)
    if not can_manage_region(request.user, region):
        raise PermissionDenied("Alleen de programmamanager van deze regio kan dit wijzigen.")
    return region


def optional_url(name: str, *args) -> str | None:
    """The URL of a page another app may not have yet; ``None`` if it does not resolve."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def annual_report_pdf_url(user, region: Region, year: int) -> str | None:
    """The generated annual report PDF of ``region``, only for a user who may open it (municipal
    officers may not: ``regions.permissions.can_read_annual_report``), so no page links to a 404."""
    if not can_read_annual_report(user, region):
        return None
    return optional_url("reporting:annual_report_pdf", region.sto_number, year)


def region_context(request, region: Region, active: str) -> dict:
    """Context for the region sub-navigation."""
    can_manage = can_manage_region(request.user, region)
    money_links = []
    can_read_money = can_read_region_money(request.user, region)
    if can_read_money:
        # The money pages of the cofinancing app, when they exist.
        for label, name in (
            (_("Subsidies"), "cofinancing:grant_list"),
            (_("Cofinanciering"), "cofinancing:commitment_list"),
            (_("Gemeentelijke bijdragen"), "cofinancing:contribution_list"),
        ):
            url = optional_url(name, region.sto_number)
            if url:
                money_links.append({"label": label, "url": url})
    return {
        "region": region,
        "plans_url": reverse("plans:plan_list", args=[region.sto_number])
        if can_read_plan(request.user, region)
        else None,
        "can_manage": can_manage,
        # The annual-report material (uploaded PDF, generated PDF, activities, history): one
        # predicate for every path, ``regions.permissions.can_read_annual_report``.
        "can_read_reports": can_read_annual_report(request.user, region),
        "active_tab": active,
        "money_links": money_links,
        # The region's grant and co-financing: never for municipal officers, on any page
        # (``regions.permissions.can_read_region_money``); they see their own contributions.
        "can_read_money": can_read_money,
    }
