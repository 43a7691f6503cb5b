"""``manage.py import_workbook`` / ``export_workbook`` (docs/interfaces.md §2)."""

import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from cofinancing.models import Grant
from regions.models import Organisation, Region
from tests.factories import GrantFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_export_writes_the_file_and_prints_counts_then_import_reads_it_back(tmp_path):
    grant = GrantFactory(amount=Decimal("1399000.50"))
    MembershipFactory(region=grant.region, organisation=OrganisationFactory(mbo=True, key="25LX"))
    path = tmp_path / "sto.xlsx"

    out, _err = run("export_workbook", str(path))

    assert "organisations: 2" in out and "grants: 1" in out and "memberships: 1" in out
    assert load_workbook(path)["grants"]["D2"].value == 1399000.5

    Grant.objects.all().delete()
    user = UserFactory(username="importeur")
    out, err = run("import_workbook", str(path), "--by", "importeur")

    assert err == ""
    assert "grants: 1 nieuw, 0 gewijzigd, 0 ongewijzigd" in out
    assert "organisations: 0 nieuw, 0 gewijzigd, 2 ongewijzigd" in out
    restored = Grant.objects.get()
    assert restored.amount == Decimal("1399000.50")
    assert restored.history.get().history_user == user


def test_export_of_one_region(tmp_path):
    first = GrantFactory().region
    GrantFactory()
    path = tmp_path / "regio.xlsx"
    out, _err = run("export_workbook", str(path), "--region", first.sto_number)
    assert "regions: 1" in out
    assert [c.value for c in load_workbook(path)["regions"]["A"]] == [
        "sto_number",
        first.sto_number,
    ]
    with pytest.raises(CommandError, match="Onbekende regio: STO00000"):
        run("export_workbook", str(path), "--region", "STO00000")


def test_import_of_a_bad_workbook_exits_1_with_every_problem_on_stderr(tmp_path):
    OrganisationFactory(key="12AB00", name="Bestaand")
    path = tmp_path / "fout.xlsx"
    run("export_workbook", str(path))
    workbook = load_workbook(path)
    workbook["organisations"].append(["12A", "vmbo", "Kapot", None, None, None])
    workbook["regions"].append(["STO00001", "Regio", "rijk", "12AB00"])
    workbook.save(path)
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("import_workbook", str(path), stdout=out, stderr=err)

    assert caught.value.returncode == 1
    assert "er is niets gewijzigd" in str(caught.value)
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("organisations!3: key: 12A is geen geldige BRIN-code")
    assert lines[1].startswith("regions!2: kind: onbekende waarde 'rijk'")
    assert len(lines) == 2
    assert Organisation.objects.count() == 1 and Region.objects.count() == 0


def test_the_real_command_exits_with_status_1(tmp_path):
    path = tmp_path / "geen-werkmap.xlsx"
    path.write_bytes(b"PK\x03\x04 maar geen zip")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_workbook", str(path)],
        cwd=Path(settings.BASE_DIR),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert (
        "workbook: het bestand is geen .xlsx-werkmap (geen geldig zip-bestand)."
        in result.stderr.splitlines()
    )
    assert result.stdout == ""


def test_a_missing_file_is_a_problem_not_a_traceback(tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_workbook", str(tmp_path / "bestaat-niet.xlsx"), stderr=err)
    assert caught.value.returncode == 1
    assert err.getvalue().startswith("workbook: het bestand kan niet worden geopend")


def test_an_import_without_by_is_recorded_as_the_system_account(tmp_path):
    grant = GrantFactory(amount=Decimal("1000.00"))
    path = tmp_path / "sto.xlsx"
    run("export_workbook", str(path))
    workbook = load_workbook(path)
    workbook["grants"]["D2"].value = 2000
    workbook.save(path)

    run("import_workbook", str(path))

    grant.refresh_from_db()
    assert grant.amount == Decimal("2000.00")
    actor = grant.history.first().history_user
    assert actor.username == "systeem" and actor.get_full_name() == "STO-beheer (systeem)"
    assert not actor.is_active and not actor.has_usable_password()


def test_a_refused_import_creates_no_system_account(tmp_path):
    from django.contrib.auth import get_user_model

    path = tmp_path / "leeg.xlsx"
    path.write_bytes(b"PK\x03\x04 maar geen zip")
    with pytest.raises(CommandError):
        run("import_workbook", str(path))
    assert not get_user_model().objects.filter(username="systeem").exists()
