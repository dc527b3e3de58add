"""The fixed data of the demo clinic: names, towns, professions, hours, weights and odds.

Nothing here draws a random number except ``mobile``, which is handed the generator's
``random.Random``; the rest are constants and small pure helpers on them.
"""

from __future__ import annotations

import random

from planner.core.domain import Profession, ScreeningFlag
from planner.core.regions import ALL_REGION_CODES

TZ = "Europe/Oslo"
COUNTRY = "NO"

CLINIC_DETAILS = {
    "clinic_name": "Nordlys Klinikk",
    "clinic_phone": "+47 22 40 00 00",
    "clinic_email": "post@nordlys-klinikk.example",
    "clinic_address": "Kirkeveien 64, 0364 Oslo",
    "clinic_language": "nb",
}
"""The demo clinic's own details (``clinic_settings`` keys), so that patients' calendars and
plan cards name the clinic ("call Nordlys Klinikk on ..."), not a town. Practitioners' e-mail
addresses use the same domain."""

TARGET_LOAD = 0.30
"""Scale practitioners so the expected load is at most this share of their working time."""
PRACTITIONERS_PER_LOCATION = 7
WEEKLY_HOURS_ESTIMATE = 34.0
SESSIONS_PER_PLANNED_PATIENT = 13.2
PLANNED_SHARE = 0.88

# -- names, towns, professions -----------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FEMALE = _words(
    "Kari Ingrid Anne Marit Liv Nina Hilde Silje Ida Nora Emma Sofie Ingeborg Astrid Solveig "
    "Ragnhild Tone Hanne Marte Kristin Camilla Linn Maja Thea Sara Tuva Ane Eli Randi Berit "
    "Gro Siri Helene Mari Vilde Julie Synnøve Åse Bjørg Turid Frida Oda Guro Karoline Fatima "
    "Anna Agnieszka Aisha Mette Heidi Wenche Lise Trine Elisabeth"
)
MALE = _words(
    "Ola Per Jan Lars Ole Knut Bjørn Hans Arne Svein Geir Terje Thomas Erik Magnus Henrik "
    "Jonas Sindre Kristian Håkon Eirik Trond Rune Morten Espen Anders Sigurd Even Vegard "
    "Øyvind Tor Einar Kjell Stian Jørgen Mathias Emil Fredrik Aksel Ivar Mohammed Ali Piotr "
    "Tobias Sander Johannes Martin Petter Dag Leif"
)
SURNAMES = _words(
    "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Johnsen "
    "Pettersen Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl Jørgensen "
    "Halvorsen Henriksen Lund Sørensen Jakobsen Moen Gundersen Iversen Strand Solberg "
    "Svendsen Eide Knutsen Martinsen Paulsen Bakken Kristoffersen Mathisen Lie Amundsen "
    "Nguyen Rasmussen Ali Lunde Solheim Berge Moe Nygård Bakke Kristensen Fredriksen Holm "
    "Lien Hauge Christensen Andresen Nielsen Knudsen Evensen Sæther Aas Myhre Hanssen Ahmed "
    "Haugland Thomassen Sivertsen Simonsen Danielsen Berntsen Sandvik Rønning Arnesen "
    "Antonsen Næss Vik Haug Ellingsen Thorsen Edvardsen Birkeland Isaksen Gulbrandsen Ruud "
    "Aasen Strøm Myklebust Tangen Ødegård Eliassen Helland Bøe Aune Mikkelsen Tveit Brekke "
    "Abrahamsen Madsen Khan"
)

# (town, street address, postcode, phone prefix)
TOWNS = (
    ("Oslo", "Kirkeveien 64", "0364", "22"),
    ("Bergen", "Strandgaten 45", "5013", "55"),
    ("Trondheim", "Munkegata 20", "7011", "73"),
    ("Stavanger", "Kongsgårdbakken 3", "4005", "51"),
    ("Kristiansand", "Markens gate 12", "4611", "38"),
    ("Tromsø", "Storgata 88", "9008", "77"),
    ("Drammen", "Bragernes torg 6", "3017", "32"),
    ("Fredrikstad", "Nygaardsgata 14", "1606", "69"),
    ("Sandnes", "Langgata 30", "4306", "51"),
    ("Ålesund", "Kongens gate 9", "6002", "70"),
    ("Bodø", "Sjøgata 21", "8006", "75"),
    ("Tønsberg", "Storgaten 34", "3126", "33"),
    ("Hamar", "Torggata 40", "2317", "62"),
    ("Lillehammer", "Storgata 60", "2609", "61"),
    ("Molde", "Storgata 15", "6413", "71"),
    ("Haugesund", "Haraldsgata 110", "5527", "52"),
    ("Arendal", "Langbryggen 5", "4841", "37"),
    ("Skien", "Henrik Ibsens gate 4", "3724", "35"),
    ("Gjøvik", "Storgata 11", "2815", "61"),
    ("Harstad", "Strandgata 18", "9405", "77"),
)

