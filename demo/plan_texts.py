"""The building blocks of the demo plans: sentences for the regiovisie, goals, activities and
risks, in the Dutch of a regional application (seeds 004 Bijlage B). ``plans`` fills them in
with a region's own facts and picks among the variants with the data set's random source, so
that no two regions read alike.

Every template is a ``str.format`` string; the fields are those of ``Facts`` in ``plans``.
"""

from typing import NamedTuple

PROVINCES = {
    "GR": "Groningen",
    "FR": "Fryslân",
    "DR": "Drenthe",
    "OV": "Overijssel",
    "FL": "Flevoland",
    "GE": "Gelderland",
    "UT": "Utrecht",
    "NH": "Noord-Holland",
    "ZH": "Zuid-Holland",
    "ZE": "Zeeland",
    "NB": "Noord-Brabant",
    "LI": "Limburg",
    "BES": "Caribisch Nederland",
}

# Where the penvoerder of a city region is; other regions are described as rural.
CITIES = frozenset(
    {
        "Almere", "Amersfoort", "Amstelveen", "Amsterdam", "Apeldoorn", "Arnhem", "Assen", "Breda",
        "Capelle aan den IJssel", "Deventer", "Dordrecht", "Eindhoven", "Emmen", "Enschede",
        "Heerlen", "Helmond", "Hoofddorp", "Lelystad", "Maastricht", "Nieuwegein", "Nijmegen",
        "Oss", "Rijswijk", "Rotterdam", "Tilburg", "Utrecht", "Venlo", "Zoetermeer", "Zwijndrecht",
        "Zwolle",
    }
)  # fmt: skip

# The technical sectors that employ most technicians in the province.
SECTORS = {
    "GR": ("energie en chemie", "agrotechniek", "bouw en installatie"),
    "FR": (
        "maritieme techniek",
        "agrotechniek en voedingsmiddelenindustrie",
        "installatietechniek",
    ),
    "DR": ("metaal en maakindustrie", "agrotechniek", "installatietechniek"),
    "OV": ("metaal en maakindustrie", "bouw en infra", "installatietechniek"),
    "FL": ("agrotechniek", "logistiek en mechatronica", "bouw en infra"),
    "GE": ("maakindustrie", "bouw en installatie", "agrotechniek en voeding"),
    "UT": ("installatietechniek", "bouw en infra", "ICT en domotica"),
    "NH": ("maritieme techniek", "installatietechniek", "procesindustrie"),
    "ZH": ("haven- en procesindustrie", "maritieme techniek", "glastuinbouwtechniek"),
    "ZE": ("procesindustrie", "maritieme techniek", "energietechniek"),
    "NB": ("high-tech maakindustrie", "automotive", "installatietechniek"),
    "LI": ("chemie", "logistiek en mechatronica", "bouw en installatie"),
    "BES": ("energie en water", "bouw", "onderhoud van installaties"),
}

PROFILE_NAMES = {
    "BWI": "Bouwen, wonen en interieur",
    "PIE": "Produceren, installeren en energie",
    "M&T": "Mobiliteit en transport",
    "MaT": "Maritiem en techniek",
    "MVI": "Media, vormgeving en ICT",
}

# --- the regiovisie, section by section ------------------------------------------------------

SUMMARY_OPENINGS = (
    "In {region} werken {partners_text} samen aan sterk techniekonderwijs.",
    "STO {region} is het samenwerkingsverband van vmbo-scholen, mbo, bedrijfsleven en overheid in "
    "{towns}.",
    "Met dit plan zetten de partners in {region} de samenwerking van de afgelopen jaren voort en "
    "bouwen zij die uit tot een blijvende structuur.",
)
SUMMARY_FACTS = (
    "Op 1 oktober 2024 volgden {students} leerlingen in de basis-, kader- en gemengde leerweg een "
    "technisch profiel; dat is {share} van alle leerlingen in die leerwegen."
)
SUMMARY_FOCUS = (
    "De komende vier jaar richten we ons op een dekkend aanbod van de technische profielen "
    "{profiles}.",
    "De vraag naar vakmensen in de {sector} groeit sneller dan het aantal leerlingen dat voor "
    "techniek kiest.",
    "Samen met het primair onderwijs laten we leerlingen al vroeg kennismaken met techniek.",
    "We investeren in de doorlopende leerlijn naar het mbo, zodat minder technische leerlingen "
    "uitvallen of alsnog een andere richting kiezen.",
    "Het tekort aan bevoegde techniekdocenten is ons grootste risico; de opleiding van "
    "zij-instromers krijgt daarom voorrang.",
    "De praktijklokalen worden gemoderniseerd en waar het kan gedeeld tussen de scholen.",
)
SUMMARY_CLOSING = (
    "Voor 2025-2028 vragen we {requested} subsidie aan. De bedrijven dragen daarnaast ten minste "
    "10 % bij, vooral in natura: stages, gastlessen en materialen."
)

