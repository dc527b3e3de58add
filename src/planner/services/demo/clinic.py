"""The demo clinic itself: its name and contact details, locations, their closures,
practitioners and rooms.

Locations are Norwegian towns (then numbered branches), each with the default opening hours,
Norway's public holidays and one staff training day some weeks after ``today``. Practitioners
follow ``PROFESSION_MIX`` and work at one location, or (one in five, when there are several)
split their week over two. Rooms follow from how many practitioners work at a location.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection, select

from planner.core.calendars import DEFAULT_OPENING, ClinicCalendar, ClosureSpan, WeeklyHours
from planner.db.models import (
    ClinicSetting,
    Closure,
    Location,
    Practitioner,
    PractitionerLocation,
    Room,
)
from planner.services.demo.data import (
    CLINIC_DETAILS,
    COUNTRY,
    FEMALE,
    MALE,
    PROFESSION_MIX,
    SINGLE_HOURS,
    SPLIT_HOURS,
    SURNAMES,
    TOWNS,
    TZ,
    ascii_name,
    mobile,
)
from planner.services.demo.grids import Days, Loc, Prac, working_minutes
from planner.services.demo.grids import Room as RoomGrid
from planner.services.demo.writer import Row, Writer

TRAINING_DAY = "Staff training day"
MAIL_DOMAIN = CLINIC_DETAILS["clinic_email"].partition("@")[2]


@dataclass
class Clinic:
    """What the generator places plans into."""

    locs: list[Loc]
    pracs: list[Prac]
    n_rooms: int
    n_closures: int


def build_clinic(
    conn: Connection,
    writer: Writer,
    rng: random.Random,
    *,
    days: Days,
    today: date,
    n_loc: int,
    n_prac: int,
) -> Clinic:
    """Make the clinic's locations, practitioners and rooms, and insert their rows."""
    b = _ClinicBuilder(writer, rng, days, today)
    locs = [b.location(i) for i in range(n_loc)]
    # Practitioners first (rooms follow from how many work at each location).
    pracs = b.practitioners(locs, n_prac)
    b.rooms(locs, pracs)
    for model, rows in (
        (Location, b.loc_rows),
        (Room, b.room_rows),
        (Practitioner, b.prac_rows),
        (PractitionerLocation, b.work_rows),
        (Closure, b.closure_rows),
    ):
        writer.insert_now(conn, model, rows)
    # The clinic's own details, except those someone has set already (they are theirs).
    taken = set(conn.scalars(select(ClinicSetting.key)))
    settings = [{"key": k, "value": v} for k, v in CLINIC_DETAILS.items() if k not in taken]
    if settings:
        writer.insert_now(conn, ClinicSetting, settings)
    return Clinic(locs, pracs, len(b.room_rows), len(b.closure_rows))


def weekday_near(d: date) -> date:
    """``d``, or the Monday after it if it falls on a weekend."""
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