# The default mix of 20 practitioners, repeated when the clinic is scaled up:
# (profession, may needle).
PROFESSION_MIX: tuple[tuple[Profession, bool], ...] = (
    (Profession.ACUPUNCTURIST, True),
    (Profession.PHYSIOTHERAPIST, True),
    (Profession.PHYSIOTHERAPIST, False),
    (Profession.ACUPUNCTURIST, True),
    (Profession.CHIROPRACTOR, False),
    (Profession.PHYSIOTHERAPIST, True),
    (Profession.MANUAL_THERAPIST, True),
    (Profession.ACUPUNCTURIST, True),
    (Profession.PHYSIOTHERAPIST, False),
    (Profession.PHYSIOTHERAPIST, True),
    (Profession.ACUPUNCTURIST, True),
    (Profession.CHIROPRACTOR, True),
    (Profession.MANUAL_THERAPIST, False),
    (Profession.PHYSIOTHERAPIST, True),
    (Profession.ACUPUNCTURIST, True),
    (Profession.PHYSIOTHERAPIST, False),
    (Profession.MANUAL_THERAPIST, True),
    (Profession.ACUPUNCTURIST, True),
    (Profession.CHIROPRACTOR, False),
    (Profession.PHYSIOTHERAPIST, True),
)

# Weekly hours at one location, and split over two locations (first, second).
SINGLE_HOURS = (
    "mon-fri 08:00-16:00",
    "mon-fri 09:00-17:00",
    "mon-fri 10:00-18:00",
    "mon-fri 08:00-11:30 12:00-16:00",
    "mon-thu 08:00-18:00",
    "mon,tue,thu 08:00-16:00",
    "tue-fri 09:00-17:00",
    "mon-fri 08:30-15:30",
)
SPLIT_HOURS = (
    ("mon-wed 08:00-16:00", "thu-fri 08:00-16:00"),
    ("mon,wed,fri 09:00-17:00", "tue,thu 09:00-17:00"),
    ("mon,tue,thu,fri 08:00-16:00", "wed 10:00-18:00"),
)

# Body regions a plan targets (template regions win): neck, shoulders and lower back most often.
REGION_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("neck", 26),
    ("lower-back", 26),
    ("shoulders", 14),
    ("shoulder-right", 7),
    ("shoulder-left", 5),
    ("upper-back", 8),
    ("head", 5),
    ("elbow-right", 3),
    ("elbow-left", 2),
    ("wrist-hand-right", 2),
    ("wrist-hand-left", 1),
    ("hip-right", 2),
    ("hip-left", 2),
    ("knee-right", 3),
    ("knee-left", 2),
    ("foot-right", 2),
    ("foot-left", 1),
)
assert all(code in ALL_REGION_CODES for code, _w in REGION_WEIGHTS)
REGION_CODES = [c for c, _w in REGION_WEIGHTS]
REGION_W = [w for _c, w in REGION_WEIGHTS]

TEMPLATE_WEIGHTS = {
    "Fibromyalgia acupuncture": 35,
    "Dry needling, acute": 25,
    "Dry needling, many trigger points": 15,
    "Physiotherapy, fortnightly": 25,
}

FLAG_WEIGHTS: tuple[tuple[ScreeningFlag, int, tuple[str, ...]], ...] = (
    (ScreeningFlag.ANTICOAGULANTS, 30, ("Warfarin", "Apixaban (Eliquis)", "Rivaroxaban", "")),
    (ScreeningFlag.BLEEDING_DISORDER, 8, ("Von Willebrand disease", "Haemophilia A, mild", "")),
    (
        ScreeningFlag.NEEDLE_OR_METAL_ALLERGY,
        15,
        ("Nickel allergy", "Reacted to needles in 2019", ""),
    ),
    (ScreeningFlag.SEIZURES, 10, ("Epilepsy, well controlled", "One seizure in 2021", "")),
    (ScreeningFlag.PREGNANCY, 12, ("", "Second trimester")),
    (ScreeningFlag.NEEDLE_FEAR, 25, ("Fainted at a blood test", "")),
)

CANCEL_REASONS = ("patient ill", "work", "sick child", "travel", "weather", "no reason given")
PLAN_NOTES = ("", "", "", "", "Referred by GP", "Self-referred", "Referred by occupational health")

# Past sessions: attended / no-show / cancelled; future: booked / cancelled.
P_PAST_CANCELLED = 0.055
P_PAST_NO_SHOW = 0.035
P_FUTURE_CANCELLED = 0.03
P_DROP_OUT = 0.05
P_NO_ROOM = 0.05

IMPROVEMENT_WEEK_10 = 0.41
IMPROVEMENT_FOLLOW_UP = 0.20


def same_region(code: str, chosen: list[str]) -> bool:
    """``shoulders`` and ``shoulder-left`` are the same region: keep one of them."""

    def base(c: str) -> str:
        for suffix in ("-left", "-right"):
            if c.endswith(suffix):
                return c[: -len(suffix)]
        return {"shoulders": "shoulder"}.get(c, c)

    return any(base(code) == base(c) for c in chosen)


_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "aa", "Æ": "Ae", "Ø": "O", "Å": "Aa"})


def ascii_name(text: str) -> str:
    """``text`` with Norwegian letters spelled in ASCII and spaces as dots (for e-mail names)."""
    return text.translate(_ASCII).replace(" ", ".")


def mobile(rng: random.Random) -> str:
    """A Norwegian mobile number (starting with 4 or 9)."""
    return (
        f"+47 {rng.choice('49')}{rng.randrange(10, 99)} {rng.randrange(10, 99)} "
        f"{rng.randrange(100, 999)}"
    )