DELIMITATION_TOWNS = (
    "De regio omvat de gemeente{s} {towns} en valt binnen de provincie {province}.",
    "Het werkgebied van STO {region} bestaat uit de gemeente{s} {towns} ({province}).",
)
DELIMITATION_CHARACTER = {
    "urban": (
        "De regio is stedelijk: de scholen liggen dicht bij elkaar en leerlingen kiezen vaak een "
        "school buiten hun eigen wijk.",
        "In de stad is het aanbod groot, maar leerlingen en ouders kennen de technische profielen "
        "slecht.",
    ),
    "rural": (
        "De regio is landelijk van karakter; de afstanden tussen de scholen zijn groot en het "
        "openbaar vervoer is beperkt.",
        "Kleine kernen en een krimpend aantal jongeren maken samenwerking tussen de scholen "
        "noodzakelijk.",
    ),
}
DELIMITATION_CLOSING = (
    "De regio overlapt niet met andere STO-regio's: elke vmbo-vestiging neemt deel aan één regio.",
    "De grens van de regio valt samen met het werkgebied van het samenwerkingsverband passend "
    "onderwijs en met de regionale arbeidsmarktregio.",
)

CURRENT_OFFER = (
    "In de regio bieden {technical} van de {vmbo} vmbo-vestigingen een of meer technische "
    "profielen aan: {offer}."
)
CURRENT_OFFER_MISSING = (
    "{Missing} {missing_verb} in de regio niet aangeboden; leerlingen met die belangstelling "
    "reizen naar een naburige regio.",
    "Voor {missing} verwijzen de scholen door naar een vestiging buiten de regio.",
)
CURRENT_OFFER_CLOSING = (
    "De meeste technische leerlingen volgen de basis- of kaderberoepsgerichte leerweg; in de "
    "gemengde leerweg is techniek nog klein.",
    "Naast de profielen bieden de scholen technische keuzevakken aan, zoals domotica, "
    "lastechniek en elektrotechniek.",
    "Een deel van de vestigingen biedt een profiel samen met een andere school aan, met gedeelde "
    "praktijklessen.",
)

TECHNIEKARM = (
    "{region} is een techniekarme regio: minder dan 10 % van de leerlingen in de basis-, kader- en "
    "gemengde leerweg volgt een technisch profiel ({share}). Toch is ook hier werk voor technici, "
    "vooral in de {sector}. De regio kiest daarom voor techniek in de breedte: technische "
    "keuzevakken binnen andere profielen, oriëntatie op techniek in de onderbouw en een "
    "overstap naar het technisch mbo die voor elke leerling open staat."
)
TECHNIEKARM_GOALS = (
    "Als techniekarme regio willen we in 2028 dat elke vmbo-leerling in de onderbouw ten minste "
    "tien dagdelen techniek heeft gevolgd, dat alle vestigingen een technisch keuzevak aanbieden "
    "en dat het aantal leerlingen dat doorstroomt naar een technische mbo-opleiding met een "
    "kwart is gestegen."
)

LABOUR_QUALITATIVE = (
    "Werkgevers in de {sector} en de {sector2} melden al jaren moeilijk vervulbare vacatures "
    "voor monteurs, installateurs en operators.",
    "De energietransitie en de woningbouwopgave vragen om vakmensen die zonnepanelen, "
    "warmtepompen en laadpalen kunnen installeren en onderhouden.",
    "Bedrijven vragen vooral om praktische vaardigheden, veiligheidsbewustzijn en digitale "
    "basiskennis; vakkennis leren zij jongeren graag zelf in de praktijk.",
    "Het midden- en kleinbedrijf domineert de regio: veel kleine bedrijven die samen "
    "leerlingen willen opleiden, maar elk weinig tijd hebben.",
)
LABOUR_QUANTITATIVE = (
    "Volgens de regionale arbeidsmarktcijfers stonden begin 2024 ongeveer {vacancies} technische "
    "vacatures open, waarvan {hard} % moeilijk vervulbaar. Tot 2028 gaan naar verwachting "
    "{retiring} technici met pensioen, terwijl er jaarlijks maar ongeveer {graduates} jongeren met "
    "een technisch mbo-diploma de regionale arbeidsmarkt op komen."
)

