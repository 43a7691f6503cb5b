"""axe-core (WCAG 2.1 A and AA) on the main pages of every role, including forms after a failed
submit. One test per role walks all of that role's pages on one scenario and reports every
violation of every page at once. Each walk starts with the login and checks the role's start page.
"""

import pytest
from playwright.sync_api import expect

from cofinancing.models import MunicipalContribution
from regions.models import Membership, StudentCount

from .conftest import axe_violations, login, screenshot
from .scenario import OWN, scenario  # noqa: F401  (the scenario fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


DANGLING_DESCRIBEDBY = """() => [...document.querySelectorAll('[aria-describedby]')].flatMap(
    el => el.getAttribute('aria-describedby').split(/\\s+/).filter(Boolean)
        .filter(id => !document.getElementById(id)).map(id => `#${el.id} -> #${id}`))"""


class Audit:
    """Visit pages, require each to load (HTTP 200, one h1), collect axe violations per page."""

    def __init__(self, page):
        self.page = page
        self.found: dict[str, list] = {}
        self.pages = 0

    def check(self, label: str) -> None:
        self.page.wait_for_load_state()
        assert self.page.locator("h1").count() == 1, f"{label}: expected one h1"
        self.pages += 1
        violations = axe_violations(self.page)
        # axe accepts an aria-describedby of which only some ids exist; a help text or error
        # that is not found is never read out, so every id must exist.
        dangling = self.page.evaluate(DANGLING_DESCRIBEDBY)
        if dangling:
            violations.append(
                {
                    "id": "aria-describedby-missing-id",
                    "impact": "serious",
                    "help": "aria-describedby names an id that is not on the page",
                    "nodes": dangling[:5],
                }
            )
        if violations:
            self.found[label] = violations

    def visit(self, path: str, *, status: int = 200) -> None:
        response = self.page.goto(self.page.base_url + path)
        assert response.status == status, f"{path}: HTTP {response.status}, expected {status}"
        self.check(path)

    def assert_clean(self) -> None:
        report = "\n".join(
            f"{label}:\n"
            + "\n".join(
                f"  - {v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in found
            )
            for label, found in self.found.items()
        )
        assert self.found == {}, (
            f"axe-core violations on {len(self.found)} of {self.pages} pages:\n{report}"
        )


def test_programme_manager_pages(page, scenario):  # noqa: F811
    login(page, "programmamanager")
    audit = Audit(page)
    assert page.url.endswith(f"/regios/{OWN}/")
    audit.check("start page (dashboard)")
    convenant = scenario.convenant.pk
    membership = Membership.objects.get(region=scenario.region, organisation=scenario.company).pk
    count = StudentCount.objects.filter(organisation=scenario.lead).first().pk
    for path in (
        f"/regios/{OWN}/?jaar=2025",
        f"/regios/{OWN}/partners/",
        f"/regios/{OWN}/partners/?status=former",
        f"/regios/{OWN}/partners/toevoegen/?zoek=Amstel",
        f"/regios/{OWN}/organisaties/{scenario.company.key}/",
        f"/regios/{OWN}/partners/{membership}/beeindigen/",
        f"/regios/{OWN}/leerlingen/",
        f"/regios/{OWN}/leerlingen/{count}/",
        f"/regios/{OWN}/convenanten/",
        f"/regios/{OWN}/convenanten/{convenant}/",
        f"/regios/{OWN}/convenanten/{convenant}/ondertekening/{scenario.second_vmbo.key}/",
        f"/regios/{OWN}/jaarverslagen/",
        f"/regios/{OWN}/jaarverslagen/2025/",
        f"/geld/{OWN}/cofinanciering/",
        f"/geld/{OWN}/cofinanciering/nieuw/",
        f"/geld/{OWN}/cofinanciering/{scenario.commitment.pk}/",
        f"/geld/{OWN}/subsidies/",
        f"/geld/{OWN}/bijdragen/",
        f"/geld/{OWN}/bijdragen/aanvragen/",
        f"/geld/bijdragen/{scenario.contribution.pk}/",
        "/rapportage/",
        f"/rapportage/besluit/{OWN}/GM0362/2025-2028/",
    ):
        audit.visit(path)
    screenshot(page, "collegebesluit")  # the last page visited: the council decision text

    # The split preview, and the split form after a failed submit.
    audit.visit(f"/geld/{OWN}/bijdragen/verdelen/")
    page.get_by_label("Totaalbedrag per jaar voor de regio (€)").fill("45.000")
    page.get_by_label("Eerste jaar").fill("2027")
    page.get_by_label("Laatste jaar").fill("2026")
    page.get_by_role("button", name="Verdeling bekijken").click()
    expect(page.locator("#id_last_year_error")).to_be_visible()
    audit.check("split form with an error")
    page.get_by_label("Laatste jaar").fill("2028")
    page.get_by_role("button", name="Verdeling bekijken").click()
    assert "Amstelveen (GM0362)" in page.get_by_role("table").inner_text()
    audit.check("split preview")

    # A contribution request sent empty.
    audit.visit(f"/geld/{OWN}/bijdragen/aanvragen/")
    page.locator("main form.form button[type=submit]").first.click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check("contribution request with errors")
    audit.assert_clean()


