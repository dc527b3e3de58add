"""A realistic demo clinic, generated fast and deterministically into an empty database.

``build_demo`` fills an empty planner database with locations (Norwegian towns, Europe/Oslo,
public holidays of Norway), treatment rooms, practitioners with weekly hours at one or two
locations, patients with plausible Norwegian names and screening flags, and treatment plans
made from the seeded templates: about half of the window before ``today`` (sessions mostly
attended, with treated regions and pain scores that fall from baseline, some no-shows and
cancellations) and half after it (sessions booked).

How it stays fast (500,000 sessions in well under a minute and a half on two cores):

* No engine run per plan and no ORM objects. Each practitioner and room has an occupancy
  grid: one Python ``int`` per day whose bits are 5-minute cells (bit ``c`` is the time
  ``c * 5`` minutes after midnight). A whole plan is checked with a handful of bitwise
  operations: the cells a session of ``n`` cells may start in are the allowed cells of its
  weekday (opening hours and the practitioner's working hours, on quarter hours) minus the
  cells within ``n`` before an occupied one, intersected over all of the plan's days.
  A patient's grid is kept while that patient's plans are made (a patient's plans are all
  made together), so it costs no memory afterwards.
* Rows are plain dicts written with SQLAlchemy Core ``insert(...)`` executemany, in chunks,
  one ``store.write()`` transaction per about 50,000 sessions; ids are assigned here, so no
  ``RETURNING`` round trips are needed.

The placement follows the series engine's rules exactly, so every plan's stored rule
re-expands to its stored sessions: the regular sessions of a phase fall on the rule's weekly
pattern (``original_start_local`` is the rule's time), and a session whose day is a public
holiday or a closure is moved like the engine's ``next-working-day`` policy does (same time
on the next day within six that is open, that the practitioner works, that is not a day of
the plan's own pattern, that holds no other session of the plan and is free). A plan that
does not fit is tried at another time, room, weekday, week or practitioner; sessions never
overlap for a practitioner, a room or a patient (a cancelled session frees its time, as in
the booking service's overlap check, and another plan may take it), and all lie within
opening and working hours.

Scaling: the 20 practitioners and 3 locations of the default clinic take up to about 50,000
sessions over two years. For more, practitioners are added (the same mix of professions) so
that the expected load stays at about 30 % of their working time, and locations are added so
that there are about 7 practitioners per location (towns of Norway, then numbered branches):
500,000 sessions give 195 practitioners at 28 locations, 1,000,000 give 390 at 56. The window
of time stays ``years`` long. Patients are added when the requested sessions need more of
them (about 13 sessions per patient with plans). Why 30 %: every plan here keeps one weekly
time for ten weeks or more and refuses conflicts (the seeded rule), and a diary filled at
random by such series stops finding free weekly times well before it is full; at 45 % about a
quarter of the fibromyalgia and trigger-point plans found no time, at 30 % about 2-3 % of all
plans do (they are tried elsewhere or left out; the count is made up with other plans).

Counts: with ``appointments=N`` the database gets at least N sessions and fewer than N plus
the longest plan (14 sessions): the last plan is not cut short. It gets exactly ``patients``
patients when they can carry N sessions (about 11.6 sessions a patient; otherwise more, see
above); those after the one that reaches N have no plan. Without ``appointments``, about 88 %
of the patients get one to three plans: about 22,000 sessions for 2,000 patients over two
years. Locations, rooms and practitioners are as asked unless scaled up. A plan that finds no
free time is left out and counted in ``DemoSummary.plans_not_placed``.
"""

from __future__ import annotations

import math
import random
import time as _time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Table, func, insert, select, text

from planner.core.calendars import DEFAULT_OPENING, ClinicCalendar, ClosureSpan, WeeklyHours
from planner.core.domain import (
    SEED_TEMPLATES,
    Anchor,
    AppointmentStatus,
    Kind,
    Modality,
    PlanSpec,
    PlanStatus,
    Profession,
    ScreeningFlag,
    Template,
)
from planner.core.engine import weekday_offsets
from planner.core.regions import ALL_REGION_CODES
from planner.core.timeutil import zone
from planner.db.models import (
    Appointment,
    AppointmentRegion,
    Closure,
    Location,
    Patient,
    PatientFlag,
    Plan,
    PlanRegion,
    Practitioner,
    PractitionerLocation,
    Room,
)
from planner.db.store import Store
from planner.errors import BadInput