OFFER_NEED = (
    "Een dekkend aanbod betekent voor ons dat elke leerling binnen {km} kilometer een technisch "
    "profiel kan kiezen.",
    "Doelmatig wil zeggen dat scholen praktijklokalen en docenten delen waar de aantallen "
    "leerlingen klein zijn, in plaats van elk een eigen lokaal in te richten.",
    "Het aanbod van {profiles} blijft op de huidige vestigingen; nieuwe richtingen starten we "
    "alleen samen met het mbo en het bedrijfsleven.",
    "De vraag naar vakmensen in de {sector} rechtvaardigt een groter aanbod van het profiel "
    "{main_profile}.",
)

CURRENT_QUALITY = (
    "De inspectie beoordeelt de technische afdelingen als voldoende tot goed.",
    "Niet alle praktijklokalen voldoen aan de eisen van de vernieuwde profielen; een deel van de "
    "machines is ouder dan vijftien jaar.",
    "Van de technische vmbo-leerlingen stroomt {flow} % door naar een technische mbo-opleiding.",
    "De slaagpercentages in de technische profielen liggen rond het landelijk gemiddelde.",
    "Leerlingen waarderen de praktijkvakken hoog, de loopbaanbegeleiding minder.",
)
DESIRED_QUALITY = (
    "In 2028 leren leerlingen in moderne praktijkruimtes met apparatuur die ook in de bedrijven "
    "wordt gebruikt.",
    "Elke technische vestiging werkt met vakmensen uit het bedrijfsleven die een deel van de "
    "lessen geven.",
    "Loopbaanoriëntatie op techniek begint in leerjaar 1 en loopt door tot in het mbo.",
    "Docenten houden hun vakkennis actueel met een jaarlijkse stage bij een bedrijf.",
    "De leerlijn techniek van po, vmbo en mbo is op elkaar afgestemd, zonder overlap in de "
    "leerstof.",
)
QUALITY_GAP = (
    "Het verschil tussen de huidige en de gewenste kwaliteit zit vooral in de praktijkruimtes en "
    "in het aantal bevoegde docenten.",
    "De grootste stap zetten we in de samenwerking met het bedrijfsleven: van losse "
    "gastlessen naar een vast programma per leerjaar.",
    "De aansluiting op het mbo is goed voor {main_profile}, maar moet beter voor de andere "
    "profielen.",
)

RUNNING_PROJECTS = (
    "Regionaal Investeringsfonds mbo (RIF): praktijkcentrum {sector}",
    "Sterk Beroepsonderwijs: doorlopende leerlijnen vmbo-mbo",
    "Techniekpact {province}: techniekpromotie in het primair onderwijs",
    "Programma Gelijke Kansen: loopbaanbegeleiding in de onderbouw",
    "Regionale Aanpak Personeelstekort: zij-instroom in het beroepsonderwijs",
    "Wetenschap en Technologie in het primair onderwijs",
)
RUNNING_CLOSING = (
    "Waar deze projecten en STO elkaar raken, stemmen de projectleiders af in de stuurgroep. Er "
    "is geen dubbele financiering: iedere activiteit staat in één begroting."
)

TEACHER_NOTES = (
    "In de regio werken {qualified} bevoegde techniekdocenten. {to_replace} van hen gaan voor "
    "2028 met pensioen of vertrekken, en {to_train} docenten behalen nog hun bevoegdheid.",
    "Vacatures voor techniekdocenten staan gemiddeld vier maanden open; {to_replace} docenten "
    "moeten de komende jaren worden vervangen.",
)
TEACHER_NOTES_MEASURES = (
    "We leiden zij-instromers uit het bedrijfsleven op en delen docenten tussen de scholen.",
    "Met het mbo ontwikkelen we een gezamenlijk opleidingstraject voor instructeurs en docenten.",
    "Bedrijven stellen vakmensen beschikbaar als gastdocent of hybride docent.",
)


