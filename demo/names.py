"""Word lists for plausible Dutch names in the demo data set (no real people or companies)."""

# fmt: off
SURNAMES = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
    "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel", "van der Veen",
    "van den Broek", "de Bruijn", "van der Heijden", "Schouten", "van Beek", "Willems", "van Vliet",
    "van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster", "van Dam", "van der Wal", "Prins",
    "Blom", "Huisman", "Peeters", "de Jonge", "Kuipers", "van Veen", "Post", "Kuiper", "Veenstra",
    "Kramer", "van den Brink", "Scholten", "van Wijk", "Postma", "Martens", "Vink", "de Ruiter",
    "Timmermans", "Groen", "Gerritsen", "Jonker", "van Loon", "van der Velde", "Willemsen",
    "Smeets", "de Lange", "Bosch", "van Dongen", "Schipper", "de Koning", "van der Laan",
    "Driessen", "van Doorn", "Hermans", "Evers", "van den Bosch", "van der Meulen", "Hofman",
    "Bosman", "Wolters", "Sanders", "van der Horst", "Mol", "Kuijpers", "Molenaar", "van de Pol",
    "de Leeuw", "Verbeek", "Hoogland", "Zwart", "Brink", "Lammers", "Wouters", "Aerts",
)

INITIALS = "ABCDEFGHJKLMNPRSTW"

COMPANY_SECTORS = (
    "Installatietechniek", "Elektrotechniek", "Metaalbewerking", "Bouw", "Machinebouw",
    "Werktuigbouw", "Staalconstructies", "Klimaattechniek", "Automotive", "Scheepsbouw", "Infra",
    "Timmerfabriek", "Dakwerken", "Staalbouw", "Kunststoftechniek", "Procestechniek",
    "Mechatronica", "Automatisering", "Schilders", "Elektra", "Zonnetechniek", "Koeltechniek",
    "Grondverzet", "Hijstechniek", "Laswerken", "Precisietechniek", "Meet- en Regeltechniek",
    "Bouwservice", "Aannemersbedrijf", "Liftentechniek", "Fijnmechanica", "Hydrauliek",
    "Energietechniek", "Netwerktechniek", "Carrosseriebouw", "Tweewielers", "Landbouwmechanisatie",
    "Verpakkingstechniek", "Plaatwerk", "Interieurbouw",
)

COMPANY_FORMS = (" B.V.", " B.V.", " B.V.", "", " & Zn.", " Groep", " Nederland B.V.", " V.O.F.")

# Employer and sector organisations that sign plans in several regions (seeds 004 §2.1).
SECTOR_ORGANISATIONS = (
    "Opleidingsfonds Installatietechniek",
    "Metaalwerkgevers Opleidingscentrum",
    "Bouwopleidingen Nederland",
    "Werkgeversplatform Procestechniek",
    "Stichting Techniekpact Werkgevers",
    "Vereniging Elektrotechnische Bedrijven",
    "Opleidingsbedrijf Mobiliteit",
    "Stichting Maritieme Techniek",
)

SCHOOL_PATTERNS = (
    "CSG {name}", "OSG {name}", "RSG {name}", "Scholengemeenschap {name}", "{name} College",
    "Vakcollege {name}", "Christelijk College {name}", "{name} vmbo", "Techniekcollege {name}",
    "Het {name}", "{name} Lyceum",
)

SCHOOL_NAMES = (
    "Oostergo", "Rietlanden", "Noordik", "Zuyderzee", "Ichthus", "Da Vinci", "Erasmus", "Rembrandt",
    "Jan van Brabant", "Thorbecke", "Huygens", "Spinoza", "Marianum", "Calvijn", "Prisma", "Focus",
    "Bonhoeffer", "Willem de Zwijger", "Oranje", "De Hoven", "Baken", "Nieuwe Veste", "Kompas",
    "Waerdenborch", "Hooghuis", "Maerlant", "Melanchthon", "Wolfert", "Montaigne", "Groenhorst",
    "Heerbeeck", "Kempenhorst", "Rhedens", "Candea", "Ulenhof", "Pallas", "Zernike", "Bogerman",
    "Dalton", "Augustinus", "Sint-Joris", "Titus Brandsma", "Newman", "Beekvliet", "Baanbreker",
    "Pontes", "Linge", "Hondsrug", "Dollard", "Scheldemond", "Vechtstreek", "Veluwezoom", "Rijnmond",
    "IJsselland", "Eemland", "Kennemer", "Maasland", "Peelland", "Kempen", "Heuvelland", "Gooiland",
    "Amstelland", "Zaanland", "Waterland", "Westland", "Oosterschelde", "Wadden", "Lauwers",
    "Drechtsteden", "Mozaïek", "Atlas", "Horizon", "Meridiaan", "Kompasroos", "Poort",
)

SCHOOL_LOCATIONS = ("Noord", "Zuid", "Oost", "West", "Centrum", "Parkweg", "Stationsweg", "Techniekcampus", "De Hoeve", "Dorpsstraat")

