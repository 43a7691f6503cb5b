"""Every URL of the region side × every role × own/other object (see tests/access_matrix.py)."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from regions.models import AnnualReport, Membership, Organisation, Signature, StudentCount
from tests.access_matrix import (
    DONE,
    HIDE,
    SHOW,
    Route,
    World,
    administrators,
    check_route,
    managers,
    matrix_params,
    pdf_bytes,
    readers,
    report_readers,
    scoped_list,
    table,
    world,  # noqa: F401  (fixture)
)


def sto(w: World, t: str) -> str:
    return w.region[t].sto_number


def url(name: str, *parts):
    """A URL builder: ``url("regions:partner_list", sto)`` with callables taking (w, t)."""

    def build(w: World, t: str) -> str:
        return reverse(name, args=[p(w, t) if callable(p) else p for p in parts])

    return build


def workbook_expect():
    # Officers never get the interchange workbook (it holds other municipalities' data).
    return table(manager=(SHOW, HIDE), reviewer=SHOW, administrator=SHOW)


def _user_marker(w: World, t: str) -> str:
    return ("matrix-officer", "matrix-reviewer")[t == "other"]


def _user_pk(w: World, t: str) -> int:
    return w.users["officer" if t == "own" else "reviewer"].pk


READ_ROUTES = [
    Route("region_list", lambda w, t: reverse("regions:region_list"), scoped_list()),
    Route(
        "region_list_search",
        lambda w, t: reverse("regions:region_list") + f"?q={sto(w, t)}",
        scoped_list(),
    ),
    Route("region_list_excel", lambda w, t: reverse("regions:region_list_excel"), scoped_list()),
    Route(
        "region_list_workbook",
        lambda w, t: reverse("regions:region_list_workbook"),
        workbook_expect(),
    ),
    Route("region_detail", url("regions:region_detail", sto), readers()),
    Route("partner_list", url("regions:partner_list", sto), readers()),
    Route("partner_add", url("regions:partner_add", sto), managers()),
    Route(
        "membership_end",
        url("regions:membership_end", sto, lambda w, t: w.membership[t].pk),
        managers(),
    ),
    Route(
        "organisation_detail",
        url("regions:organisation_detail", sto, lambda w, t: w.company[t].key),
        readers(),
    ),
    Route("student_counts", url("regions:student_counts", sto), readers()),
    Route(
        "student_count_detail",
        url("regions:student_count_detail", sto, lambda w, t: w.student_count[t].pk),
        readers(),
    ),
    Route("convenant_list", url("regions:convenant_list", sto), readers()),
    Route(
        "convenant_detail",
        url("regions:convenant_detail", sto, lambda w, t: w.convenant[t].pk),
        readers(),
    ),
    Route(
        "signature_edit",
        url(
            "regions:signature_edit",
            sto,
            lambda w, t: w.convenant[t].pk,
            lambda w, t: w.lead[t].key,
        ),
        readers(),
    ),
    Route("annual_report_list", url("regions:annual_report_list", sto), readers()),
    Route("annual_report_detail", url("regions:annual_report_detail", sto, 2025), readers()),
    Route(
        "annual_report_document", url("regions:annual_report_document", sto, 2025), report_readers()
    ),
    Route(
        "user_list",
        lambda w, t: reverse("regions:user_list"),
        administrators(),
        marker=_user_marker,
    ),
    Route(
        "user_create", lambda w, t: reverse("regions:user_create"), administrators(), marker=None
    ),
    Route("user_edit", url("regions:user_edit", _user_pk), administrators(), marker=_user_marker),
    Route(
        "user_invite", lambda w, t: reverse("regions:user_invite"), administrators(), marker=None
    ),
]

# Object of one region reached through another region's URL: always 404, even for reviewers.
CROSS_ROUTES = [
    Route(
        "membership_end_cross",
        lambda w, t: reverse(
            "regions:membership_end", args=[sto(w, "own"), w.membership["other"].pk]
        ),
        table(),
    ),
    Route(
        "organisation_detail_cross",
        lambda w, t: reverse(
            "regions:organisation_detail", args=[sto(w, "own"), w.company["other"].key]
        ),
        table(),
        marker=lambda w, t: w.company["other"].name,
    ),
    Route(
        "student_count_cross",
        lambda w, t: reverse(
            "regions:student_count_detail", args=[sto(w, "own"), w.student_count["other"].pk]
        ),
        table(),
        marker=lambda w, t: w.region["other"].name,
    ),
    Route(
        "convenant_cross",
        lambda w, t: reverse(
            "regions:convenant_detail", args=[sto(w, "own"), w.convenant["other"].pk]
        ),
        table(),
        marker=lambda w, t: w.convenant["other"].title,
    ),
    Route(
        "signature_cross",
        lambda w, t: reverse(
            "regions:signature_edit",
            args=[sto(w, "own"), w.convenant["own"].pk, w.lead["other"].key],
        ),
        table(),
        marker=lambda w, t: w.lead["other"].name,
    ),
]


def _new_partner(w: World, t: str) -> dict:
    return {"kind": "mbo", "key": "25LX", "name": "ROC Matrix", "start": "2024-08-01"}


def _upload(w: World, t: str) -> dict:
    return {
        "document": SimpleUploadedFile(
            "verslag.pdf", pdf_bytes("nieuw"), content_type="application/pdf"
        ),
        "submitted_on": "2026-05-01",
        "activities": "Nieuwe tekst",
    }


def _signature_state(w: World, t: str):
    return tuple(
        Signature.objects.filter(convenant=w.convenant[t]).values_list(
            "organisation_id", "signed_on", "signatory"
        )
    )


WRITE_ROUTES = [
    Route(
        "partner_add",
        url("regions:partner_add", sto),
        managers(done=True),
        method="post",
        data=_new_partner,
        state=lambda w, t: Membership.objects.filter(region=w.region[t]).count(),
    ),
    Route(
        "membership_end",
        url("regions:membership_end", sto, lambda w, t: w.membership[t].pk),
        managers(done=True),
        method="post",
        data=lambda w, t: {"end": "2024-12-31"},
        state=lambda w, t: Membership.objects.get(pk=w.membership[t].pk).end,
    ),
    Route(
        "organisation_detail",
        url("regions:organisation_detail", sto, lambda w, t: w.company[t].key),
        managers(done=True),
        method="post",
        data=lambda w, t: {"name": "Gewijzigde naam", "city": "Delft"},
        state=lambda w, t: Organisation.objects.get(pk=w.company[t].pk).name,
    ),
    Route(
        "student_counts",
        url("regions:student_counts", sto),
        managers(done=True),
        method="post",
        data=lambda w, t: {
            "organisation": w.lead[t].key,
            "reference_date": "2023-10-01",
            "profile": "PIE",
            "learning_path": "KB",
            "students": "12",
        },
        state=lambda w, t: StudentCount.objects.filter(organisation=w.lead[t]).count(),
    ),
    Route(
        "student_count_detail",
        url("regions:student_count_detail", sto, lambda w, t: w.student_count[t].pk),
        managers(done=True),
        method="post",
        data=lambda w, t: {"students": "99"},
        state=lambda w, t: StudentCount.objects.get(pk=w.student_count[t].pk).students,
    ),
    Route(
        "signature_edit",
        url(
            "regions:signature_edit",
            sto,
            lambda w, t: w.convenant[t].pk,
            lambda w, t: w.company[t].key,
        ),
        managers(done=True),
        method="post",
        data=lambda w, t: {
            "signed_on": "2024-09-15",
            "signatory": "A. Jansen",
            "function": "directeur",
        },
        state=_signature_state,
    ),
    Route(
        "annual_report_detail",
        url("regions:annual_report_detail", sto, 2025),
        managers(done=True),
        method="post",
        data=_upload,
        state=lambda w, t: AnnualReport.objects.filter(region=w.region[t], year=2025).values_list(
            "submitted_on", "activities"
        )[0],
    ),
    Route(
        "user_create",
        lambda w, t: reverse("regions:user_create"),
        table(administrator=DONE),
        method="post",
        data=lambda w, t: {
            "username": f"nieuw-{t}",
            "password": "een-Lang-wachtwoord-42",
            "roles": ["Beoordelaar"],
            "is_active": "on",
        },
        marker=None,
        state=lambda w, t: get_user_model().objects.count(),
    ),
    Route(
        "user_edit",
        url("regions:user_edit", _user_pk),
        table(administrator=DONE),
        method="post",
        data=lambda w, t: {
            "first_name": "Gewijzigd",
            "roles": ["Beoordelaar"],
            "is_active": "on",
        },
        marker=None,
        state=lambda w, t: get_user_model().objects.get(pk=_user_pk(w, t)).first_name,
    ),
]


def _invited_pk(w: World, t: str) -> int:
    """An invited user who has not set a password yet (one per side)."""
    user = w.extra.get(f"invited-{t}")
    if user is None:
        user = get_user_model().objects.create_user(
            username=f"uitgenodigd-{t}", email=f"uitgenodigd-{t}@example.nl", is_active=False
        )
        w.extra[f"invited-{t}"] = user
    return user.pk


WRITE_ROUTES += [
    Route(
        "user_invite",
        lambda w, t: reverse("regions:user_invite"),
        table(administrator=DONE),
        method="post",
        data=lambda w, t: {
            "username": f"uitnodiging-{t}",
            "email": f"uitnodiging-{t}@example.nl",
            "roles": ["Beoordelaar"],
        },
        marker=None,
        state=lambda w, t: get_user_model().objects.count(),
    ),
    Route(
        "user_invitation_resend",
        url("regions:user_invitation_resend", _invited_pk),
        table(administrator=DONE),
        method="post",
        marker=None,
        state=lambda w, t: LogEntry.objects.filter(object_id=str(_invited_pk(w, t))).count(),
    ),
]


def _with_app_pk(w: World, t: str) -> int:
    """A user with an authenticator app (the officer for "own", the reviewer for "other")."""
    pk = _user_pk(w, t)
    TOTPDevice.objects.get_or_create(user_id=pk, defaults={"name": "app", "confirmed": True})
    return pk


WRITE_ROUTES.append(
    Route(
        "user_second_factor_reset",
        url("regions:user_second_factor_reset", _with_app_pk),
        table(administrator=DONE),
        method="post",
        marker=None,
        state=lambda w, t: LogEntry.objects.filter(object_id=str(_user_pk(w, t))).count(),
    )
)

ROUTES = READ_ROUTES + CROSS_ROUTES + WRITE_ROUTES


@pytest.mark.parametrize(("route", "role", "target"), matrix_params(ROUTES))
def test_access(client, world, route, role, target):  # noqa: F811
    check_route(client, world, route, role, target)


def test_every_region_url_is_in_the_matrix():
    """A new URL under /regios/ (regions/urls.py or overview's region pages) must be added to
    the matrix."""
    from overview import urls as overview_urls
    from regions import urls

    names = {p.name for p in urls.urlpatterns + overview_urls.region_patterns}
    covered = {r.name.replace("_cross", "") for r in ROUTES}
    assert names <= covered, f"not in the access matrix: {sorted(names - covered)}"


def test_the_matrix_fails_on_a_leak(client, world):  # noqa: F811
    """The checker itself: a route that shows the other region to the manager must fail."""
    leaky = Route("leaky", url("regions:region_detail", sto), table(manager=SHOW))
    # The manager is refused the other region (404), so claiming SHOW must fail the check...
    with pytest.raises(AssertionError):
        check_route(client, world, leaky, "manager", "other")
    # ...and a reviewer list that really shows the other region fails a HIDE expectation.
    hiding = Route("hiding", lambda w, t: reverse("regions:region_list"), table(reviewer=HIDE))
    with pytest.raises(AssertionError):
        check_route(client, world, hiding, "reviewer", "other")