# --- goals (seeds 004 B.2 §1): description and milestones after 2 and 4 years ---------------


class GoalText(NamedTuple):
    theme: str
    description: str
    milestone_2y: str
    milestone_4y: str


GOALS = (
    GoalText(
        "duurzaam",
        "De samenwerking tussen vmbo, mbo en bedrijfsleven is blijvend geborgd in een regionaal "
        "techniekplatform.",
        "Het platform komt vier keer per jaar bijeen; {companies_2y} bedrijven nemen actief deel.",
        "{companies_4y} bedrijven nemen deel en de financiering na 2028 is vastgelegd.",
    ),
    GoalText(
        "duurzaam",
        "Gemeenten en werkgevers dragen na 2028 zelf bij aan het techniekonderwijs in de regio.",
        "Met alle gemeenten van de regio is een intentieverklaring getekend.",
        "De bijdragen van gemeenten en werkgevers voor 2029 en later zijn toegezegd.",
    ),
    GoalText(
        "duurzaam",
        "Praktijklokalen en apparatuur worden gedeeld en duurzaam onderhouden.",
        "Een gezamenlijk onderhouds- en vervangingsplan voor de praktijklokalen is vastgesteld.",
        "Alle {technical} technische vestigingen werken met het gezamenlijke plan.",
    ),
    GoalText(
        "dekkend",
        "Elke leerling in de regio kan binnen redelijke reisafstand een technisch profiel kiezen.",
        "Een vervoers- en roosterregeling tussen de vestigingen is ingevoerd.",
        "Alle technische profielen van de regio zijn voor {reach} % van de leerlingen binnen "
        "25 kilometer bereikbaar.",
    ),
    GoalText(
        "dekkend",
        "Het aantal leerlingen in een technisch profiel stijgt.",
        "{students_2y} leerlingen volgen een technisch profiel (1 oktober 2024: {students}).",
        "{students_4y} leerlingen volgen een technisch profiel.",
    ),
    GoalText(
        "dekkend",
        "Meer meisjes kiezen voor een technisch profiel.",
        "Het aandeel meisjes in de technische profielen is gestegen tot {girls_2y} %.",
        "Het aandeel meisjes in de technische profielen is {girls_4y} %.",
    ),
    GoalText(
        "dekkend",
        "Het profiel {new_profile} wordt in de regio aangeboden.",
        "Een vestiging is aangewezen en de praktijkruimte is ingericht.",
        "De eerste leerlingen ronden het profiel {new_profile} af.",
    ),
    GoalText(
        "kwalitatief",
        "Het techniekonderwijs sluit aan op de vraag van de regionale arbeidsmarkt.",
        "Voor elk technisch profiel is samen met bedrijven een keuzevak ontwikkeld.",
        "Alle keuzevakken zijn met het bedrijfsleven geëvalueerd en bijgesteld.",
    ),
    GoalText(
        "kwalitatief",
        "Techniekdocenten zijn bevoegd en hun vakkennis is actueel.",
        "{teachers_2y} docenten volgen een opleiding of bijscholing; elke docent loopt jaarlijks "
        "stage bij een bedrijf.",
        "Alle techniekdocenten in de regio zijn bevoegd.",
    ),
    GoalText(
        "kwalitatief",
        "Een doorlopende leerlijn techniek van het primair onderwijs via het vmbo naar het mbo.",
        "{schools_2y} basisscholen geven techniekonderwijs in groep 7 en 8 samen met een "
        "vmbo-school.",
        "{flow_4y} % van de technische vmbo-leerlingen stroomt door naar een technische "
        "mbo-opleiding.",
    ),
    GoalText(
        "kwalitatief",
        "Moderne praktijkruimtes die passen bij de techniek van nu.",
        "{labs_2y} praktijklokalen zijn vernieuwd.",
        "Alle praktijklokalen voldoen aan de eisen van de vernieuwde profielen.",
    ),
)


# --- activities (seeds 004 B.2 §2) -----------------------------------------------------------


