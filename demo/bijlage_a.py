"""Fixed data behind the demo data set.

``BIJLAGE_A`` is the list of the 71 approved regional plans in Bijlage A of the monitor report
(seeds 004): STO number and penvoerder exactly as printed there, with the wrapped lines joined and
the ``*`` (submitted later, often as a second attempt) and ``#`` (approved with reservations)
markers moved into their own columns. The city, province and region name are plausible demo
values chosen for each penvoerder; they are not taken from the report.

``EXTRA_REGIONS`` are the seven STO numbers missing from Bijlage A (78 regions in all, seeds 003),
one of them Amstelland (seeds 000).

``MUNICIPALITIES`` are real municipalities with their CBS code and a rounded number of
inhabitants; the generator invents the other municipalities with codes outside the CBS range.
"""

from typing import NamedTuple


class RegionSeed(NamedTuple):
    number: str  # without the "STO" prefix, e.g. "19040"
    penvoerder: str
    city: str  # where the penvoerder is
    province: str  # GR FR DR OV FL GE UT NH ZH ZE NB LI BES
    name: str  # the region's name in the demo
    kind: str = "techniek"
    resubmitted: bool = False  # "*" in Bijlage A
    provisional: bool = False  # "#" in Bijlage A


# fmt: off
BIJLAGE_A: tuple[RegionSeed, ...] = (
    RegionSeed("19001", "Openbare Scholengemeenschap Winkler Prins voor ATH HAVO MAVO VBO LWOO", "Veendam", "GR", "Veenkoloniën", resubmitted=True),
    RegionSeed("19002", "Edudelta College Middelharnis", "Middelharnis", "ZH", "Goeree-Overflakkee"),
    RegionSeed("19003", "RK Scholengemeenschap Tabor", "Hoorn", "NH", "West-Friesland"),
    RegionSeed("19004", "Stanislascollege Rijswijk", "Rijswijk", "ZH", "Rijswijk-Delft", kind="techniekarm"),
    RegionSeed("19005", "Elzendaalcollege Rooms Katholieke Scholengemeenschap voor Lyc Havo Mavo", "Boxmeer", "NB", "Land van Cuijk", resubmitted=True),
    RegionSeed("19006", "Groene Hart Leerpark", "Alphen aan den Rijn", "ZH", "Groene Hart"),
    RegionSeed("19007", "Technisch College Velsen", "IJmuiden", "NH", "IJmond"),
    RegionSeed("19008", "Solyvius College Hoofdvaart", "Hoofddorp", "NH", "Haarlemmermeer"),
    RegionSeed("19009", "Metzo College", "Doetinchem", "GE", "Achterhoek"),
    RegionSeed("19010", "Lauwers College Christelijk Scholengemeenschap voor Atheneum Havo Mavo Vbo", "Buitenpost", "FR", "Noordoost-Fryslân", resubmitted=True),
    RegionSeed("19011", "Teylingen College KTS", "Voorhout", "ZH", "Duin- en Bollenstreek"),
    RegionSeed("19013", "Porta Mosana College", "Maastricht", "LI", "Maastricht-Heuvelland"),
    RegionSeed("19014", "Stad College", "Almere", "FL", "Almere", resubmitted=True),
    RegionSeed("19015", "Scholengroep Krommenie - locatie Trias VMBO", "Krommenie", "NH", "Zaanstreek", resubmitted=True),
    RegionSeed("19016", "Kwadrant Scholengroep - RK Regionale SG", "Weert", "LI", "Weert"),
    RegionSeed("19017", "Twents Carmel College", "Oldenzaal", "OV", "Noordoost-Twente", provisional=True),
    RegionSeed("19018", "SG Breda", "Breda", "NB", "Breda"),
    RegionSeed("19019", "SG Gerrit Rietveld", "Utrecht", "UT", "Utrecht"),
    RegionSeed("19020", "Munnikenheide College voor MAVO VBO LWOO", "Etten-Leur", "NB", "Etten-Leur en Rucphen", provisional=True),
    RegionSeed("19021", "Marne College voor Atheneum Havo Mavo Vbo Lwoo", "Bolsward", "FR", "Súdwest-Fryslân", resubmitted=True),
    RegionSeed("19022", "CSG Insula", "Dordrecht", "ZH", "Drechtsteden"),
    RegionSeed("19023", "CSG Liudger Splitting", "Drachten", "FR", "Smallingerland"),
    RegionSeed("19024", "Staring College", "Lochem", "GE", "Lochem-Berkelland"),
    RegionSeed("19025", "Fioretti College Veghel", "Veghel", "NB", "Meierijstad"),
    RegionSeed("19026", "SGM Ubbo Emmius", "Stadskanaal", "GR", "Zuidoost-Groningen"),
    RegionSeed("19027", "SG Were Di", "Valkenswaard", "NB", "A2-Kempen"),
    RegionSeed("19028", "Aeres VMBO Maartensdijk", "Maartensdijk", "UT", "De Bilt-Utrechtse Heuvelrug", resubmitted=True),
    RegionSeed("19029", "ONC Clauslaan", "Zoetermeer", "ZH", "Zoetermeer", resubmitted=True),
    RegionSeed("19030", "Varendonck College voor Atheneum Gymnasium Havo Vmbo Lwoo Pro", "Asten", "NB", "De Peel", resubmitted=True),
    RegionSeed("19031", "SG Helinium", "Hellevoetsluis", "ZH", "Voorne-Putten"),
    RegionSeed("19032", "OSG Sevenwolden locatie VMBO-Plein", "Heerenveen", "FR", "Heerenveen"),
    RegionSeed("19033", "Etty Hillesum Lyceum De Marke Noord", "Deventer", "OV", "Deventer"),
    RegionSeed("19034", "Christelijk College Schaersvoorde", "Aalten", "GE", "Oost-Achterhoek"),
    RegionSeed("19035", "College De Brink", "Laren", "NH", "Gooi en Vechtstreek", kind="techniekarm"),
    RegionSeed("19036", "Regionale SG Wolfsbos", "Hoogeveen", "DR", "Hoogeveen"),
    RegionSeed("19037", "CGS Comenius-Zamenhof", "Rotterdam", "ZH", "Rotterdam-Noord", provisional=True),
    RegionSeed("19038", "Greijdanus College Zwolle", "Zwolle", "OV", "Zwolle"),
    RegionSeed("19039", "Dr. Nassau College Assen vestiging Penta", "Assen", "DR", "Assen", resubmitted=True),
    RegionSeed("19040", "Esprit Scholen", "Amsterdam", "NH", "Amsterdam", kind="techniekarm"),
    RegionSeed("19042", "Theda Mansholt College", "Winschoten", "GR", "Oldambt", resubmitted=True),
    RegionSeed("19043", "OSG Nieuw Zuid", "Rotterdam", "ZH", "Rotterdam-Zuid"),
    RegionSeed("19044", "Comenius Beroepsonderwijs Capelle", "Capelle aan den IJssel", "ZH", "Capelle-Krimpenerwaard"),
    RegionSeed("19045", "Onderwijsgr. Zuid-Hollandse Waarden gymnasium atheneum havo mavo vmbo lwoo", "Oud-Beijerland", "ZH", "Hoeksche Waard", resubmitted=True),
    RegionSeed("19046", "Protestants Christelijke Scholengemeenschap Oude Hoven voor Lyceum Havo Mavo Vbo", "Gorinchem", "ZH", "Gorinchem-Alblasserwaard", resubmitted=True),
    RegionSeed("19047", "De Meerwaarde", "Barneveld", "GE", "Gelderse Vallei"),
    RegionSeed("19048", "Chr SGM op Ref Grondsl voor Pro, Lwoo, Vmbo, Havo en Vwo", "Gouda", "ZH", "Midden-Holland"),
    RegionSeed("19049", "Scholengemeenschap Lelystad voor Ath Havo Mavo Vbo Lwoo", "Lelystad", "FL", "Lelystad", resubmitted=True),
    RegionSeed("19050", "SG Pieter Zandt", "Kampen", "OV", "Kampen"),
    RegionSeed("19051", "VO Best-Oirschot", "Best", "NB", "Best-Oirschot"),
    RegionSeed("19052", "rsg de Borgen voor Lyceum Havo Mavo Vbo Lwoo", "Leek", "GR", "Westerkwartier", resubmitted=True),
    RegionSeed("19053", "Regionale SG Stad en Esch", "Meppel", "DR", "Zuidwest-Drenthe"),
    RegionSeed("19054", "Nuborgh College", "Elburg", "GE", "Noord-Veluwe"),
    RegionSeed("19055", "Liemers College SGM voor LYC HAVO MAVO VBO LWOO", "Zevenaar", "GE", "Liemers", provisional=True),
    RegionSeed("19057", "SintLucas", "Eindhoven", "NB", "Eindhoven"),
    RegionSeed("19058", "Openbare Regionale Schoolgemeenschap Lek en Linge voor vwo havo vmbo lwoo", "Culemborg", "GE", "Lek en Linge", provisional=True),
    RegionSeed("19059", "Mondial College", "Nijmegen", "GE", "Nijmegen"),
    RegionSeed("19060", "Van Lodensteincollege Scholengemeenschap voor Lyceum Havo Mavo Vbo Lwoo", "Amersfoort", "UT", "Eemland", resubmitted=True),
    RegionSeed("19061", "Lorentz Groep vestiging Maarten van Rossem", "Arnhem", "GE", "Arnhem", provisional=True),
    RegionSeed("19063", "Develstein College", "Zwijndrecht", "ZH", "Zwijndrecht"),
    RegionSeed("19064", "Scholengemeenschap Bonaire", "Kralendijk", "BES", "Bonaire"),
    RegionSeed("19065", "Cals College", "Nieuwegein", "UT", "Lekstroom"),
    RegionSeed("19066", "NEHALENNIA", "Middelburg", "ZE", "Walcheren"),
    RegionSeed("19069", "Scholengemeenschap Panta Rhei voor vmbo/mavo en Lwoo", "Amsterdam", "NH", "Amsterdam-Zuidoost", resubmitted=True),
    RegionSeed("19071", "Petrus Canisius College", "Alkmaar", "NH", "Alkmaar"),
    RegionSeed("19072", "Regius College Schagen", "Schagen", "NH", "Kop van Noord-Holland"),
    RegionSeed("19073", "Vechtdal College", "Hardenberg", "OV", "Vechtdal"),
    RegionSeed("19074", "Chr VO Apeldoorn voor Gymn Ath Havo Mavo en Vmbo vest. Sprengeloo", "Apeldoorn", "GE", "Apeldoorn", resubmitted=True),
    RegionSeed("19075", "Emelwerda College Christelijke Scholengemeenschap voor Lwoo Mavo Havo Vwo", "Emmeloord", "FL", "Noordoostpolder", resubmitted=True),
    RegionSeed("19076", "Campus 013", "Tilburg", "NB", "Tilburg"),
    RegionSeed("19077", "Esdal College", "Emmen", "DR", "Emmen"),
    RegionSeed("19078", "NUOVO scholengroep openbaar vmbo mavo havo vwo - loc. X11media en vormgeving", "Utrecht", "UT", "Utrecht-West", kind="techniekarm", resubmitted=True),
)