PO_NAMES = (
    "De Regenboog", "De Springplank", "Het Kompas", "De Wegwijzer", "De Fontein", "De Zonnewijzer",
    "Het Palet", "De Vlinder", "De Klimop", "De Wielewaal", "De Meidoorn", "De Sterrenwacht",
    "Het Mozaïek", "De Toermalijn", "De Kameleon", "De Bolster", "Het Startblok", "De Octopus",
    "De Ark", "De Horizon", "De Tweemaster", "De Windroos", "Het Talent", "De Driesprong",
)
PO_PREFIXES = ("Basisschool", "OBS", "CBS", "IKC", "RK Basisschool", "Daltonschool")

VSO_NAMES = ("De Brug", "Het Anker", "De Ruimte", "Het Kristal", "De Sprong", "Het Baken", "De Steiger")

# Parts for invented municipalities (codes outside the CBS range, see generate.py).
MUNICIPALITY_FIRST = (
    "Linde", "Essel", "Haver", "Riet", "Wilgen", "Eiken", "Berken", "Vlier", "Hazel", "Klaver",
    "Heide", "Turf", "Molen", "Kreek", "Polder", "Zand", "Beuken", "Elzen", "Varen", "Brem",
)
MUNICIPALITY_LAST = (
    "veen", "wolde", "dijk", "horst", "broek", "beek", "dam", "hoven", "loo", "berg", "meer",
    "rade", "holt", "wijk", "zijl", "oord",
)

# mbo institutions by province; a region takes its own province first, then the neighbours.
MBO_BY_PROVINCE: dict[str, tuple[str, ...]] = {
    "GR": ("Noorderpoort", "Alfa-college", "Terra MBO"),
    "FR": ("ROC Friese Poort", "Friesland College", "Nordwin College"),
    "DR": ("Drenthe College", "Alfa-college"),
    "OV": ("Deltion College", "Landstede MBO", "ROC van Twente", "Zone.college"),
    "FL": ("ROC Flevoland", "Landstede MBO"),
    "GE": ("Aventus", "Graafschap College", "ROC Nijmegen", "Rijn IJssel", "ROC A12", "ROC Rivor", "Aeres MBO"),
    "UT": ("ROC Midden Nederland", "MBO Utrecht", "MBO Amersfoort"),
    "NH": ("ROC van Amsterdam", "ROC TOP", "ROC Nova College", "Horizon College", "ROC Kop van Noord-Holland", "Clusius College"),
    "ZH": ("Albeda", "Zadkine", "Techniek College Rotterdam", "ROC Mondriaan", "MBO Rijnland", "Da Vinci College", "Lentiz", "Wellant MBO"),
    "ZE": ("Scalda", "Edudelta mbo"),
    "NB": ("Curio", "Koning Willem I College", "Summa College", "ROC Tilburg", "ROC de Leijgraaf", "Yuverta"),
    "LI": ("Gilde Opleidingen", "Vista college", "Arcus College"),
    "BES": ("Scholengemeenschap Bonaire mbo",),
}
NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "GR": ("DR", "FR"), "FR": ("GR", "DR"), "DR": ("GR", "OV"), "OV": ("GE", "DR"),
    "FL": ("OV", "UT"), "GE": ("OV", "UT"), "UT": ("GE", "ZH"), "NH": ("UT", "FL"),
    "ZH": ("UT", "NH"), "ZE": ("ZH", "NB"), "NB": ("LI", "GE"), "LI": ("NB",), "BES": (),
}

HBO_INSTITUTIONS = ("Hogeschool Rotterdam", "Fontys Hogescholen", "Hogeschool Windesheim", "Hogeschool van Arnhem en Nijmegen")

SIGNATORY_FUNCTIONS = {
    "vmbo": ("voorzitter college van bestuur", "lid college van bestuur", "rector-bestuurder", "directeur-bestuurder"),
    "mbo": ("voorzitter college van bestuur", "lid college van bestuur"),
    "po": ("directeur-bestuurder", "voorzitter college van bestuur"),
    "vso": ("directeur-bestuurder", "bestuurder"),
    "pro": ("directeur-bestuurder", "bestuurder"),
    "hbo": ("lid college van bestuur",),
    "company": ("directeur", "algemeen directeur", "directeur-eigenaar", "eigenaar", "bestuursvoorzitter"),
    "municipality": ("wethouder onderwijs", "wethouder economische zaken", "burgemeester"),
}

ANNUAL_REPORT_ACTIVITIES = (
    "techniekdagen voor groep 7 en 8", "gastlessen door regionale bedrijven",
    "vernieuwing van de praktijklokalen", "professionalisering van docenten techniek",
    "doorlopende leerlijn vmbo-mbo installatietechniek", "bedrijfsbezoeken voor leerjaar 2",
    "hybride docenten uit het bedrijfsleven", "gezamenlijke keuzevakken met het mbo",
    "aanschaf van lasapparatuur en CNC-machines", "loopbaanoriëntatie met ouders",
)
# fmt: on