class ActivityText(NamedTuple):
    title: str
    result: str
    owner_kinds: tuple[str, ...]  # who carries it out, in order of preference
    months: tuple[int, int]  # how long it runs, at least and at most (0: a week)
    themes: tuple[str, ...]  # the goals it serves
    starts_in: tuple[int, ...] = ()  # the months it can start in (default: any)


ACTIVITIES = (
    ActivityText(
        "Programmamanagement en regionale afstemming",
        "Een programmamanager stuurt de uitvoering; de stuurgroep komt zes keer per jaar bijeen.",
        ("lead",),
        (48, 48),
        ("duurzaam",),
    ),
    ActivityText(
        "Techniekweek voor groep 7 en 8",
        "{pupils} leerlingen uit het primair onderwijs maken kennis met techniek op een vmbo-school.",
        ("vmbo", "po"),
        (0, 0),
        ("dekkend", "kwalitatief"),
        (3, 4, 10, 11),
    ),
    ActivityText(
        "Gastlessen door vakmensen uit het bedrijfsleven",
        "Elke technische klas krijgt per jaar ten minste vier gastlessen.",
        ("company",),
        (10, 36),
        ("kwalitatief", "duurzaam"),
    ),
    ActivityText(
        "Bedrijfsbezoeken en snuffelstages in leerjaar 2",
        "Alle leerlingen van leerjaar 2 bezoeken twee technische bedrijven.",
        ("company", "vmbo"),
        (6, 24),
        ("dekkend",),
    ),
    ActivityText(
        "Vernieuwing praktijklokaal {profile}",
        "Een praktijklokaal dat voldoet aan de eisen van het vernieuwde profiel {profile}.",
        ("vmbo",),
        (4, 12),
        ("kwalitatief",),
    ),
    ActivityText(
        "Opleiding zij-instromers tot techniekdocent",
        "{teachers} zij-instromers behalen een bevoegdheid voor een technisch profiel.",
        ("mbo", "lead"),
        (18, 36),
        ("kwalitatief", "duurzaam"),
    ),
    ActivityText(
        "Bijscholing docenten in duurzame energie en domotica",
        "Alle docenten PIE en BWI hebben de bijscholing gevolgd.",
        ("mbo",),
        (6, 18),
        ("kwalitatief",),
    ),
    ActivityText(
        "Doorlopende leerlijn vmbo-mbo",
        "Een afgestemd programma voor leerjaar 3 en 4 met lessen op het mbo.",
        ("mbo", "vmbo"),
        (12, 30),
        ("kwalitatief", "dekkend"),
    ),
    ActivityText(
        "Techniekcarrousel in leerjaar 1",
        "Elke leerling van leerjaar 1 volgt acht weken lang alle technische profielen.",
        ("vmbo",),
        (10, 36),
        ("dekkend",),
    ),
    ActivityText(
        "Meidenmiddagen techniek",
        "{girls} meisjes uit groep 8 en leerjaar 1 nemen deel aan een techniekmiddag.",
        ("vmbo", "company"),
        (3, 24),
        ("dekkend",),
    ),
    ActivityText(
        "Regionale techniekbeurs",
        "Een beurs waar leerlingen, ouders en bedrijven elkaar ontmoeten.",
        ("municipality", "lead"),
        (0, 0),
        ("dekkend", "duurzaam"),
        (1, 2, 10, 11),
    ),
    ActivityText(
        "Hybride docenten: vakmensen voor de klas",
        "{hybrid} vakmensen geven een deel van hun werkweek les op een vmbo-school.",
        ("company", "mbo"),
        (12, 36),
        ("kwalitatief", "duurzaam"),
    ),
    ActivityText(
        "Keuzevakken ontwikkelen met het bedrijfsleven",
        "Drie nieuwe keuzevakken, elk met een bedrijf als partner.",
        ("vmbo", "company"),
        (6, 18),
        ("kwalitatief",),
    ),
    ActivityText(
        "Vervoersregeling tussen de vestigingen",
        "Leerlingen reizen voor praktijklessen kosteloos naar een andere vestiging.",
        ("municipality", "lead"),
        (12, 36),
        ("dekkend",),
    ),
    ActivityText(
        "Techniekbus voor basisscholen",
        "Een ingerichte bus bezoekt {schools} basisscholen per jaar.",
        ("vmbo", "po"),
        (12, 36),
        ("dekkend", "kwalitatief"),
    ),
    ActivityText(
        "Ouderavonden over techniek",
        "Ouders van leerlingen in groep 8 en leerjaar 1 kennen de technische profielen.",
        ("vmbo",),
        (2, 12),
        ("dekkend",),
    ),
    ActivityText(
        "Gedeeld praktijkcentrum",
        "Een praktijkcentrum dat de scholen samen met het mbo gebruiken.",
        ("mbo", "vmbo"),
        (12, 30),
        ("duurzaam", "kwalitatief"),
    ),
    ActivityText(
        "Zomerschool techniek",
        "Leerlingen die twijfelen over hun profielkeuze volgen een week techniek in de zomer.",
        ("vmbo",),
        (0, 0),
        ("dekkend",),
        (7,),
    ),
    ActivityText(
        "Monitoring en evaluatie",
        "Een jaarlijkse monitor van leerlingaantallen, doorstroom en tevredenheid.",
        ("lead", "hbo"),
        (36, 48),
        ("duurzaam",),
    ),
    ActivityText(
        "Regionale stagebank",
        "Alle stageplaatsen van de partners staan in één overzicht voor leerlingen en docenten.",
        ("company", "mbo"),
        (6, 18),
        ("duurzaam", "dekkend"),
    ),
)