TZ = "Europe/Oslo"
COUNTRY = "NO"
CELL_MIN = 5
CELLS_PER_DAY = 24 * 60 // CELL_MIN
QUARTERS = sum(1 << c for c in range(0, CELLS_PER_DAY, 15 // CELL_MIN))
"""Sessions start on the quarter hour."""

TARGET_LOAD = 0.30
"""Scale practitioners so the expected load is at most this share of their working time."""
PRACTITIONERS_PER_LOCATION = 7
WEEKLY_HOURS_ESTIMATE = 34.0
SESSIONS_PER_PLANNED_PATIENT = 13.2
PLANNED_SHARE = 0.88
BATCH_SESSIONS = 50_000
CHUNK_ROWS = 10_000

# -- names, towns, professions -----------------------------------------------------------------


def _table(model: type) -> Table:
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


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


@dataclass
class DemoSummary:
    """What ``build_demo`` wrote, and how it scaled the clinic."""

    locations: int
    rooms: int
    practitioners: int
    patients: int
    flagged_patients: int
    plans: int
    appointments: int
    appointment_regions: int
    closures: int
    by_status: dict[str, int]
    plans_by_template: dict[str, int]
    first_day: date | None
    last_day: date | None
    today: date
    seed: int
    seconds: float
    plans_not_placed: int
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "locations": self.locations,
            "rooms": self.rooms,
            "practitioners": self.practitioners,
            "patients": self.patients,
            "flagged_patients": self.flagged_patients,
            "plans": self.plans,
            "appointments": self.appointments,
            "appointment_regions": self.appointment_regions,
            "closures": self.closures,
            "by_status": dict(self.by_status),
            "plans_by_template": dict(self.plans_by_template),
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "today": self.today.isoformat(),
            "seed": self.seed,
            "seconds": round(self.seconds, 3),
            "plans_not_placed": self.plans_not_placed,
            "notes": list(self.notes),
        }


# -- the model the generator works on -----------------------------------------------------------


@dataclass
class _Tpl:
    template: Template
    rule: dict[str, Any]
    sessions: list[tuple[int, int, str, int, int]]
    """(day offset from the plan's start, phase index, kind, minutes, cells), engine order."""
    pattern: list[tuple[int, int]]
    """(weekday offset, cells) that the rule's weekly pattern needs (engine.check_pattern)."""
    main_days: int
    """Days from the start to the last session before any follow-up."""
    needling: bool
    regular: frozenset[int]
    """Day offsets the rule itself uses: a moved session does not go onto them (engine)."""


@dataclass
class _Loc:
    idx: int
    id: int
    name: str
    opening: WeeklyHours
    closed: bytearray
    rooms: list[_Room] = field(default_factory=list)


@dataclass
class _Room:
    id: int
    occ: list[int]


@dataclass
class _Prac:
    idx: int
    id: int
    name: str
    profession: Profession
    may_needle: bool
    locs: list[int]
    hours: dict[int, WeeklyHours]
    occ: list[int]
    capacity_min: float
    booked_min: int = 0
    allowed: dict[tuple[int, int, int], int] = field(default_factory=dict)

    @property
    def load(self) -> float:
        return self.booked_min / self.capacity_min


def _hours_cells(h: WeeklyHours, wd: int) -> int:
    mask = 0
    for a, b in h.days[wd]:
        ca = -(-(a.hour * 60 + a.minute) // CELL_MIN)
        cb = (b.hour * 60 + b.minute) // CELL_MIN
        if b >= time(23, 59):
            cb = CELLS_PER_DAY
        for c in range(ca, cb):
            mask |= 1 << c
    return mask


def _spread(occ: int, n: int) -> int:
    """Start cells from which a session of ``n`` cells would touch a set bit of ``occ``."""
    r = occ
    for k in range(1, n):
        r |= occ >> k
    return r


def _runs(mask: int, n: int) -> int:
    """Start cells from which ``n`` cells all lie in ``mask`` (one run of consecutive cells)."""
    r = mask
    for k in range(1, n):
        r &= mask >> k
    return r


def _bits(x: int) -> list[int]:
    out = []
    while x:
        low = x & -x
        out.append(low.bit_length() - 1)
        x ^= low
    return out


def _order(cand: int, near: int, rng: random.Random) -> list[int]:
    """Start cells to try, best first: next to existing bookings (random among them), then
    anywhere. Packing sessions together leaves free time in runs, for later weekly series."""
    best = cand & near
    first = _bits(best)
    rng.shuffle(first)
    rest = _bits(cand & ~near)
    rng.shuffle(rest)
    return first + rest


def _prepare_template(t: Template) -> _Tpl:
    sessions: list[tuple[int, int, str, int, int]] = []
    pattern: set[tuple[int, int]] = set()
    last_week = 0
    last_treatment: int | None = None
    main_days = 0
    for i, ph in enumerate(t.phases):
        if ph.anchor is Anchor.LAST_TREATMENT and last_treatment is not None:
            anchor = last_treatment
        else:
            anchor = 0 if i == 0 else last_week
        first = anchor + ph.after_weeks
        # Without explicit weekdays the offsets do not depend on the start's weekday.
        offsets = weekday_offsets(ph, date(2024, 1, 1))
        cells = -(-ph.duration_min // CELL_MIN)
        for off in offsets:
            pattern.add((off, cells))
        for k in range(ph.weeks):
            wk = first + k * ph.every_weeks
            for off in offsets:
                sessions.append((wk * 7 + off, i, ph.kind.value, ph.duration_min, cells))
        last_week = first + (ph.weeks - 1) * ph.every_weeks
        if ph.kind is Kind.TREATMENT:
            last_treatment = last_week
        if ph.kind is not Kind.FOLLOW_UP:
            main_days = max(d for d, *_ in sessions)
    if any(ph.weekdays is not None for ph in t.phases):  # pragma: no cover - seeds have none
        raise BadInput(f"template {t.name} names weekdays; the demo expects spread weekdays")
    rule = PlanSpec(start=datetime(2024, 1, 1, 8, 0), tz=TZ, phases=t.phases).rule_json()
    regular = frozenset(off for off, *_ in sessions)
    return _Tpl(t, rule, sessions, sorted(pattern), main_days, t.modality.needling, regular)


class _Generator:
    def __init__(
        self,
        store: Store,
        *,
        locations: int,
        practitioners: int,
        patients: int,
        appointments: int | None,
        years: float,
        seed: int,
        today: date,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        if years <= 0:
            raise BadInput("the demo needs a positive number of years")
        if locations < 1 or practitioners < 1 or patients < 1:
            raise BadInput("the demo needs at least one location, practitioner and patient")
        if appointments is not None and appointments < 1:
            raise BadInput("ask for at least one appointment, or leave the number out")
        self.store = store
        self.rng = random.Random(seed)
        self.seed = seed
        self.today = today
        self.progress = progress
        self.tz = zone(TZ)
        self.notes: list[str] = []
        half = timedelta(days=round(years * 365.25 / 2))
        self.win_start = today - half
        self.win_end = today + half
        self.base = self.win_start - timedelta(days=7)
        # Room after the window for follow-ups (week 61), late starts and holiday moves.
        self.ndays = (self.win_end - self.base).days + 61 * 7 + 8 * 7 + 14
        self.today_idx = (today - self.base).days
        self.templates = [_prepare_template(t) for t in SEED_TEMPLATES]
        self.tpl_weights = [TEMPLATE_WEIGHTS.get(t.template.name, 10) for t in self.templates]
        self.flag_weights = [w for _f, w, _n in FLAG_WEIGHTS]
        avg_sessions = sum(
            w * len(t.sessions) for w, t in zip(self.tpl_weights, self.templates, strict=True)
        ) / sum(self.tpl_weights)
        avg_minutes = (
            sum(
                w * sum(s[3] for s in t.sessions)
                for w, t in zip(self.tpl_weights, self.templates, strict=True)
            )
            / sum(self.tpl_weights)
            / avg_sessions
        )

        self.target = appointments
        expected = appointments or round(patients * PLANNED_SHARE * SESSIONS_PER_PLANNED_PATIENT)
        self.expected = expected
        weeks = years * 52.18 + 10
        demand_hours = expected * avg_minutes / 60 / weeks
        need_prac = math.ceil(demand_hours / (WEEKLY_HOURS_ESTIMATE * TARGET_LOAD))
        self.n_prac = max(practitioners, need_prac)
        self.n_loc = max(locations, math.ceil(self.n_prac / PRACTITIONERS_PER_LOCATION))
        if self.n_prac > practitioners:
            self.notes.append(
                f"{expected} sessions over {years:g} years need about {demand_hours:.0f} "
                f"practitioner-hours a week: scaled to {self.n_prac} practitioners "
                f"(asked for {practitioners})"
            )
        if self.n_loc > locations:
            self.notes.append(
                f"scaled to {self.n_loc} locations (asked for {locations}) to keep about "
                f"{PRACTITIONERS_PER_LOCATION} practitioners per location"
            )
        need_patients = math.ceil(expected / (SESSIONS_PER_PLANNED_PATIENT * PLANNED_SHARE))
        self.n_patients = max(patients, need_patients) if appointments else patients
        if self.n_patients > patients:
            self.notes.append(
                f"scaled to {self.n_patients} patients (asked for {patients}) to carry "
                f"{expected} sessions"
            )
        # Share of patients who get plans: all the usual share unless fewer are needed.
        # With a target, aim to reach it at about two thirds of the patients, so that the
        # requested patients suffice (later ones are registered without a plan); only if the
        # dice fall badly are patients added at the end.
        self.p_planned = PLANNED_SHARE
        if appointments:
            self.p_planned = min(
                PLANNED_SHARE,
                1.5 * appointments / SESSIONS_PER_PLANNED_PATIENT / self.n_patients,
            )

        # ids: the database is empty, but start after whatever ids exist to be safe.
        self.next_id: dict[str, int] = {}
        self.day_dt = [
            datetime.combine(self.base + timedelta(days=i), time()) for i in range(self.ndays)
        ]
        self.wd = [(self.base + timedelta(days=i)).weekday() for i in range(self.ndays)]
        self.utc_off: list[timedelta | None] = [None] * self.ndays
        self.cell_td = [timedelta(minutes=c * CELL_MIN) for c in range(CELLS_PER_DAY + 1)]

        # counters
        self.count = 0
        self.n_plans = 0
        self.n_regions = 0
        self.n_flagged = 0
        self.failed = 0
        self.by_status: dict[str, int] = {}
        self.by_template: dict[str, int] = {}
        self.first_idx: int | None = None
        self.last_idx: int | None = None
        self.written = 0
        self.buf: dict[str, list[dict[str, Any]]] = {
            k: []
            for k in (
                "patients",
                "patient_flags",
                "plans",
                "plan_regions",
                "appointments",
                "appointment_regions",
            )
        }

    # -- helpers ----------------------------------------------------------------------------
    def _day(self, idx: int) -> date:
        return self.base + timedelta(days=idx)

    def _utc(self, idx: int, local: datetime) -> datetime:
        # The zone's offset at noon holds for every session of the day: daylight saving
        # changes happen at night, far outside opening hours (08:00-18:00).
        off = self.utc_off[idx]
        if off is None:
            noon = self.day_dt[idx].replace(hour=12, tzinfo=self.tz)
            off = noon.utcoffset()
            assert off is not None
            self.utc_off[idx] = off
        return local - off

    def _uid(self) -> str:
        return f"{uuid.UUID(int=self.rng.getrandbits(128), version=4)}@planner"

    def _ids(self, table: str, first: int) -> None:
        self.next_id[table] = first

    def _take(self, table: str) -> int:
        i = self.next_id[table]
        self.next_id[table] = i + 1
        return i

    # -- the clinic ------------------------------------------------------------------------
    def build_clinic(self) -> None:
        rng = self.rng
        with self.store.write() as s:
            conn = s.connection()
            for model in (
                Location,
                Room,
                Practitioner,
                Patient,
                PatientFlag,
                Plan,
                Appointment,
                Closure,
            ):
                top = conn.execute(select(func.max(model.id))).scalar() or 0
                self._ids(model.__tablename__, top + 1)

            loc_rows, room_rows, closure_rows = [], [], []
            self.locs: list[_Loc] = []
            for i in range(self.n_loc):
                town, street, postcode, prefix = TOWNS[i % len(TOWNS)]
                branch = i // len(TOWNS)
                name = town if branch == 0 else f"{town} {branch + 1}"
                lid = self._take("locations")
                digits = [rng.randrange(10, 99) for _ in range(3)]
                phone = f"+47 {prefix} {digits[0]} {digits[1]} {digits[2]}"
                loc_rows.append(
                    {
                        "id": lid,
                        "name": name,
                        "address": f"{street}{'' if branch == 0 else f' {chr(65 + branch)}'}, "
                        f"{postcode} {town}",
                        "phone": phone,
                        "tz": TZ,
                        "country": COUNTRY,
                        "subdivision": None,
                        "opening_hours": DEFAULT_OPENING.to_json(),
                    }
                )
                # A staff training day some weeks ahead: sessions keep off it like off holidays.
                closure_day = self._weekday_near(
                    self.today + timedelta(days=rng.randrange(20, 120))
                )
                closures = [ClosureSpan(closure_day, closure_day, "Staff training day")]
                closure_rows.append(
                    {
                        "id": self._take("closures"),
                        "location_id": lid,
                        "first_day": closure_day,
                        "last_day": closure_day,
                        "reason": "Staff training day",
                        "created_at": datetime.combine(self.today - timedelta(days=40), time(8)),
                    }
                )
                cal = ClinicCalendar(
                    tz=self.tz,
                    opening=DEFAULT_OPENING,
                    country=COUNTRY,
                    closures=closures,
                    location_name=name,
                )
                closed = bytearray(self.ndays)
                for d in range(self.ndays):
                    if cal.closed_reason(self._day(d)) is not None:
                        closed[d] = 1
                self.locs.append(_Loc(i, lid, name, DEFAULT_OPENING, closed))

            # Practitioners first (rooms follow from how many work at each location).
            prac_rows, work_rows = [], []
            self.pracs: list[_Prac] = []
            loc_weights = [3 if i == 0 else 2 if i == 1 else 1.6 for i in range(self.n_loc)]
            if self.n_loc > 3:
                loc_weights = [1.0] * self.n_loc
            used_names: set[str] = set()
            for i in range(self.n_prac):
                prof, needle = PROFESSION_MIX[i % len(PROFESSION_MIX)]
                female = rng.random() < 0.6
                while True:
                    first = rng.choice(FEMALE if female else MALE)
                    name = f"{first} {rng.choice(SURNAMES)}"
                    if name not in used_names:
                        break
                used_names.add(name)
                pid = self._take("practitioners")
                if self.n_loc > 3:
                    primary = i % self.n_loc
                else:
                    primary = rng.choices(range(self.n_loc), loc_weights)[0]
                hours: dict[int, WeeklyHours] = {}
                if self.n_loc > 1 and rng.random() < 0.2:
                    second = rng.choice([j for j in range(self.n_loc) if j != primary])
                    a, b = rng.choice(SPLIT_HOURS)
                    hours[primary] = WeeklyHours.parse(a)
                    hours[second] = WeeklyHours.parse(b)
                else:
                    hours[primary] = WeeklyHours.parse(rng.choice(SINGLE_HOURS))
                capacity = 0.0
                for li, h in hours.items():
                    opening = self.locs[li].opening
                    for wd in range(7):
                        capacity += (_hours_cells(h, wd) & _hours_cells(opening, wd)).bit_count()
                capacity *= CELL_MIN
                ascii_name = _ascii(name).lower().replace(" ", ".")
                prac_rows.append(
                    {
                        "id": pid,
                        "name": name,
                        "profession": prof.value,
                        "may_needle": needle,
                        "email": f"{ascii_name}@nordlys-klinikk.example",
                        "phone": _mobile(rng),
                    }
                )
                for li, h in hours.items():
                    work_rows.append(
                        {
                            "practitioner_id": pid,
                            "location_id": self.locs[li].id,
                            "hours": h.to_json(),
                        }
                    )
                self.pracs.append(
                    _Prac(
                        i,
                        pid,
                        name,
                        prof,
                        needle,
                        list(hours),
                        hours,
                        [0] * self.ndays,
                        capacity,
                    )
                )

            per_loc = [0] * self.n_loc
            for p in self.pracs:
                for li in p.locs:
                    per_loc[li] += 1
            for loc in self.locs:
                n_rooms = max(2, math.ceil(per_loc[loc.idx] * 0.8))
                for k in range(n_rooms):
                    rid = self._take("rooms")
                    room_rows.append({"id": rid, "location_id": loc.id, "name": f"Room {k + 1}"})
                    loc.rooms.append(_Room(rid, [0] * self.ndays))

            conn.execute(insert(_table(Location)), loc_rows)
            conn.execute(insert(_table(Room)), room_rows)
            conn.execute(insert(_table(Practitioner)), prac_rows)
            conn.execute(insert(_table(PractitionerLocation)), work_rows)
            conn.execute(insert(_table(Closure)), closure_rows)
        self.n_rooms = len(room_rows)
        self.n_closures = len(closure_rows)

        # Who may take which template, and with which weight.
        self.eligible: list[tuple[list[_Prac], list[float]]] = []
        for t in self.templates:
            pr: list[_Prac] = []
            wt: list[float] = []
            for p in self.pracs:
                w = 0.0
                if t.template.name.startswith("Fibromyalgia"):
                    if p.may_needle:
                        w = 3.0 if p.profession is Profession.ACUPUNCTURIST else 0.7
                elif t.needling:
                    if p.may_needle:
                        w = 1.0 if p.profession is Profession.ACUPUNCTURIST else 3.0
                elif p.profession is not Profession.ACUPUNCTURIST:
                    w = 1.0
                if w > 0:
                    pr.append(p)
                    wt.append(w * p.capacity_min)
            if not pr:  # pragma: no cover - the mix always has someone
                raise BadInput(f"no practitioner can take the template {t.template.name}")
            self.eligible.append((pr, wt))

    def _weekday_near(self, d: date) -> date:
        while d.weekday() >= 5:
            d += timedelta(days=1)
        return d

    # -- placing a plan ---------------------------------------------------------------------
    def _allowed(self, p: _Prac, li: int, wd: int, n: int) -> int:
        key = (li, wd, n)
        a = p.allowed.get(key)
        if a is None:
            h = _hours_cells(p.hours[li], wd) & _hours_cells(self.locs[li].opening, wd)
            a = _runs(h, n) & QUARTERS
            p.allowed[key] = a
        return a

    def _start_weekdays(self, t: _Tpl, p: _Prac, li: int) -> list[int]:
        out = []
        for wd in range(5):
            if all(self._allowed(p, li, (wd + off) % 7, n) for off, n in t.pattern):
                out.append(wd)
        return out

    def _try(
        self, t: _Tpl, p: _Prac, li: int, d0: int, pat: dict[int, int], use_room: bool
    ) -> tuple[int, _Room | None, list[tuple[int, int]]] | None:
        """Place the plan starting on day index ``d0``: (cell, room, [(session, day)]) or None."""
        loc = self.locs[li]
        wd0 = self.wd[d0]
        valid = QUARTERS
        for off, n in t.pattern:
            valid &= self._allowed(p, li, (wd0 + off) % 7, n)
            if not valid:
                return None
        closed = loc.closed
        groups: dict[int, int] = {}
        shifted = False
        occ = p.occ
        for off, _ph, _k, _m, n in t.sessions:
            d = d0 + off
            if closed[d]:
                shifted = True
                continue
            groups[n] = groups.get(n, 0) | occ[d] | pat.get(d, 0)
        blocked = 0
        busy = 0
        for n, g in groups.items():
            blocked |= _spread(g, n)
            busy |= g
        free = valid & ~blocked
        if not free:
            return None
        # Cells next to existing bookings (gaps under a quarter of an hour): filling those
        # keeps free time in long runs, so later series still find a weekly time.
        n0 = t.sessions[0][4]
        near = (
            (busy << 1)
            | (busy << 2)
            | (busy << 3)
            | (busy >> n0)
            | (busy >> (n0 + 1))
            | (busy >> (n0 + 2))
        )
        rooms: list[_Room | None]
        if use_room:
            rooms = list(loc.rooms)
            self.rng.shuffle(rooms)
        else:
            rooms = [None]
        for room in rooms:
            cand = free
            if room is not None:
                rg: dict[int, int] = {}
                rocc = room.occ
                for off, _ph, _k, _m, n in t.sessions:
                    d = d0 + off
                    if not closed[d]:
                        rg[n] = rg.get(n, 0) | rocc[d]
                rb = 0
                for n, g in rg.items():
                    rb |= _spread(g, n)
                cand &= ~rb
            if not cand:
                continue
            cells = _order(cand, near, self.rng)
            if not shifted:
                c = cells[0]
                return c, room, [(i, d0 + s[0]) for i, s in enumerate(t.sessions)]
            for c in cells[:4]:
                placed = self._sequential(t, p, li, d0, c, room, pat)
                if placed is not None:
                    return c, room, placed
        return None

    def _sequential(
        self, t: _Tpl, p: _Prac, li: int, d0: int, c: int, room: _Room | None, pat: dict[int, int]
    ) -> list[tuple[int, int]] | None:
        """The engine's own order: holiday sessions move to the next usable day (<= 6 days)."""
        closed = self.locs[li].closed
        placed_days: set[int] = set()
        plan_occ: dict[int, int] = {}
        out: list[tuple[int, int]] = []
        for i, (off, _ph, _k, _m, n) in enumerate(t.sessions):
            mask = ((1 << n) - 1) << c
            d = d0 + off
            if closed[d]:
                for k in range(1, 7):
                    d2 = d + k
                    if closed[d2] or d2 in placed_days or (d2 - d0) in t.regular:
                        continue
                    if not (self._allowed(p, li, self.wd[d2], n) >> c) & 1:
                        continue
                    busy = p.occ[d2] | pat.get(d2, 0) | plan_occ.get(d2, 0)
                    if room is not None:
                        busy |= room.occ[d2]
                    if busy & mask:
                        continue
                    d = d2
                    break
                else:
                    return None
            elif plan_occ.get(d, 0) & mask:
                return None  # an earlier moved session of this plan took the time
            placed_days.add(d)
            plan_occ[d] = plan_occ.get(d, 0) | mask
            out.append((i, d))
        return out

    def _choose_practitioner(self, ti: int, previous: _Prac | None) -> list[_Prac]:
        pr, wt = self.eligible[ti]
        rng = self.rng
        first: _Prac | None = None
        if previous is not None and previous in pr and rng.random() < 0.6:
            first = previous
        else:
            a, b = rng.choices(pr, wt, k=2)
            first = a if a.load <= b.load else b
        others = rng.choices(pr, wt, k=3)
        order = [first]
        for o in sorted(others, key=lambda x: x.load):
            if o not in order:
                order.append(o)
        return order

    def place_plan(
        self, ti: int, target: int, pat: dict[int, int], previous: _Prac | None
    ) -> tuple[_Prac, int, int, _Room | None, list[tuple[int, int]]] | None:
        t = self.templates[ti]
        rng = self.rng
        use_room = rng.random() >= P_NO_ROOM
        monday = target - self.wd[target]
        for p in self._choose_practitioner(ti, previous):
            locs = list(p.locs)
            rng.shuffle(locs)
            for li in locs:
                wds = self._start_weekdays(t, p, li)
                if not wds:
                    continue
                closed = self.locs[li].closed
                for week in range(6):
                    order = list(wds)
                    rng.shuffle(order)
                    for wd in order:
                        d0 = monday + 7 * week + wd
                        if d0 < 7 or d0 + t.sessions[-1][0] + 7 >= self.ndays or closed[d0]:
                            continue
                        res = self._try(t, p, li, d0, pat, use_room)
                        if res is not None:
                            c, room, placed = res
                            return p, li, c, room, placed
        return None

    # -- patients and their plans -------------------------------------------------------------
    def run(self) -> None:
        rng = self.rng
        win_lo = (self.win_start - self.base).days
        win_hi = (self.win_end - self.base).days
        target = self.target
        i = 0
        misses = 0
        while True:
            if misses > 5000:
                break  # the clinic is full: report the shortfall rather than loop
            if target is None:
                if i >= self.n_patients:
                    break
            elif i >= self.n_patients and self.count >= target:
                break
            pid, _female, flags = self._patient(i)
            i += 1
            wants_plans = target is None or self.count < target
            if not wants_plans:
                continue
            if i <= self.n_patients and rng.random() >= self.p_planned:
                continue
            k = rng.choices((1, 2, 3), (70, 22, 8))[0]
            # First plans start anywhere in the window but late enough to end in it.
            day = rng.randrange(win_lo, max(win_lo + 1, win_hi - 16 * 7))
            pat: dict[int, int] = {}
            previous: _Prac | None = None
            for _ in range(k):
                ti = self._pick_template(flags)
                res = self.place_plan(ti, day, pat, previous)
                if res is None:
                    self.failed += 1
                    misses += 1
                    day += 7 * rng.randrange(2, 10)
                else:
                    misses = 0
                    p, li, c, room, placed = res
                    self._emit_plan(pid, flags, ti, p, li, c, room, placed, pat)
                    previous = p
                    t = self.templates[ti]
                    day = placed[0][1] + t.main_days + 7 * rng.randrange(3, 27)
                if day >= win_hi or (target is not None and self.count >= target):
                    break
            if len(self.buf["appointments"]) >= BATCH_SESSIONS:
                self.flush()
        self.n_patients_written = i
        self.flush()

    def _pick_template(self, flags: list[ScreeningFlag]) -> int:
        ti = self.rng.choices(range(len(self.templates)), self.tpl_weights)[0]
        if flags and self.templates[ti].needling and self.rng.random() < 0.5:
            # Flagged patients are often steered to a plan without needles.
            for j, t in enumerate(self.templates):
                if not t.needling:
                    return j
        return ti

    def _patient(self, i: int) -> tuple[int, bool, list[ScreeningFlag]]:
        rng = self.rng
        pid = self._take("patients")
        female = rng.random() < 0.62
        first = rng.choice(FEMALE if female else MALE)
        if rng.random() < 0.12:
            first = f"{first} {rng.choice(FEMALE if female else MALE)}"
        last = rng.choice(SURNAMES)
        if rng.random() < 0.06:
            last = f"{rng.choice(SURNAMES)}-{last}"
        age = min(92, max(16, int(rng.gauss(50, 15))))
        dob = self.today - timedelta(days=age * 365 + rng.randrange(365))
        email_user = _ascii(f"{first.split()[0]}.{last}").lower()
        if rng.random() < 0.5:
            email_user += str(rng.randrange(1, 99))
        domain = rng.choice(("example.no", "example.com", "example.net", "example.org"))
        self.buf["patients"].append(
            {
                "id": pid,
                "name": f"{first} {last}",
                "date_of_birth": dob,
                "phone": _mobile(rng),
                "email": f"{email_user}@{domain}" if rng.random() < 0.9 else "",
                "chart_number": f"{self.seed % 100:02d}-{pid:07d}",
                "notes": "",
            }
        )
        flags: list[ScreeningFlag] = []
        if rng.random() < 0.10:
            count = 2 if rng.random() < 0.12 else 1
            for _ in range(count):
                f, _w, notes = rng.choices(FLAG_WEIGHTS, self.flag_weights)[0]
                if f is ScreeningFlag.PREGNANCY and not (female and 18 <= age <= 45):
                    f, notes = ScreeningFlag.NEEDLE_FEAR, ("",)
                if f in flags:
                    continue
                flags.append(f)
                self.buf["patient_flags"].append(
                    {
                        "id": self._take("patient_flags"),
                        "patient_id": pid,
                        "flag": f.value,
                        "note": rng.choice(notes),
                    }
                )
            self.n_flagged += 1
        return pid, female, flags

    def _emit_plan(
        self,
        patient_id: int,
        flags: list[ScreeningFlag],
        ti: int,
        p: _Prac,
        li: int,
        c: int,
        room: _Room | None,
        placed: list[tuple[int, int]],
        pat: dict[int, int],
    ) -> None:
        rng = self.rng
        t = self.templates[ti]
        loc = self.locs[li]
        plan_id = self._take("plans")
        # The rule's start is the first session's day: plans never start on a closed day, so
        # the first session is never moved.
        d0 = placed[0][1]
        start_local = self.day_dt[d0] + self.cell_td[c]

        # Occupy the grids.
        minutes = 0
        for i, d in placed:
            n = t.sessions[i][4]
            mask = ((1 << n) - 1) << c
            p.occ[d] |= mask
            if room is not None:
                room.occ[d] |= mask
            pat[d] = pat.get(d, 0) | mask
            minutes += t.sessions[i][3]
        p.booked_min += minutes

        tname = t.template.name
        if t.template.regions:
            regions = list(t.template.regions)
        else:
            regions = []
            for _ in range(rng.choices((1, 2, 3), (45, 40, 15))[0]):
                code = rng.choices(REGION_CODES, REGION_W)[0]
                if code not in regions and not _same_region(code, regions):
                    regions.append(code)
        modality = t.template.modality
        if not t.needling:
            if p.profession is Profession.CHIROPRACTOR:
                modality = Modality.CHIROPRACTIC
            elif p.profession is Profession.MANUAL_THERAPIST:
                modality = Modality.MANUAL_THERAPY

        # Booked some days before the start; never after today.
        created = self.day_dt[d0] - timedelta(
            days=rng.randrange(1, 22), minutes=rng.randrange(0, 600)
        )
        today_dt = self.day_dt[self.today_idx]
        if created > today_dt:
            created = today_dt - timedelta(days=rng.randrange(0, 60), minutes=rng.randrange(0, 600))
        created = created.replace(hour=max(7, min(created.hour, 15)))
        created_utc = self._utc(d0, created)

        # Order as the engine sorts: by local start, then phase.
        rows = sorted(placed, key=lambda x: (x[1], t.sessions[x[0]][1]))
        n_sessions = len(rows)
        drop_at: int | None = None
        if rng.random() < P_DROP_OUT and n_sessions > 3:
            k = rng.randrange(2, n_sessions)
            if rows[k][1] < self.today_idx:
                drop_at = k
        today_utc = self._utc(self.today_idx, today_dt)
        dropped_utc = (
            self._utc(rows[drop_at][1], self.day_dt[rows[drop_at][1]]) - timedelta(hours=6)
            if drop_at is not None
            else today_utc
        )
        ended = rows[-1][1] < self.today_idx
        status = (
            PlanStatus.CANCELLED
            if drop_at is not None
            else PlanStatus.COMPLETED
            if ended
            else PlanStatus.ACTIVE
        )
        ack = [f.value for f in flags] if (flags and t.needling) else []
        self.buf["plans"].append(
            {
                "id": plan_id,
                "patient_id": patient_id,
                "practitioner_id": p.id,
                "location_id": loc.id,
                "room_id": room.id if room else None,
                "modality": modality.value,
                "template_name": tname,
                "start_local": start_local,
                "tz": TZ,
                "rule": t.rule,
                "status": status.value,
                "acknowledged_flags": ack,
                "acknowledged_at": created_utc if ack else None,
                "created_at": created_utc,
                "notes": rng.choice(PLAN_NOTES),
            }
        )
        for pos, code in enumerate(regions):
            self.buf["plan_regions"].append({"plan_id": plan_id, "region": code, "position": pos})
        self.n_plans += 1
        self.by_template[tname] = self.by_template.get(tname, 0) + 1

        # Pain: a baseline per region, falling about 41 % by week 10 (20 % held at follow-up).
        baseline = {code: rng.choices((4, 5, 6, 7, 8), (10, 25, 30, 22, 13))[0] for code in regions}
        response = min(1.9, max(0.1, rng.gauss(1.0, 0.3)))
        appts = self.buf["appointments"]
        aregions = self.buf["appointment_regions"]
        room_id = room.id if room else None
        for k, (i, d) in enumerate(rows):
            off, phase, kind, dur, n = t.sessions[i]
            nominal = self.day_dt[d0 + off] + self.cell_td[c]
            local = self.day_dt[d] + self.cell_td[c]
            utc = self._utc(d, local)
            end = utc + timedelta(minutes=dur)
            past = d < self.today_idx
            notes = ""
            if drop_at is not None and k >= drop_at:
                st = AppointmentStatus.CANCELLED
                notes = "Cancelled: patient stopped the plan"
                updated = dropped_utc
            elif past:
                r = rng.random()
                if r < P_PAST_CANCELLED:
                    st = AppointmentStatus.CANCELLED
                    notes = f"Cancelled: {rng.choice(CANCEL_REASONS)}"
                    updated = utc - timedelta(hours=rng.randrange(2, 72))
                elif r < P_PAST_CANCELLED + P_PAST_NO_SHOW:
                    st = AppointmentStatus.NO_SHOW
                    updated = end + timedelta(minutes=rng.randrange(5, 120))
                else:
                    st = AppointmentStatus.ATTENDED
                    updated = end + timedelta(minutes=rng.randrange(1, 60))
            else:
                if rng.random() < P_FUTURE_CANCELLED:
                    st = AppointmentStatus.CANCELLED
                    notes = f"Cancelled: {rng.choice(CANCEL_REASONS)}"
                    updated = created_utc + (today_utc - created_utc) * rng.random()
                else:
                    st = AppointmentStatus.BOOKED
                    updated = created_utc
            updated = max(updated, created_utc)
            aid = self._take("appointments")
            appts.append(
                {
                    "id": aid,
                    "uid": self._uid(),
                    "plan_id": plan_id,
                    "patient_id": patient_id,
                    "practitioner_id": p.id,
                    "location_id": loc.id,
                    "room_id": room_id,
                    "kind": kind,
                    "phase": phase,
                    "start_local": local,
                    "tz": TZ,
                    "start_utc": utc,
                    "end_utc": end,
                    "duration_min": dur,
                    "original_start_local": nominal,
                    "status": st.value,
                    "revision": 0,
                    "notes": notes,
                    "created_at": created_utc,
                    "updated_at": updated,
                }
            )
            self.by_status[st.value] = self.by_status.get(st.value, 0) + 1
            if st is AppointmentStatus.CANCELLED:
                # A cancelled session frees its time (as in the database's overlap check), so
                # later plans may take it and the engine moves holiday sessions as we did.
                free = ~(((1 << n) - 1) << c)
                p.occ[d] &= free
                if room is not None:
                    room.occ[d] &= free
                pat[d] &= free
            if st is AppointmentStatus.ATTENDED and regions:
                treated = regions
                if len(regions) > 1 and kind == Kind.TREATMENT.value and rng.random() < 0.15:
                    treated = [r for r in regions if r != rng.choice(regions)]
                week = (d - d0) / 7
                if kind == Kind.FOLLOW_UP.value:
                    gain = IMPROVEMENT_FOLLOW_UP
                else:
                    gain = IMPROVEMENT_WEEK_10 * min(
                        1.0, (1 - math.exp(-week / 4)) / (1 - math.exp(-2.5))
                    )
                for pos, code in enumerate(treated):
                    b = baseline[code]
                    if k == 0:
                        pain = b
                    else:
                        pain = round(b * (1 - response * gain) + rng.gauss(0, 0.6))
                        pain = 0 if pain < 0 else 10 if pain > 10 else pain
                    aregions.append(
                        {"appointment_id": aid, "region": code, "pain": pain, "position": pos}
                    )
                    self.n_regions += 1
            if self.first_idx is None or d < self.first_idx:
                self.first_idx = d
            if self.last_idx is None or d > self.last_idx:
                self.last_idx = d
        self.count += n_sessions

    # -- writing ---------------------------------------------------------------------------
    def flush(self) -> None:
        buf = self.buf
        if not any(buf.values()):
            return
        order = (
            ("patients", _table(Patient)),
            ("patient_flags", _table(PatientFlag)),
            ("plans", _table(Plan)),
            ("plan_regions", _table(PlanRegion)),
            ("appointments", _table(Appointment)),
            ("appointment_regions", _table(AppointmentRegion)),
        )
        with self.store.write() as s:
            conn = s.connection()
            if self.store.is_sqlite:
                conn.exec_driver_sql("PRAGMA cache_size=-65536")
            for key, table in order:
                rows = buf[key]
                for k in range(0, len(rows), CHUNK_ROWS):
                    conn.execute(insert(table), rows[k : k + CHUNK_ROWS])
                if key == "appointments":
                    self.written += len(rows)
                rows.clear()
        if self.progress is not None:
            self.progress(self.written, max(self.target or self.expected, self.written))

    def finish(self) -> None:
        """Undo the build's SQLite cache size; on PostgreSQL move the id sequences on."""
        if self.store.is_sqlite:
            with self.store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA cache_size=-2000")
                conn.rollback()
            return
        if self.store.engine.dialect.name == "postgresql":
            # Ids were given explicitly: without this the next add_patient() would take id 1.
            with self.store.write() as s:
                for model in (
                    Location,
                    Room,
                    Practitioner,
                    Patient,
                    PatientFlag,
                    Plan,
                    Appointment,
                    Closure,
                ):
                    table = _table(model).name
                    s.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                        )
                    )


REGION_CODES = [c for c, _w in REGION_WEIGHTS]
REGION_W = [w for _c, w in REGION_WEIGHTS]


def _same_region(code: str, chosen: list[str]) -> bool:
    """``shoulders`` and ``shoulder-left`` are the same region: keep one of them."""

    def base(c: str) -> str:
        for suffix in ("-left", "-right"):
            if c.endswith(suffix):
                return c[: -len(suffix)]
        return {"shoulders": "shoulder"}.get(c, c)

    return any(base(code) == base(c) for c in chosen)


_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "aa", "Æ": "Ae", "Ø": "O", "Å": "Aa"})


