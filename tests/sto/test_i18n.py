"""English through Django i18n (issue 3): the source strings are Dutch, locale/en holds English.

- Dutch is the default; ``Accept-Language: en`` or the header's language switch (Django's
  ``set_language``) gives English pages.
- Amounts keep the Dutch format of ``sto.formatting`` in every language (``€ 1.399.000,50``): the
  programme, its documents and its figures are Dutch.
- The catalogue is complete: every entry translated (fuzzy counts as missing), placeholders kept,
  nothing in the source that ``makemessages`` would add, and the compiled ``django.mo`` in the
  repository matches the ``.po``.
"""

import contextlib
import gettext as gettext_module
import re
import shutil
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from regions.roles import Role
from tests.factories import (
    GrantFactory,
    MembershipFactory,
    MunicipalContributionFactory,
    OrganisationFactory,
    PeriodFactory,
    RegionFactory,
    UserFactory,
    manager_of,
    officer_of,
)

BASE_DIR = Path(settings.BASE_DIR)
PO_PATH = BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
# The folders left out of ``makemessages``, as in the command in the .po's header.
MAKEMESSAGES_IGNORE = [".venv", "var", "tests", "bench"]
UPDATE_HINT = (
    "Run `.venv/bin/python manage.py makemessages -l en --ignore=.venv --ignore=var "
    "--ignore=tests --ignore=bench`, translate the new entries in locale/en/LC_MESSAGES/django.po "
    "(and remove their `#, fuzzy` flags), then `.venv/bin/python manage.py compilemessages "
    "--ignore=.venv`."
)

LOGIN = reverse("login")
SET_LANGUAGE = reverse("set_language")


def html(response) -> str:
    return response.content.decode()


def assert_shows(page: str, *texts: str) -> None:
    missing = [t for t in texts if t not in page]
    assert not missing, f"not on the page: {missing}"


def assert_hides(page: str, *texts: str) -> None:
    present = [t for t in texts if t in page]
    assert not present, f"still on the page: {present}"