# --- risks (seeds 004 B.2 §3.3) --------------------------------------------------------------


class RiskText(NamedTuple):
    risk: str
    measure: str
    likelihood: str
    impact: str
    owner_kinds: tuple[str, ...]


RISKS = (
    RiskText(
        "Te weinig bevoegde techniekdocenten",
        "Zij-instromers opleiden en docenten delen tussen de scholen.",
        "groot",
        "groot",
        ("lead", "vmbo"),
    ),
    RiskText(
        "Bedrijven haken af bij economische tegenwind",
        "Afspraken vastleggen in het convenant en het netwerk verbreden naar meer bedrijven.",
        "middel",
        "middel",
        ("company", "lead"),
    ),
    RiskText(
        "Dalende leerlingaantallen door krimp",
        "Het aanbod concentreren en praktijklokalen delen.",
        "middel",
        "groot",
        ("lead",),
    ),
    RiskText(
        "Vertraging bij de verbouwing van praktijklokalen",
        "Vroeg aanbesteden en zo nodig tijdelijk lokalen van het mbo gebruiken.",
        "middel",
        "middel",
        ("vmbo",),
    ),
    RiskText(
        "De toegezegde cofinanciering wordt niet gerealiseerd",
        "Twee keer per jaar de toezeggingen en de realisatie per bedrijf nagaan.",
        "klein",
        "groot",
        ("lead",),
    ),
    RiskText(
        "Uitval van de programmamanager",
        "De taken zijn beschreven en een vervanger is aangewezen.",
        "klein",
        "middel",
        ("lead",),
    ),
    RiskText(
        "Het leerlingenvervoer tussen de vestigingen blijkt te duur",
        "Afspraken met de gemeenten over het leerlingenvervoer.",
        "middel",
        "klein",
        ("municipality", "lead"),
    ),
    RiskText(
        "Stijgende prijzen van materialen en apparatuur",
        "Gezamenlijk inkopen en prijsafspraken maken met leveranciers.",
        "groot",
        "middel",
        ("vmbo",),
    ),
    RiskText(
        "Te weinig stageplaatsen in de regio",
        "Een regionale stagebank samen met de bedrijven.",
        "middel",
        "middel",
        ("company", "mbo"),
    ),
    RiskText(
        "Te weinig belangstelling van leerlingen en ouders voor techniek",
        "Voorlichting in het primair onderwijs en ouderavonden op de vmbo-scholen.",
        "middel",
        "groot",
        ("vmbo", "po"),
    ),
    RiskText(
        "Dubbele financiering met andere regelingen (RIF, Sterk Beroepsonderwijs)",
        "Activiteiten en uitgaven per regeling gescheiden administreren.",
        "klein",
        "groot",
        ("lead",),
    ),
    RiskText(
        "Scholen stemmen hun roosters niet op elkaar af",
        "Een gezamenlijke roosterweek vastleggen in de jaarplanning.",
        "middel",
        "klein",
        ("vmbo",),
    ),
)
