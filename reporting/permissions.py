"""Who may read and make which documents (one small predicate per action, tested per role).

- Annual report PDF: the region's programme managers, reviewers and administrators. Municipal
  officers may not: the report lists every company's co-financing, which is the region's and the
  companies' business; a municipality hears about the programme through the region.
- Council decision: the officer of that municipality, the region's programme managers, reviewers
  and administrators may read (and download) it; the officer and administrators edit its text.
- National monitor, Excel exports and the annual-report batch: reviewers and administrators.

Everything else answers 404, like a region that does not exist (``regions.selectors``).
"""

from regions.models import Organisation, Region
from regions.permissions import managed_region_ids
from regions.roles import Role, has_role, reads_everything
from regions.selectors import municipality_of


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def can_read_annual_report(user, region: Region) -> bool:
    if not _authenticated(user):
        return False
    return reads_everything(user) or region.pk in managed_region_ids(user)


def can_read_council_decision(user, region: Region, municipality: Organisation) -> bool:
    if not _authenticated(user):
        return False
    if reads_everything(user) or region.pk in managed_region_ids(user):
        return True
    own = municipality_of(user)
    return own is not None and own.pk == municipality.pk


def can_edit_council_decision(user, region: Region, municipality: Organisation) -> bool:
    if not _authenticated(user):
        return False
    if has_role(user, Role.ADMINISTRATOR):
        return True
    own = municipality_of(user)
    return own is not None and own.pk == municipality.pk


def can_use_monitor(user) -> bool:
    """The national monitor and the reviewers' Excel exports."""
    return _authenticated(user) and reads_everything(user)


def can_run_batch(user) -> bool:
    """Start the annual-report batch and follow its progress."""
    return _authenticated(user) and reads_everything(user)