def _ascii(text: str) -> str:
    return text.translate(_ASCII).replace(" ", ".")


def _mobile(rng: random.Random) -> str:
    return (
        f"+47 {rng.choice('49')}{rng.randrange(10, 99)} {rng.randrange(10, 99)} "
        f"{rng.randrange(100, 999)}"
    )


def build_demo(
    store: Store,
    *,
    locations: int = 3,
    practitioners: int = 20,
    patients: int = 2000,
    appointments: int | None = None,
    years: float = 2.0,
    seed: int = 7,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty database with a demo clinic; see the module's docstring.

    Refuses (``BadInput``) a database that already has locations, practitioners, patients or
    plans. The same arguments and ``today`` give the same database.
    """
    t0 = _time.perf_counter()
    with store.read() as s:
        for model, what in (
            (Location, "locations"),
            (Practitioner, "practitioners"),
            (Patient, "patients"),
            (Plan, "plans"),
        ):
            if s.scalar(select(func.count()).select_from(model)):
                raise BadInput(
                    f"the database {store.display} already has {what}; the demo clinic is only "
                    "built into an empty database (create a new one with --db NEW.db)"
                )
    gen = _Generator(
        store,
        locations=locations,
        practitioners=practitioners,
        patients=patients,
        appointments=appointments,
        years=years,
        seed=seed,
        today=today or date.today(),
        progress=progress,
    )
    try:
        gen.build_clinic()
        gen.run()
    finally:
        gen.finish()
    if appointments and gen.count < appointments:
        gen.notes.append(
            f"only {gen.count} of {appointments} sessions could be placed without overlaps"
        )
    if gen.failed:
        gen.notes.append(f"{gen.failed} plan(s) found no free time and were left out")
    return DemoSummary(
        locations=gen.n_loc,
        rooms=gen.n_rooms,
        practitioners=gen.n_prac,
        patients=gen.n_patients_written,
        flagged_patients=gen.n_flagged,
        plans=gen.n_plans,
        appointments=gen.count,
        appointment_regions=gen.n_regions,
        closures=gen.n_closures,
        by_status=dict(sorted(gen.by_status.items())),
        plans_by_template=dict(sorted(gen.by_template.items())),
        first_day=gen._day(gen.first_idx) if gen.first_idx is not None else None,
        last_day=gen._day(gen.last_idx) if gen.last_idx is not None else None,
        today=gen.today,
        seed=seed,
        seconds=_time.perf_counter() - t0,
        plans_not_placed=gen.failed,
        notes=gen.notes,
    )