def switch_language(client, language: str, next_url: str = "/") -> None:
    """Post the header's language form, as a browser does."""
    response = client.post(SET_LANGUAGE, {"language": language, "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == language


# --- Language choice ------------------------------------------------------------------------


@pytest.mark.django_db
def test_dutch_is_the_default_without_a_preference(client):
    page = html(client.get(LOGIN))
    assert '<html lang="nl">' in page
    assert_shows(page, "<h1>Inloggen</h1>", "Gebruikersnaam", "Wachtwoord", "Naar de inhoud")
    assert_hides(page, "Log in", "Username", "Password", "Skip to content")


@pytest.mark.django_db
def test_a_language_the_application_does_not_offer_falls_back_to_dutch(client):
    page = html(client.get(LOGIN, headers={"accept-language": "de-DE,de;q=0.9"}))
    assert '<html lang="nl">' in page
    assert_shows(page, "<h1>Inloggen</h1>", "Gebruikersnaam")


@pytest.mark.django_db
def test_login_page_in_english_with_accept_language(client):
    page = html(client.get(LOGIN, headers={"accept-language": "en-GB,en;q=0.9,nl;q=0.5"}))
    assert '<html lang="en">' in page
    assert_shows(page, "<h1>Log in</h1>", "Username", "Password", "Skip to content")
    assert_hides(page, "Inloggen", "Gebruikersnaam", "Wachtwoord", "Naar de inhoud")
    # The footer and the language switch are English too.
    assert_shows(
        page, "administration of the Sterk Techniekonderwijs grant scheme", "Change language"
    )
    assert_hides(page, "administratie van de subsidieregeling", "Taal wijzigen")


@pytest.mark.django_db
def test_wrong_password_is_explained_in_english(client):
    UserFactory(username="iemand")
    response = client.post(
        LOGIN,
        {"username": "iemand", "password": "fout"},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    page = html(response)
    assert_shows(page, "Username or password is incorrect. Please try again.")
    assert_hides(page, "Gebruikersnaam of wachtwoord is onjuist")


@pytest.mark.django_db
def test_the_header_offers_a_labelled_language_switch(client):
    page = html(client.get(LOGIN + "?next=/regios/"))
    form = re.search(r'<form class="language-switch".*?</form>', page, re.S)
    assert form, "no language switch in the header"
    form = form.group(0)
    assert f'method="post" action="{SET_LANGUAGE}"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    # Back to the same page (query string included) after switching.
    assert '<input type="hidden" name="next" value="/accounts/login/?next=/regios/">' in form
    # A visible label tied to the select, and a real submit button (keyboard, no script).
    assert '<label for="taalkeuze">Taal</label>' in form
    assert '<select id="taalkeuze" name="language">' in form
    assert '<option value="nl" lang="nl" selected>Nederlands</option>' in form
    assert '<option value="en" lang="en">English</option>' in form
    assert '<button type="submit" class="link-button">Taal wijzigen</button>' in form
    # It sits in the page header.
    header = page[page.index("<header") : page.index("</header>")]
    assert form in header


@pytest.mark.django_db
def test_switching_language_on_the_login_page_without_being_logged_in(client):
    # The switch is open to anonymous users: it only sets the cookie and goes back.
    switch_language(client, "en", next_url=LOGIN)
    page = html(client.get(LOGIN))
    assert '<html lang="en">' in page
    assert_shows(page, "<h1>Log in</h1>", "Username", '<option value="en" lang="en" selected>')
    assert_hides(page, "Gebruikersnaam")
    # The cookie wins over the browser's preference, and switching back gives Dutch again.
    assert "<h1>Log in</h1>" in html(client.get(LOGIN, headers={"accept-language": "nl"}))
    switch_language(client, "nl", next_url=LOGIN)
    assert_shows(html(client.get(LOGIN)), "<h1>Inloggen</h1>", "Gebruikersnaam")


@pytest.mark.django_db
def test_set_language_never_redirects_to_another_site(client):
    response = client.post(SET_LANGUAGE, {"language": "en", "next": "https://example.com/"})
    assert response.status_code == 302
    assert response["Location"] == "/"


# --- Main pages in English ------------------------------------------------------------------


@pytest.fixture
def current_period(db):
    year = timezone.localdate().year
    return PeriodFactory(
        code=f"{year - 1}-{year + 2}",
        start_year=year - 1,
        end_year=year + 2,
        min_cofinancing_pct=Decimal("10"),
    )


@pytest.fixture
def region(current_period):
    lead = OrganisationFactory(name="Vakcollege De Brug")
    region = RegionFactory(sto_number="STO19040", name="Amstelland", kind="techniek", lead=lead)
    MembershipFactory(region=region, organisation=lead)
    GrantFactory(
        region=region,
        period=current_period,
        year=timezone.localdate().year,
        amount=Decimal("1399000.50"),
    )
    return region


@pytest.mark.django_db
def test_reviewer_region_list_in_english(client, reviewer, region):
    client.force_login(reviewer)
    switch_language(client, "en", next_url=reverse("regions:region_list"))
    response = client.get(reverse("regions:region_list"))
    assert response.status_code == 200
    page = html(response)
    assert '<html lang="en">' in page
    assert_shows(
        page,
        "<h1>Regions</h1>",
        "1 region found.",
        "STO number",
        "Lead organisation (penvoerder)",
        "technology region",  # the region kind's label
        ">Filter<",
        ">Clear<",
        "This list in Excel",
        "Log out",
        "(Reviewer)",  # the role in the header
        "National monitor",  # the main menu
        "Amstelland",
        "Vakcollege De Brug",
    )
    assert_hides(
        page,
        "regio gevonden",
        "STO-nummer",
        "Penvoerder",
        "techniekregio",
        "Filteren",
        "Wissen",
        "Uitloggen",
        "Beoordelaar",
        "Landelijke monitor",
    )
    # Amounts keep the Dutch format in English too (sto.formatting is Dutch everywhere).
    assert "€ 1.399.000,50" in page


@pytest.mark.django_db
def test_reviewer_region_list_is_dutch_without_a_preference(client, reviewer, region):
    client.force_login(reviewer)
    page = html(client.get(reverse("regions:region_list")))
    assert_shows(page, "<h1>Regio's</h1>", "1 regio gevonden.", "Uitloggen", "(Beoordelaar)")
    assert_hides(page, "region found", "Log out", "(Reviewer)")
    assert "€ 1.399.000,50" in page


@pytest.mark.django_db
def test_programme_manager_dashboard_in_english(client, region):
    manager = manager_of(region, username="manager-en")
    client.force_login(manager)
    switch_language(client, "en")
    # The start page sends a manager of one region to its dashboard.
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("regions:region_detail", args=["STO19040"])
    page = html(response)
    year = timezone.localdate().year
    assert_shows(
        page,
        "Amstelland",
        "<dt>Kind</dt><dd>technology region</dd>",
        "Open findings",
        "No open findings.",
        "Deadlines",
        f"Money in {year}",
        "Company co-financing",
        "(Programme manager)",
        "€ 1.399.000,50",
    )
    assert_hides(
        page,
        "Open bevindingen",
        "Geen open bevindingen.",
        "Termijnen",
        f"Geld in {year}",
        "Cofinanciering bedrijven",
        "Programmamanager",
        "Uitloggen",
    )


@pytest.mark.django_db
def test_officer_contributions_in_english_with_plural_forms(client, region):
    municipality = OrganisationFactory(municipality=True, key="GM0362", name="Amstelveen")
    officer = officer_of(municipality, username="gemeente-en")
    year = timezone.localdate().year
    MunicipalContributionFactory(
        region=region, municipality=municipality, year=year, requested=Decimal("23973")
    )
    client.force_login(officer)
    url = reverse("cofinancing:officer_contributions")
    page = html(client.get(url, headers={"accept-language": "en"}))
    assert '<html lang="en">' in page
    assert_shows(
        page,
        "Contributions requested from Amstelveen",
        "1 contribution is awaiting a decision.",
        "Requested",
        "Approved",
        f"Decide on STO19040 {year}",
        "Export to Excel",
        "(Municipal officer)",
        "€ 23.973",
    )
    assert_hides(
        page,
        "Bijdragen gevraagd aan",
        "bijdrage op een besluit",
        "Besluiten over",
        "Exporteren naar Excel",
        "Gemeentelijk medewerker",
    )
    # The plural form.
    MunicipalContributionFactory(
        region=region, municipality=municipality, year=year + 1, requested=Decimal("24000")
    )
    page = html(client.get(url, headers={"accept-language": "en"}))
    assert "2 contributions are awaiting a decision." in page
    page = html(client.get(url))
    assert "Er wachten 2 bijdragen op een besluit." in page


def test_role_labels_and_navigation_translate_at_runtime():
    with translation.override("en"):
        assert str(Role.PROGRAMME_MANAGER.label) == "Programme manager"
        assert translation.gettext("Regio's") == "Regions"
        assert translation.ngettext("%(n)s regio", "%(n)s regio's", 3) % {"n": 3} == "3 regions"
    with translation.override("nl"):
        assert translation.gettext("Regio's") == "Regio's"


# --- The catalogue is complete --------------------------------------------------------------


def _key(entry: polib.POEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _show(keys) -> str:
    return "\n".join(
        f"  {msgid!r}" + (f" (context {ctx!r})" if ctx else "") for ctx, msgid, _ in sorted(keys)
    )


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def test_every_entry_is_translated_and_none_is_fuzzy(catalogue):
    assert not catalogue.metadata_is_fuzzy, "the header of the .po is marked fuzzy"
    assert catalogue.metadata.get("Language") == "en"
    missing = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if entry.msgid_plural and len(forms) != 2:
            missing.append(_key(entry))
        elif "fuzzy" in entry.flags or not all(f.strip() for f in forms):
            missing.append(_key(entry))
    assert not missing, f"untranslated or fuzzy entries:\n{_show(missing)}\n{UPDATE_HINT}"
    assert len(catalogue) > 500  # the whole interface, not an empty file


PLACEHOLDER = re.compile(r"%\([^)]+\)[#0 +-]?\d*(?:\.\d+)?[sdifr]|%%|\{[a-z_]*\}")


def test_translations_keep_every_placeholder(catalogue):
    wrong = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            pairs = [
                (entry.msgid, entry.msgstr_plural.get(0, "")),
                (entry.msgid_plural, entry.msgstr_plural.get(1, "")),
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, translated in pairs:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translated)):
                wrong.append((source, translated))
            elif source[:1].isspace() != translated[:1].isspace():  # e.g. an indented line
                wrong.append((source, translated))
    assert not wrong, "placeholders differ:\n" + "\n".join(f"  {s!r} -> {t!r}" for s, t in wrong)


def _copy_filter(directory: str, names: list[str]) -> set[str]:
    """Copy only what makemessages reads (.py, .html, .txt) and skip what it ignores."""
    skipped = set()
    for name in names:
        path = Path(directory) / name
        if path.is_dir():
            if name.startswith(".") or name in {
                *MAKEMESSAGES_IGNORE,
                "__pycache__",
                "locale",
                "node_modules",
                "staticfiles",
                "media",
            }:
                skipped.add(name)
        elif path.suffix not in {".py", ".html", ".txt"}:
            skipped.add(name)
    return skipped


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> polib.POFile:
    """What `makemessages -l en` finds in the source now, extracted into a temporary copy so the
    repository's own .po is never rewritten by a test."""
    source = tmp_path_factory.mktemp("i18n") / "source"
    shutil.copytree(BASE_DIR, source, ignore=_copy_filter, symlinks=False)
    locale = source / "locale"
    locale.mkdir()
    with override_settings(LOCALE_PATHS=[str(locale)]), contextlib.chdir(source):
        call_command(
            "makemessages", locale=["en"], ignore_patterns=MAKEMESSAGES_IGNORE, verbosity=0
        )
    return polib.pofile(str(locale / "en" / "LC_MESSAGES" / "django.po"))


def test_makemessages_would_add_nothing(catalogue, extracted):
    in_source = {_key(e) for e in extracted if not e.obsolete}
    in_catalogue = {_key(e) for e in catalogue if not e.obsolete}
    assert len(in_source) > 500  # the extraction did run over the whole source
    new = in_source - in_catalogue
    assert not new, (
        f"strings in the source that are missing from the .po:\n{_show(new)}\n{UPDATE_HINT}"
    )


def test_catalogue_has_no_entries_the_source_no_longer_uses(catalogue, extracted):
    in_source = {_key(e) for e in extracted if not e.obsolete}
    stale = {_key(e) for e in catalogue if not e.obsolete} - in_source
    assert not stale, (
        f"entries no longer in the source (makemessages marks them obsolete):\n{_show(stale)}\n{UPDATE_HINT}"
    )


def test_compiled_catalogue_matches_the_po(catalogue):
    with MO_PATH.open("rb") as handle:
        compiled = gettext_module.GNUTranslations(handle)._catalog
    expected: dict = {}
    for entry in catalogue:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            for index, text in entry.msgstr_plural.items():
                expected[(msgid, int(index))] = text
        else:
            expected[msgid] = entry.msgstr
    compiled = {k: v for k, v in compiled.items() if k != ""}  # the header
    stale = sorted(str(k) for k in expected.keys() ^ compiled.keys())
    stale += sorted(str(k) for k in expected.keys() & compiled.keys() if expected[k] != compiled[k])
    assert not stale, (
        "locale/en/LC_MESSAGES/django.mo is out of date; run `.venv/bin/python manage.py "
        f"compilemessages --ignore=.venv`. Differences: {stale[:10]}"
    )
