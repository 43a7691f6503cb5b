"""Assessment framework (beoordelingskader) for regional plans, as Python data.

Transcription of seeds 004 Bijlage C "Beoordelingskader regioplannen" of the Sterk
Techniekonderwijs subsidy scheme (source: Staatscourant 12 september 2018 Nr. 51216).
Four criteria with ten sub-aspects (deelaspecten); each sub-aspect carries its minimum
requirements (minimale vereisten) and the scoring column (scoring techniekarm), which is
only used to rank applications from techniekarme regions (see SCORING_NOTE).

The texts are the legal wording and stay in Dutch; they are deliberately not translated.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SubAspectText:
    code: str
    title: str  # the "Deelaspecten" text
    minimum_requirements: tuple[str, ...]  # numbered "Minimale vereisten", without number
    scoring: str  # lead-in of the "Scoring (techniekarm)" column
    scoring_points: tuple[str, ...]  # numbered scoring points, without number


@dataclass(frozen=True)
class CriterionText:
    code: str
    title: str
    sub_aspects: tuple[SubAspectText, ...]


CRITERIA: tuple[CriterionText, ...] = (
    CriterionText(
        code="dekkend",
        title=(
            "Dekkend en doelmatig technisch onderwijsaanbod dat past bij de regionale "
            "arbeidsmarktbehoefte."
        ),
        sub_aspects=(
            SubAspectText(
                code="regiovisie",
                title=(
                    "De aanvraag bevat een regiovisie bestaand uit een afbakening van de regio en "
                    "een regionale analyse."
                ),
                minimum_requirements=(
                    (
                        "In de regionale visie is een onderbouwde keuze gemaakt voor de afbakening "
                        "van de regio."
                    ),
                    (
                        "De regionale visie bevat een overzicht van de relevante partijen in de "
                        "regio en in de desbetreffende sector, inclusief een aanduiding met wie "
                        "wordt samengewerkt voor de uitvoering van dit plan."
                    ),
                    (
                        "De analyse bevat een overzicht van het huidige aanbod van technisch vmbo "
                        "(inclusief technologisch vormgegeven andere profielen en de theoretische "
                        "leerweg), de instroomcijfers in het technisch vmbo, en de aansluiting met "
                        "het mbo (inclusief de technische opleidingen in het mbo en de "
                        "doorstroomcijfers naar het technisch mbo) en de vraag van de "
                        "arbeidsmarkt."
                    ),
                    (
                        "De analyse is onderbouwd met kwantitatieve en kwalitatieve gegevens van "
                        "de regionale (toekomstige) arbeidsmarkt."
                    ),
                    (
                        "De analyse is onderbouwd met kwantitatieve gegevens van de verwachte "
                        "ontwikkeling in leerlingenaantallen voor de komende tien jaar."
                    ),
                    (
                        "De analyse bouwt waar mogelijk voort op bestaande regionale en sectorale "
                        "agenda’s."
                    ),
                ),
                scoring=(
                    "Voor dit deelaspect wordt een hogere score toegekend naarmate de kwaliteit "
                    "van de regiovisie en uitgevoerde analyse hoger is, blijkend uit onder andere:"
                ),
                scoring_points=(
                    "een heldere en logische onderbouwing van de afbakening van de regio;",
                    (
                        "de scherpte en juistheid van de analyse van de situatie in de gekozen "
                        "regio, zowel voor het onderwijs als de arbeidsmarkt. Daarbij wordt "
                        "gebruik gemaakt van kwantitatieve en kwalitatieve gegevens;"
                    ),
                    (
                        "een logische aansluiting van de regionale visie op huidige regionale en "
                        "sectorale agenda’s."
                    ),
                ),
            ),
            SubAspectText(
                code="onderwijsaanbod",
                title=(
                    "De aanvraag bevat het beoogde onderwijsaanbod voor het technisch en "
                    "technologisch vmbo."
                ),
                minimum_requirements=(
                    (
                        "Er worden heldere doelen gesteld voor het beoogde onderwijsaanbod in de "
                        "regio op vestigingsniveau en per leerweg en profiel."
                    ),
                    (
                        "Deze beoogde doelen zijn gerelateerd aan het huidige onderwijsaanbod, het "
                        "aanbod van het mbo, de arbeidsmarktanalyse en de verwachte "
                        "leerlingenaantallen en betreffen niet alleen de vijf technische "
                        "profielen, maar ook technologisch vormgegeven andere profielen en de "
                        "theoretische leerweg."
                    ),
                    (
                        "Er wordt een beschrijving gegeven van de mijlpalen die na twee en vier "
                        "jaar moeten worden bereikt om de doelstellingen te behalen, alsmede een "
                        "omschrijving van de activiteiten die worden verricht om de mijlpalen te "
                        "verwezenlijken."
                    ),
                    (
                        "Er wordt aannemelijk gemaakt dat in de regio sprake is van een goede "
                        "balans tussen een dekkend en bereikbaar onderwijsaanbod enerzijds en "
                        "doelmatigheid anderzijds."
                    ),
                    (
                        "Als uit de regionale analyse blijkt dat het nodig is om de doorstroom "
                        "naar het technisch mbo te vergroten, worden daar heldere doelen voor "
                        "geformuleerd en een SMART plan om die te bereiken."
                    ),
                ),
                scoring=(
                    "Voor dit deelaspect wordt een hogere score toegekend naarmate de kwaliteit "
                    "van de gestelde doelen hoger is, blijkend uit onder andere:"
                ),
                scoring_points=(
                    (
                        "het beoogde onderwijsaanbod sluit voldoende aan bij de vraag vanuit de "
                        "arbeidsmarkt;"
                    ),
                    (
                        "het beoogde onderwijsaanbod kent geen vestigingen met een onrendabel "
                        "aantal leerlingen tenzij de bereikbaarheid dit noodzakelijk maakt;"
                    ),
                    "de doelen voor het beoogde onderwijsaanbod zijn SMART geformuleerd.",
                ),
            ),
            SubAspectText(
                code="activiteitenplan",
                title=(
                    "De aanvraag bevat een activiteitenplan voor de transitie van het huidige naar "
                    "het beoogde onderwijsaanbod."
                ),
                minimum_requirements=(
                    (
                        "Het activiteitenplan maakt duidelijk hoe het beoogde onderwijsaanbod "
                        "wordt gerealiseerd."
                    ),
                    (
                        "Het activiteitenplan bevat concrete, realistische en toekomstbestendige "
                        "acties om het beoogde onderwijsaanbod te bereiken."
                    ),
                    (
                        "Het activiteitenplan bevat een overzicht van de activiteiten waarvoor "
                        "subsidie wordt gevraagd."
                    ),
                ),
                scoring="Voor dit deelaspect wordt een hogere score toegekend naarmate:",
                scoring_points=(
                    (
                        "er een logisch verband is tussen uitgangspositie, beoogde situatie en het "
                        "plan van aanpak;"
                    ),
                    "het plan van aanpak SMART is geformuleerd.",
                ),
            ),
        ),
    ),
    CriterionText(
        code="kwaliteit",
        title="Verbetering kwaliteit van het techn(olog)isch vmbo-aanbod.",
        sub_aspects=(
            SubAspectText(
                code="kwaliteitsverbetering",
                title=(
                    "De aanvraag bevat een analyse van de huidige kwaliteit van het "
                    "techn(olog)isch vmbo-aanbod, stelt een SMART doel ter verbetering daarvan en "
                    "presenteert een plan om dat doel te bereiken. Hierbij moet een duidelijke "
                    "koppeling zijn met de regionale visie."
                ),
                minimum_requirements=(
                    (
                        "De analyse van de huidige kwaliteit van het techniekonderwijs is "
                        "realistisch, voldoende onderbouwd."
                    ),
                    "Het doel ter verbetering is helder geformuleerd.",
                    (
                        "Het plan bevat concrete, realistische en toekomstbestendige acties om het "
                        "doel te bereiken."
                    ),
                    (
                        "Het plan betreft niet alleen de verbetering van kwaliteit binnen de vijf "
                        "technische profielen, maar ook op die van technologisch vormgegeven "
                        "andere profielen en de theoretische leerweg op korte maar ook op (midden) "
                        "lange termijn."
                    ),
                    (
                        "Het plan omvat innovatie van het technisch onderwijs en de wijze waarop "
                        "het onderwijs voortdurend kan vernieuwen om technische ontwikkelingen te "
                        "volgen."
                    ),
                ),
                scoring=(
                    "Voor dit deelaspect wordt een hogere score toegekend naarmate de kwaliteit "
                    "van de uitgevoerde analyse en verbeterplan hoger is, blijkend uit onder "
                    "andere:"
                ),
                scoring_points=(
                    "de scherpte en juistheid van de analyse;",
                    "het plan maakt aannemelijk dat de kwaliteit van het onderwijs wordt verhoogd;",
                    "het plan is SMART geformuleerd.",
                ),
            ),
        ),
    ),
    CriterionText(
        code="uitvoerbaarheid",
        title="Uitvoerbaarheid en haalbaarheid.",
        sub_aspects=(
            SubAspectText(
                code="samenwerkingsovereenkomst",
                title=(
                    "Het plan bevat een samenwerkingsovereenkomst met daarin de inrichting van een "
                    "deskundige en duurzame organisatie die zorg draagt voor sturing op een "
                    "efficiënte inzet en verantwoording van middelen, samenwerking, planning, "
                    "evaluatie en communicatie."
                ),
                minimum_requirements=(
                    (
                        "De samenwerkingsovereenkomst bevat een beschrijving van de manier waarop "
                        "de samenwerking wordt georganiseerd, en hoe de benodigde expertise op "
                        "scholen zelf kan worden opgebouwd en kan beklijven."
                    ),
                    (
                        "De samenwerkingsovereenkomst bevat een beschrijving van de verdeling van "
                        "de middelen over de activiteiten."
                    ),
                    (
                        "De samenwerkingsovereenkomst bevat een beschrijving van de "
                        "verantwoordelijkheden van iedere partij en de activiteiten die iedere "
                        "partij gaat uitvoeren."
                    ),
                    (
                        "De samenwerkingsovereenkomst maakt aannemelijk dat de regio gezamenlijk "
                        "optrekt, van elkaar leert en zo veel mogelijk van elkaars expertise en "
                        "voorzieningen gebruik maakt."
                    ),
                ),
                scoring="Voor dit deelaspect wordt een hogere score toegekend naarmate:",
                scoring_points=(
                    (
                        "het plan een heldere beschrijving bevat van de projectorganisatie met "
                        "daarin de taken, verantwoordelijkheden en bevoegdheden binnen het "
                        "samenwerkingsverband."
                    ),
                    (
                        "in de samenwerkingsovereenkomst de gezamenlijke doelen en afspraken met "
                        "betrekking tot inzet van middelen en menskracht zijn opgenomen."
                    ),
                ),
            ),
            SubAspectText(
                code="planning_risicos",
                title=(
                    "Het plan bevat doelstellingen, beoogde resultaten en een activiteitenplanning "
                    "die uitvoerbaar zijn en haalbaar in de tijd."
                ),
                minimum_requirements=(
                    "Het plan bevat een realistische en onderbouwde activiteitenplanning.",
                    (
                        "Het plan bevat een duiding van mogelijke risico’s op de uitvoering, "
                        "bijbehorende beheersmaatregelen en de evaluatie van de voortgang van het "
                        "plan."
                    ),
                ),
                scoring="Voor dit deelaspect wordt een hogere score toegekend naarmate:",
                scoring_points=(
                    (
                        "onderbouwd is dat de uit te voeren activiteiten uitvoerbaar en haalbaar "
                        "zijn in de tijd."
                    ),
                    (
                        "de risico’s worden beschreven en geminimaliseerd in het plan van aanpak, "
                        "blijkend uit: a. een heldere beschrijving van de risico’s, waaruit blijkt "
                        "dat er goed is nagedacht over mogelijke risicofactoren en bedreigingen; "
                        "b. een beschrijving van mogelijke maatregelen als deze risicofactoren "
                        "zich werkelijk voordoen; c. een heldere beschrijving van de wijze waarop "
                        "actuele en bruikbare (voortgangs)gegevens worden verzameld en hoe "
                        "(tussentijds) wordt bijgestuurd."
                    ),
                ),
            ),
            SubAspectText(
                code="aansluiting_trajecten",
                title="Aansluiting reeds lopende regionale trajecten.",
                minimum_requirements=(
                    (
                        "Het plan bevat een beschrijving van de aansluiting van dit plan op en zo "
                        "mogelijk versterking van eventuele reeds lopende regionale trajecten met "
                        "overeenkomstige doelen (zoals RIF, bètatechniek-netwerken, trajecten in "
                        "het kader van Sterk Beroepsonderwijs), en maakt aannemelijk dat het plan "
                        "niet leidt tot dubbele bekostiging van dezelfde activiteiten."
                    ),
                    (
                        "Indien een vestiging of bedrijf in de regio ook mede een subsidieaanvraag "
                        "heeft ondertekend in het kader van andere regionale samenwerkingen, dan "
                        "dient ook het projectnummer van de andere subsidieaanvraag aangegeven te "
                        "worden."
                    ),
                    (
                        "Indien partijen reeds subsidie ontvangen op basis van de Regeling "
                        "regionaal investeringsfonds mbo, zijn de regiovisies niet onderling "
                        "tegenstrijdig en met elkaar verenigbaar."
                    ),
                ),
                scoring=(
                    "Voor dit deelaspect wordt een hogere score toegekend naarmate helder en "
                    "toereikend beschreven is:"
                ),
                scoring_points=(
                    (
                        "Hoe de trajecten (zoals RIF, bèta-techniek netwerken, trajecten Sterk "
                        "Beroepsonderwijs, veranderingen in kader van vernieuwing vmbo) elkaar "
                        "aanvullen;"
                    ),
                    "In welke opzichten ze verschillen;",
                    (
                        "Hoe voorkomen wordt dat dezelfde activiteiten vanuit verschillende "
                        "regelingen worden bekostigd."
                    ),
                ),
            ),
        ),
    ),
    CriterionText(
        code="begroting",
        title="Voldoende onderbouwde en sluitende begroting.",
        sub_aspects=(
            SubAspectText(
                code="meerjarenbegroting",
                title="Het plan bevat een realistische meerjarenbegroting van de kosten en baten.",
                minimum_requirements=(
                    (
                        "Er is een inzichtelijke en evenwichtige meerjarenbegroting voor de duur "
                        "van de subsidieperiode, die voldoet aan artikel 3.5. van de Kaderregeling "
                        "subsidies OCW, SZW en VWS. De meerjarenbegroting mag voor de tweede helft "
                        "globaler zijn, en bij de herijking uitgewerkt worden."
                    ),
                    (
                        "In aanvulling maakt de begroting inzichtelijk hoe de middelen verdeeld "
                        "worden over de betrokken partijen en wat de omvang van de kosten voor de "
                        "overhead is."
                    ),
                ),
                scoring=(
                    "Voor dit deelaspect wordt een hogere score toegekend naarmate de "
                    "meerjarenbegroting realistischer is, blijkend uit onder andere:"
                ),
                scoring_points=(
                    (
                        "in de meerjarenbegroting is duidelijk weergegeven welke kosten gemaakt "
                        "worden en door wie;"
                    ),
                    "de kosten staan in verhouding tot de beoogde activiteiten.",
                    (
                        "de beschreven kosten en baten in de meerjarenbegroting zijn realistisch "
                        "voor de verschillende partners."
                    ),
                ),
            ),
            SubAspectText(
                code="doelmatigheid",
                title="Doelstellingen worden op zo efficiënt mogelijke manier bereikt.",
                minimum_requirements=(
                    (
                        "Uit de aanvraag blijkt dat de middelen (geld, tijd en mankracht) zo "
                        "economisch mogelijk worden ingezet om maximale resultaten te bereiken."
                    ),
                    (
                        "De kosten van overhead worden zo laag mogelijk gehouden en externe inhuur "
                        "wordt zo veel mogelijk vermeden."
                    ),
                    (
                        "In de aanvraag wordt aangetoond dat de omvang van het aangevraagde "
                        "subsidiebedrag in verhouding staat tot het potentieel aantal leerlingen "
                        "dat technisch of technologisch onderwijs gaat volgen."
                    ),
                ),
                scoring=(
                    "Voor dit deelaspect wordt een hogere score toegekend naarmate de "
                    "doelstellingen van de aanvraag zo economisch mogelijk worden bereikt, "
                    "blijkend uit onder andere:"
                ),
                scoring_points=(
                    (
                        "de inzet van mankracht, geld en apparatuur/machines draagt daadwerkelijk "
                        "bij aan de realisatie van het beoogde doel."
                    ),
                    (
                        "de kosten staan in verhouding tot de opbrengsten en resultaten die in het "
                        "plan van aanpak zijn beschreven."
                    ),
                    "de kosten van overhead worden zo laag mogelijk gehouden.",
                    "externe inhuur wordt zo veel mogelijk vermeden.",
                ),
            ),
            SubAspectText(
                code="cofinanciering",
                title=(
                    "Het plan toont aan dat en hoe de vereiste cofinanciering door het "
                    "bedrijfsleven vorm wordt gegeven."
                ),
                minimum_requirements=(
                    (
                        "De cofinanciering van minimaal 10% is weergegeven en volgens de kaders "
                        "van de regeling geregeld."
                    ),
                ),
                scoring=(
                    "Voor dit deelaspect wordt een hogere score toegekend naarmate de "
                    "cofinanciering beter is geborgd voor de gehele subsidieperiode, blijkend uit "
                    "onder andere:"
                ),
                scoring_points=(
                    (
                        "er is duidelijk weergegeven hoe de cofinanciering is opgebouwd en hoe "
                        "deze verdeeld is over de partners."
                    ),
                    (
                        "de cofinanciering is voldoende om (tezamen met de rijkssubsidie) de "
                        "kosten van het project te dekken."
                    ),
                ),
            ),
        ),
    ),
)

SCORING_NOTE = (
    "De kolom ‘Scoring’ speelt alleen een rol bij de aanvragen van techniekarme regio’s, omdat "
    "daar sprake kan zijn van overschrijding van het subsidieplafond en dus van de noodzaak tot "
    "het rangschikken van de aanvragen."
)
SOURCE = "Staatscourant 12 september 2018 Nr. 51216"

# The short name of each sub-aspect, for lists, reasons and exports where the whole title of
# Bijlage C is too long; the codes themselves never reach a reader.
SUB_ASPECT_LABELS: dict[str, str] = {
    "regiovisie": "Regiovisie",
    "onderwijsaanbod": "Onderwijsaanbod",
    "activiteitenplan": "Activiteitenplan",
    "kwaliteitsverbetering": "Kwaliteitsverbetering",
    "samenwerkingsovereenkomst": "Samenwerkingsovereenkomst",
    "planning_risicos": "Planning en risico's",
    "aansluiting_trajecten": "Aansluiting op andere trajecten",
    "meerjarenbegroting": "Meerjarenbegroting",
    "doelmatigheid": "Doelmatigheid",
    "cofinanciering": "Cofinanciering",
}


def sub_aspect_label(code: str) -> str:
    return SUB_ASPECT_LABELS.get(code, code)