@dataclass
class _ClinicBuilder:
    writer: Writer
    rng: random.Random
    days: Days
    today: date
    loc_rows: list[Row] = field(default_factory=list)
    closure_rows: list[Row] = field(default_factory=list)
    prac_rows: list[Row] = field(default_factory=list)
    work_rows: list[Row] = field(default_factory=list)
    room_rows: list[Row] = field(default_factory=list)

    # -- locations -------------------------------------------------------------------------
    def location(self, i: int) -> Loc:
        rng = self.rng
        town, street, postcode, prefix = TOWNS[i % len(TOWNS)]
        branch = i // len(TOWNS)
        name = town if branch == 0 else f"{town} {branch + 1}"
        lid = self.writer.take("locations")
        digits = [rng.randrange(10, 99) for _ in range(3)]
        phone = f"+47 {prefix} {digits[0]} {digits[1]} {digits[2]}"
        self.loc_rows.append(
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
        closure_day = weekday_near(self.today + timedelta(days=rng.randrange(20, 120)))
        self.closure_rows.append(
            {
                "id": self.writer.take("closures"),
                "location_id": lid,
                "first_day": closure_day,
                "last_day": closure_day,
                "reason": TRAINING_DAY,
                "created_at": datetime.combine(self.today - timedelta(days=40), time(8)),
            }
        )
        cal = ClinicCalendar(
            tz=self.days.tz,
            opening=DEFAULT_OPENING,
            country=COUNTRY,
            closures=[ClosureSpan(closure_day, closure_day, TRAINING_DAY)],
            location_name=name,
        )
        return Loc(i, lid, name, DEFAULT_OPENING, self._closed_days(cal))

    def _closed_days(self, cal: ClinicCalendar) -> bytearray:
        closed = bytearray(self.days.ndays)
        for d in range(self.days.ndays):
            if cal.closed_reason(self.days.day(d)) is not None:
                closed[d] = 1
        return closed

    # -- practitioners ---------------------------------------------------------------------
    def practitioners(self, locs: list[Loc], n_prac: int) -> list[Prac]:
        n_loc = len(locs)
        loc_weights = [3 if i == 0 else 2 if i == 1 else 1.6 for i in range(n_loc)]
        if n_loc > 3:
            loc_weights = [1.0] * n_loc
        used_names: set[str] = set()
        return [self._practitioner(i, locs, loc_weights, used_names) for i in range(n_prac)]

    def _practitioner(
        self, i: int, locs: list[Loc], loc_weights: list[float], used_names: set[str]
    ) -> Prac:
        rng = self.rng
        n_loc = len(locs)
        prof, needle = PROFESSION_MIX[i % len(PROFESSION_MIX)]
        name = self._unique_name(used_names)
        pid = self.writer.take("practitioners")
        primary = i % n_loc if n_loc > 3 else rng.choices(range(n_loc), loc_weights)[0]
        hours = self._working_hours(primary, n_loc)
        capacity = sum(working_minutes(h, locs[li].opening) for li, h in hours.items())
        self.prac_rows.append(
            {
                "id": pid,
                "name": name,
                "profession": prof.value,
                "may_needle": needle,
                "email": f"{ascii_name(name).lower()}@{MAIL_DOMAIN}",
                "phone": mobile(rng),
            }
        )
        for li, h in hours.items():
            self.work_rows.append(
                {"practitioner_id": pid, "location_id": locs[li].id, "hours": h.to_json()}
            )
        occ = [0] * self.days.ndays
        return Prac(i, pid, name, prof, needle, list(hours), hours, occ, capacity)

    def _unique_name(self, used: set[str]) -> str:
        rng = self.rng
        female = rng.random() < 0.6
        while True:
            first = rng.choice(FEMALE if female else MALE)
            name = f"{first} {rng.choice(SURNAMES)}"
            if name not in used:
                break
        used.add(name)
        return name

    def _working_hours(self, primary: int, n_loc: int) -> dict[int, WeeklyHours]:
        """Hours at the ``primary`` location, or split over it and a second one."""
        rng = self.rng
        hours: dict[int, WeeklyHours] = {}
        if n_loc > 1 and rng.random() < 0.2:
            second = rng.choice([j for j in range(n_loc) if j != primary])
            a, b = rng.choice(SPLIT_HOURS)
            hours[primary] = WeeklyHours.parse(a)
            hours[second] = WeeklyHours.parse(b)
        else:
            hours[primary] = WeeklyHours.parse(rng.choice(SINGLE_HOURS))
        return hours

    # -- rooms -----------------------------------------------------------------------------
    def rooms(self, locs: list[Loc], pracs: list[Prac]) -> None:
        """About four rooms for every five practitioners working at a location, at least two."""
        per_loc = [0] * len(locs)
        for p in pracs:
            for li in p.locs:
                per_loc[li] += 1
        for loc in locs:
            n_rooms = max(2, math.ceil(per_loc[loc.idx] * 0.8))
            for k in range(n_rooms):
                rid = self.writer.take("rooms")
                self.room_rows.append({"id": rid, "location_id": loc.id, "name": f"Room {k + 1}"})
                loc.rooms.append(RoomGrid(rid, [0] * self.days.ndays))