def test_municipal_officer_pages(page, scenario):  # noqa: F811
    login(page, "gemeente")
    audit = Audit(page)
    # The start page: the contributions asked of their municipality, and only those.
    assert page.url.endswith("/geld/gemeente/")
    assert page.locator("h1").inner_text() == "Bijdragen gevraagd aan Amstelveen"
    table = page.get_by_role("table").inner_text()
    assert "€ 23.973" in table and "€ 19.414" in table
    assert "€ 8.000" not in table  # Aalsmeer's contribution to the same region
    audit.check("start page (contributions)")

    audit.visit(f"/geld/bijdragen/{scenario.contribution.pk}/")
    # Approving more than was asked: the error is next to the amount, nothing is saved.
    page.get_by_label("Deels goedkeuren (een lager bedrag)").check()
    page.get_by_label("Toegekend bedrag (€)").fill("30.000")
    page.get_by_label("Motivering").fill("Meer dan gevraagd.")
    page.get_by_label("Besluitdatum").fill(scenario.today.isoformat())
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator("#id_approved_error")).to_contain_text(  # next to the amount
        "Het toegekende bedrag is hoger dan het gevraagde bedrag"
    )
    expect(page.locator("#id_approved")).to_have_attribute("aria-invalid", "true")
    audit.check("decision form with an error")
    screenshot(page, "gemeente-besluit-fout")
    contribution = MunicipalContribution.objects.get(pk=scenario.contribution.pk)
    assert contribution.status == "requested" and contribution.approved is None

    for path in (
        f"/geld/bijdragen/{scenario.earlier_contribution.pk}/",
        f"/regios/{OWN}/",
        "/rapportage/",
        f"/rapportage/besluit/{OWN}/GM0362/2025-2028/",
    ):
        audit.visit(path)
    # Another municipality's contribution is not there for them.
    response = page.goto(f"{page.base_url}/geld/bijdragen/{scenario.other_contribution.pk}/")
    assert response.status == 404
    audit.assert_clean()


def test_reviewer_pages(page, scenario):  # noqa: F811
    login(page, "beoordelaar")
    audit = Audit(page)
    assert page.url.endswith("/regios/")
    assert page.get_by_role("table").locator("tbody tr").count() == 5
    audit.check("start page (region list)")
    convenant = scenario.convenant.pk
    for path in (
        "/regios/?kind=techniekarm&findings=any",
        "/regios/?band=below_min&municipality=Amstelveen",
        f"/regios/{OWN}/",
        f"/regios/{OWN}/partners/",
        f"/regios/{OWN}/leerlingen/",
        f"/regios/{OWN}/convenanten/",
        f"/regios/{OWN}/convenanten/{convenant}/",
        f"/regios/{OWN}/jaarverslagen/",
        f"/regios/{OWN}/jaarverslagen/2025/",
        f"/geld/{OWN}/cofinanciering/",
        f"/geld/{OWN}/subsidies/",
        f"/geld/{OWN}/bijdragen/",
        f"/geld/bijdragen/{scenario.contribution.pk}/",
        "/rapportage/",
        "/rapportage/monitor/",
        "/rapportage/monitor/?span=2025",
        "/rapportage/jaarverslagen/",
    ):
        audit.visit(path)
    # The region list after a failed filter (upper bound below the lower bound).
    audit.visit("/regios/?pct_min=20&pct_max=10")
    expect(page.locator("#id_pct_max_error")).to_be_visible()
    audit.assert_clean()


def test_administrator_pages(page, scenario):  # noqa: F811
    login(page, "beheerder")
    audit = Audit(page)
    assert page.url.endswith("/regios/")
    assert "Gebruikers" in page.get_by_role("navigation", name="Hoofdmenu").inner_text()
    audit.check("start page (region list)")
    audit.visit("/regios/beheer/gebruikers/")
    users = page.get_by_role("table").inner_text()
    assert "programmamanager" in users and "STO19040" in users and "Amstelveen" in users
    screenshot(page, "gebruikers-beheerder")
    audit.visit(f"/regios/beheer/gebruikers/{scenario.officer.pk}/")
    audit.visit("/regios/beheer/gebruikers/nieuw/")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#id_username_error")).to_be_visible()
    audit.check("new user form with errors")
    for path in ("/rapportage/monitor/", "/rapportage/jaarverslagen/", f"/regios/{OWN}/"):
        audit.visit(path)
    audit.assert_clean()


def test_readme_links_every_screenshot():
    """The README's Screenshots section and docs/screenshots/ name the same files."""
    import re

    from .conftest import SCREENSHOT_DIR

    readme = (SCREENSHOT_DIR.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Screenshots", 1)[1].split("\n## ", 1)[0]
    linked = set(re.findall(r"\(docs/screenshots/([\w-]+\.png)\)", section))
    on_disk = {path.name for path in SCREENSHOT_DIR.glob("*.png")}
    assert linked and linked == on_disk, (
        f"only linked: {linked - on_disk}, only on disk: {on_disk - linked}"
    )