AMSTELLAND_NUMBER = "19068"

EXTRA_REGIONS: tuple[RegionSeed, ...] = (
    RegionSeed("19012", "Technisch College Parkstad", "Heerlen", "LI", "Parkstad"),
    RegionSeed("19041", "Betuws Vakcollege", "Tiel", "GE", "Rivierenland"),
    RegionSeed("19056", "Maaslandcollege Techniek", "Oss", "NB", "Oss en Maasland"),
    RegionSeed("19062", "Vakcollege Noord-Limburg", "Venlo", "LI", "Noord-Limburg"),
    RegionSeed("19067", "Techniekcollege Helmond", "Helmond", "NB", "Helmond"),
    # Seeds 000: the vmbo school Futuris (formerly Panta Rhei) in Amstelveen.
    RegionSeed(AMSTELLAND_NUMBER, "Futuris", "Amstelveen", "NH", "Amstelland", kind="techniekarm"),
    RegionSeed("19070", "Scholengroep Enschede-Zuid", "Enschede", "OV", "Enschede"),
)

# city -> (CBS code, municipality, inhabitants, rounded)
MUNICIPALITIES: dict[str, tuple[str, str, int]] = {
    "Veendam": ("GM0047", "Veendam", 27_700),
    "Middelharnis": ("GM1924", "Goeree-Overflakkee", 50_800),
    "Hoorn": ("GM0405", "Hoorn", 74_500),
    "Rijswijk": ("GM0603", "Rijswijk", 58_000),
    "Alphen aan den Rijn": ("GM0484", "Alphen aan den Rijn", 114_000),
    "IJmuiden": ("GM0453", "Velsen", 69_000),
    "Hoofddorp": ("GM0394", "Haarlemmermeer", 162_000),
    "Doetinchem": ("GM0222", "Doetinchem", 59_000),
    "Voorhout": ("GM1525", "Teylingen", 38_000),
    "Maastricht": ("GM0935", "Maastricht", 122_000),
    "Almere": ("GM0034", "Almere", 222_000),
    "Krommenie": ("GM0479", "Zaanstad", 161_000),
    "Weert": ("GM0988", "Weert", 51_000),
    "Oldenzaal": ("GM0173", "Oldenzaal", 32_000),
    "Breda": ("GM0758", "Breda", 186_000),
    "Utrecht": ("GM0344", "Utrecht", 374_000),
    "Etten-Leur": ("GM0777", "Etten-Leur", 45_000),
    "Bolsward": ("GM1900", "Súdwest-Fryslân", 92_000),
    "Dordrecht": ("GM0505", "Dordrecht", 121_000),
    "Drachten": ("GM0090", "Smallingerland", 56_000),
    "Lochem": ("GM0262", "Lochem", 34_000),
    "Veghel": ("GM1948", "Meierijstad", 84_000),
    "Stadskanaal": ("GM0037", "Stadskanaal", 32_000),
    "Valkenswaard": ("GM0858", "Valkenswaard", 31_000),
    "Maartensdijk": ("GM0310", "De Bilt", 43_000),
    "Zoetermeer": ("GM0637", "Zoetermeer", 127_000),
    "Heerenveen": ("GM0074", "Heerenveen", 51_000),
    "Deventer": ("GM0150", "Deventer", 102_000),
    "Aalten": ("GM0197", "Aalten", 27_000),
    "Laren": ("GM0417", "Laren", 11_500),
    "Hoogeveen": ("GM0118", "Hoogeveen", 56_000),
    "Rotterdam": ("GM0599", "Rotterdam", 670_000),
    "Zwolle": ("GM0193", "Zwolle", 132_000),
    "Assen": ("GM0106", "Assen", 69_000),
    "Amsterdam": ("GM0363", "Amsterdam", 930_000),
    "Capelle aan den IJssel": ("GM0502", "Capelle aan den IJssel", 68_000),
    "Gorinchem": ("GM0512", "Gorinchem", 38_000),
    "Barneveld": ("GM0203", "Barneveld", 63_000),
    "Gouda": ("GM0513", "Gouda", 75_000),
    "Lelystad": ("GM0995", "Lelystad", 83_000),
    "Kampen": ("GM0166", "Kampen", 55_000),
    "Best": ("GM0753", "Best", 31_000),
    "Leek": ("GM1969", "Westerkwartier", 66_000),
    "Meppel": ("GM0119", "Meppel", 35_000),
    "Elburg": ("GM0230", "Elburg", 24_000),
    "Zevenaar": ("GM0299", "Zevenaar", 46_000),
    "Eindhoven": ("GM0772", "Eindhoven", 243_000),
    "Culemborg": ("GM0216", "Culemborg", 30_000),
    "Nijmegen": ("GM0268", "Nijmegen", 182_000),
    "Amersfoort": ("GM0307", "Amersfoort", 160_000),
    "Arnhem": ("GM0202", "Arnhem", 166_000),
    "Zwijndrecht": ("GM0642", "Zwijndrecht", 45_000),
    "Nieuwegein": ("GM0356", "Nieuwegein", 65_000),
    "Middelburg": ("GM0687", "Middelburg", 49_000),
    "Alkmaar": ("GM0361", "Alkmaar", 111_000),
    "Schagen": ("GM0441", "Schagen", 47_000),
    "Hardenberg": ("GM0160", "Hardenberg", 62_000),
    "Apeldoorn": ("GM0200", "Apeldoorn", 166_000),
    "Emmeloord": ("GM0171", "Noordoostpolder", 48_000),
    "Tilburg": ("GM0855", "Tilburg", 226_000),
    "Emmen": ("GM0114", "Emmen", 108_000),
    "Heerlen": ("GM0917", "Heerlen", 87_000),
    "Tiel": ("GM0281", "Tiel", 42_000),
    "Oss": ("GM0828", "Oss", 95_000),
    "Venlo": ("GM0983", "Venlo", 102_000),
    "Helmond": ("GM0794", "Helmond", 94_000),
    "Enschede": ("GM0153", "Enschede", 161_000),
}

# Amstelland (seeds 000): the five municipalities that share the € 45.000 a year by inhabitants.
AMSTELLAND_MUNICIPALITIES: tuple[tuple[str, str, int], ...] = (
    ("GM0362", "Amstelveen", 93_600),
    ("GM0358", "Aalsmeer", 33_000),
    ("GM0451", "Uithoorn", 31_000),
    ("GM0736", "De Ronde Venen", 45_000),
    ("GM0437", "Ouder-Amstel", 14_600),
)
# fmt: on
