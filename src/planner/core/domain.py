"""The clinic's vocabulary: kinds, statuses, modalities, screening flags and plan specs.

These are plain, immutable values shared by the series engine, the database layer, the CLI
and the window. A :class:`PlanSpec` is the rule a treatment plan keeps: the engine expands it
into sessions and the plan stores it, so the plan can always say how it was made.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from planner.core.i18n import N_, Words
from planner.core.phrases import Phrase, phrase
from planner.errors import BadInput

MAX_SESSION_MINUTES = 8 * 60
"""No session is longer than this; the overlap check bounds its index scan by it."""

MAX_SESSIONS_PER_PLAN = 400


class Kind(enum.StrEnum):
    """What a session is for within its plan."""

    ASSESSMENT = "assessment"
    TREATMENT = "treatment"
    REASSESSMENT = "reassessment"
    FOLLOW_UP = "follow-up"

    @property
    def label(self) -> str:
        """``Assessment``, ``Treatment``, ``Reassessment``, ``Follow-up`` (English)."""
        return _KIND_LABELS[self]


class AppointmentStatus(enum.StrEnum):
    BOOKED = "booked"
    ATTENDED = "attended"
    CANCELLED = "cancelled"
    NO_SHOW = "no-show"


ACTIVE_STATUSES = (AppointmentStatus.BOOKED, AppointmentStatus.ATTENDED, AppointmentStatus.NO_SHOW)
"""Statuses that hold their time: a cancelled session frees its slot."""


class PlanStatus(enum.StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class Modality(enum.StrEnum):
    ACUPUNCTURE = "acupuncture"
    DRY_NEEDLING = "dry-needling"
    ELECTROACUPUNCTURE = "electroacupuncture"
    PHYSIOTHERAPY = "physiotherapy"
    MANUAL_THERAPY = "manual-therapy"
    SOFT_TISSUE = "soft-tissue"
    EXERCISE = "exercise"
    MASSAGE = "massage"
    LASER = "laser-therapy"
    CHIROPRACTIC = "chiropractic"

    @property
    def needling(self) -> bool:
        """Modalities that put needles in a patient: screening and licence apply."""
        return self in (Modality.ACUPUNCTURE, Modality.DRY_NEEDLING, Modality.ELECTROACUPUNCTURE)

    @property
    def label(self) -> str:
        """``Acupuncture``, ``Dry needling``... (English)."""
        return _MODALITY_LABELS[self]


class Profession(enum.StrEnum):
    ACUPUNCTURIST = "acupuncturist"
    PHYSIOTHERAPIST = "physiotherapist"
    CHIROPRACTOR = "chiropractor"
    MANUAL_THERAPIST = "manual-therapist"
    MASSAGE_THERAPIST = "massage-therapist"

    @property
    def needles_by_default(self) -> bool:
        return self is Profession.ACUPUNCTURIST

    @property
    def may_be_licensed_to_needle(self) -> bool:
        """Whether someone of this profession can hold a licence to needle at all.

        Acupuncturists needle; physiotherapists, chiropractors and manual therapists may after
        training in dry needling; massage therapists are not licensed health personnel for it.
        """
        return self is not Profession.MASSAGE_THERAPIST

    @property
    def label(self) -> str:
        """``Acupuncturist``, ``Physiotherapist``... (English)."""
        return _PROFESSION_LABELS[self]


class ScreeningFlag(enum.StrEnum):
    """Things to check before needling (DOMAIN.md, safety screening)."""

    BLEEDING_DISORDER = "bleeding-disorder"
    ANTICOAGULANTS = "anticoagulants"
    NEEDLE_OR_METAL_ALLERGY = "metal-allergy"
    SEIZURES = "seizures"
    PREGNANCY = "pregnancy"
    NEEDLE_FEAR = "needle-fear"
    LYMPHOEDEMA = "lymphoedema"
    """Usually of one limb (after lymph node surgery): no needling of that limb."""

    @property
    def label(self) -> str:
        return _FLAG_LABELS[self]


# The labels are English, marked for the catalogue (planner.core.i18n): a reader sees them in
# their own language through planner.core.vocabulary.
_KIND_LABELS = {
    Kind.ASSESSMENT: N_("Assessment"),
    Kind.TREATMENT: N_("Treatment"),
    Kind.REASSESSMENT: N_("Reassessment"),
    Kind.FOLLOW_UP: N_("Follow-up"),
}

_MODALITY_LABELS = {
    Modality.ACUPUNCTURE: N_("Acupuncture"),
    Modality.DRY_NEEDLING: N_("Dry needling"),
    Modality.ELECTROACUPUNCTURE: N_("Electroacupuncture"),
    Modality.PHYSIOTHERAPY: N_("Physiotherapy"),
    Modality.MANUAL_THERAPY: N_("Manual therapy"),
    Modality.SOFT_TISSUE: N_("Soft tissue"),
    Modality.EXERCISE: N_("Exercise"),
    Modality.MASSAGE: N_("Massage"),
    Modality.LASER: N_("Laser therapy"),
    Modality.CHIROPRACTIC: N_("Chiropractic"),
}

_PROFESSION_LABELS = {
    Profession.ACUPUNCTURIST: N_("Acupuncturist"),
    Profession.PHYSIOTHERAPIST: N_("Physiotherapist"),
    Profession.CHIROPRACTOR: N_("Chiropractor"),
    Profession.MANUAL_THERAPIST: N_("Manual therapist"),
    Profession.MASSAGE_THERAPIST: N_("Massage therapist"),
}

_FLAG_LABELS = {
    ScreeningFlag.BLEEDING_DISORDER: N_("Bleeding disorder"),
    ScreeningFlag.ANTICOAGULANTS: N_("Takes anticoagulants"),
    ScreeningFlag.NEEDLE_OR_METAL_ALLERGY: N_("Allergy to needles or metals"),
    ScreeningFlag.SEIZURES: N_("History of seizures"),
    ScreeningFlag.PREGNANCY: N_("Pregnant"),
    ScreeningFlag.NEEDLE_FEAR: N_("Fear of needles"),
    ScreeningFlag.LYMPHOEDEMA: N_("Lymphoedema"),
}


class HolidayPolicy(enum.StrEnum):
    """What happens to a session that lands on a holiday, a closure or a closed hour."""

    NEXT_WORKING_DAY = "next-working-day"
    """Same time on the next day the clinic and practitioner work (default)."""
    SAME_DAY = "same-day"
    """Nearest free time the same day within the window; else the next working day."""
    SKIP_EXTEND = "skip-extend"
    """Leave that week out and add a week at the end of the phase."""
    KEEP_FLAG = "keep-flag"
    """Keep the session where it is and flag it for the desk."""


class ConflictPolicy(enum.StrEnum):
    """What happens to a session whose time is taken by another booking."""

    REFUSE = "refuse"
    """Report the conflict; the plan cannot be booked until it is fixed (default)."""
    SAME_DAY = "same-day"
    """Nearest free time the same day within the window."""
    NEXT_WORKING_DAY = "next-working-day"
    """Same time on the next day that is free."""


class Anchor(enum.StrEnum):
    PREVIOUS = "previous"
    """Weeks are counted from the last week of the previous phase."""
    LAST_TREATMENT = "last-treatment"
    """Weeks are counted from the week of the last treatment (for follow-ups)."""


_Enum = TypeVar("_Enum", bound=enum.StrEnum)


def parse_enum(cls: type[_Enum], text: str, what: str) -> _Enum:
    try:
        return cls(text.strip().lower())
    except ValueError:
        options = ", ".join(m.value for m in cls)
        raise BadInput(f"unknown {what} '{text}'; use one of: {options}") from None


def check_duration(minutes: int) -> int:
    if not isinstance(minutes, int) or isinstance(minutes, bool):
        raise BadInput(f"session length must be a whole number of minutes, not {minutes!r}")
    if minutes <= 0:
        raise BadInput(f"session length must be more than 0 minutes (got {minutes})")
    if minutes > MAX_SESSION_MINUTES:
        raise BadInput(
            f"session length {minutes} minutes is over the 8-hour limit; "
            "book long days as several sessions"
        )
    return minutes


@dataclass(frozen=True)
class Phase:
    """One stretch of a plan with a steady cadence.

    ``weeks`` active weeks, ``per_week`` sessions in each, on ``weekdays`` (0 = Monday; by
    default spread from the plan's first weekday), one active week every ``every_weeks``
    weeks. The phase starts ``after_weeks`` weeks after its anchor: the last week of the
    previous phase, or for follow-ups the week of the last treatment.
    """

    kind: Kind
    duration_min: int
    weeks: int = 1
    per_week: int = 1
    weekdays: tuple[int, ...] | None = None
    every_weeks: int = 1
    after_weeks: int = 0
    anchor: Anchor = Anchor.PREVIOUS

    @property
    def count(self) -> int:
        return self.weeks * self.per_week

    def validate(self) -> None:
        check_duration(self.duration_min)
        if self.weeks < 1:
            raise BadInput(f"a {self.kind} phase needs at least one week (got {self.weeks})")
        if not 1 <= self.per_week <= 7:
            raise BadInput(f"sessions a week must be 1 to 7 (got {self.per_week})")
        if self.every_weeks < 1:
            raise BadInput(f"'every K weeks' needs K of 1 or more (got {self.every_weeks})")
        if self.after_weeks < 0:
            raise BadInput("a phase cannot start before its anchor week")
        if self.weekdays is not None:
            if len(self.weekdays) != self.per_week:
                raise BadInput(
                    f"{self.per_week} session(s) a week but {len(self.weekdays)} weekday(s) "
                    "given; name one weekday per weekly session"
                )
            if len(set(self.weekdays)) != len(self.weekdays) or not all(
                0 <= d <= 6 for d in self.weekdays
            ):
                raise BadInput("weekdays must be different days of the week")

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["kind"] = self.kind.value
        d["anchor"] = self.anchor.value
        d["weekdays"] = list(self.weekdays) if self.weekdays is not None else None
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Phase:
        known = {f for f in cls.__dataclass_fields__}
        unknown = set(d) - known
        if unknown:
            raise BadInput(f"unknown phase field(s): {', '.join(sorted(unknown))}")
        try:
            return cls(
                kind=Kind(d["kind"]),
                duration_min=int(d["duration_min"]),
                weeks=int(d.get("weeks", 1)),
                per_week=int(d.get("per_week", 1)),
                weekdays=tuple(int(x) for x in d["weekdays"]) if d.get("weekdays") else None,
                every_weeks=int(d.get("every_weeks", 1)),
                after_weeks=int(d.get("after_weeks", 0)),
                anchor=Anchor(d.get("anchor", "previous")),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise BadInput(f"a plan phase is not valid: {exc}") from None


@dataclass(frozen=True)
class PlanSpec:
    """The rule of a plan: where its first session starts and the phases that follow."""

    start: datetime
    """Wall-clock start of the first session, naive, in ``tz``."""
    tz: str
    phases: tuple[Phase, ...]
    holiday_policy: HolidayPolicy = HolidayPolicy.NEXT_WORKING_DAY
    conflict_policy: ConflictPolicy = ConflictPolicy.REFUSE
    same_day_window_min: int = 120
    max_shift_days: int = 6
    max_extra_weeks: int = 8
    shift_only: frozenset[datetime] = frozenset()
    """Rule times (``nominal_local``) of sessions that may move when their time is taken even
    under the refuse policy: the desk's "Shift this one". Not part of the stored rule."""

    @property
    def count(self) -> int:
        return sum(p.count for p in self.phases)

    def validate(self) -> None:
        if not self.phases:
            raise BadInput("a plan needs at least one phase of sessions")
        for i, p in enumerate(self.phases):
            p.validate()
            if i > 0 and p.after_weeks < 1:
                raise BadInput(
                    f"phase {i + 1} ({p.kind}) starts 0 weeks after its anchor, on top of the "
                    "sessions before it; give it after_weeks of 1 or more"
                )
        if self.count > MAX_SESSIONS_PER_PLAN:
            raise BadInput(
                f"a plan of {self.count} sessions is too long (at most {MAX_SESSIONS_PER_PLAN})"
            )
        if not 0 <= self.same_day_window_min <= 12 * 60:
            raise BadInput("the same-day window must be 0 to 720 minutes")
        if not 1 <= self.max_shift_days <= 14:
            raise BadInput("a session can be moved by 1 to 14 days at the most")
        if not 0 <= self.max_extra_weeks <= 52:
            raise BadInput("a phase can be extended by 0 to 52 weeks at the most")

    def rule_json(self) -> dict[str, Any]:
        """What a plan stores about the rule that made it (start and zone are columns)."""
        return {
            "phases": [p.to_json() for p in self.phases],
            "holiday_policy": self.holiday_policy.value,
            "conflict_policy": self.conflict_policy.value,
            "same_day_window_min": self.same_day_window_min,
            "max_shift_days": self.max_shift_days,
            "max_extra_weeks": self.max_extra_weeks,
        }

    @classmethod
    def from_rule_json(cls, start: datetime, tz: str, d: dict[str, Any]) -> PlanSpec:
        return cls(
            start=start,
            tz=tz,
            phases=tuple(Phase.from_json(p) for p in d["phases"]),
            holiday_policy=HolidayPolicy(d.get("holiday_policy", "next-working-day")),
            conflict_policy=ConflictPolicy(d.get("conflict_policy", "refuse")),
            same_day_window_min=int(d.get("same_day_window_min", 120)),
            max_shift_days=int(d.get("max_shift_days", 6)),
            max_extra_weeks=int(d.get("max_extra_weeks", 8)),
        )


@dataclass(frozen=True)
class Template:
    """A named, editable plan shape; seeded with the clinic's usual plans."""

    name: str
    modality: Modality
    phases: tuple[Phase, ...]
    regions: tuple[str, ...] = ()
    description: str = ""

    @property
    def count(self) -> int:
        return sum(p.count for p in self.phases)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "modality": self.modality.value,
            "description": self.description,
            "regions": list(self.regions),
            "phases": [p.to_json() for p in self.phases],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Template:
        try:
            name = str(d["name"]).strip()
            phases = tuple(Phase.from_json(p) for p in d["phases"])
        except (KeyError, TypeError):
            raise BadInput("a template needs a 'name' and a list of 'phases'") from None
        if not name:
            raise BadInput("a template needs a name")
        t = cls(
            name=name,
            modality=parse_enum(Modality, str(d.get("modality", "acupuncture")), "modality"),
            phases=phases,
            regions=tuple(str(r) for r in d.get("regions", ())),
            description=str(d.get("description", "")),
        )
        for p in t.phases:
            p.validate()
        return t


# The seeded templates. DOMAIN.md: the reference plan from the fibromyalgia trial is a
# baseline assessment, nine weekly sessions, a reassessment in week 10 and a follow-up about
# twelve months after the last treatment (52 weeks keeps the weekday and the practitioner's
# regular hours).
SEED_TEMPLATES: tuple[Template, ...] = (
    Template(
        name="Fibromyalgia acupuncture",
        modality=Modality.ACUPUNCTURE,
        description=(
            "Baseline assessment, 9 weekly treatments, reassessment in week 10, "
            "follow-up 12 months after the last treatment"
        ),
        regions=("neck", "shoulders", "lower-back"),
        phases=(
            Phase(Kind.ASSESSMENT, duration_min=45),
            Phase(Kind.TREATMENT, duration_min=30, weeks=9, after_weeks=1),
            Phase(Kind.REASSESSMENT, duration_min=45, after_weeks=1),
            Phase(Kind.FOLLOW_UP, duration_min=30, after_weeks=52, anchor=Anchor.LAST_TREATMENT),
        ),
    ),
    Template(
        name="Dry needling, acute",
        modality=Modality.DRY_NEEDLING,
        description="6 weekly 15-minute sessions for an acute problem",
        phases=(Phase(Kind.TREATMENT, duration_min=15, weeks=6),),
    ),
    Template(
        name="Dry needling, many trigger points",
        modality=Modality.DRY_NEEDLING,
        description=("Assessment, twice a week for 3 weeks, then weekly for 6 weeks, reassessment"),
        phases=(
            Phase(Kind.ASSESSMENT, duration_min=30),
            Phase(Kind.TREATMENT, duration_min=20, weeks=3, per_week=2, after_weeks=1),
            Phase(Kind.TREATMENT, duration_min=20, weeks=6, after_weeks=1),
            Phase(Kind.REASSESSMENT, duration_min=30, after_weeks=1),
        ),
    ),
    Template(
        name="Physiotherapy, fortnightly",
        modality=Modality.PHYSIOTHERAPY,
        description="Assessment, then 6 sessions every other week with exercise prescription",
        phases=(
            Phase(Kind.ASSESSMENT, duration_min=45),
            Phase(Kind.TREATMENT, duration_min=30, weeks=6, every_weeks=2, after_weeks=2),
        ),
    ),
)


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_NAMES = {
    **{d: i for i, d in enumerate(WEEKDAYS)},
    **{
        name: i
        for i, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}


def weekday_index(text: str) -> int:
    """0 for ``mon``/``monday`` ... 6 for ``sun``/``sunday``."""
    key = text.strip().lower()
    if key not in _WEEKDAY_NAMES:
        raise BadInput(f"unknown weekday '{text.strip()}'; use mon, tue, wed, thu, fri, sat, sun")
    return _WEEKDAY_NAMES[key]


def parse_weekdays(text: str) -> tuple[int, ...]:
    out: list[int] = []
    for part in text.split(","):
        if not part.strip():
            continue
        out.append(weekday_index(part))
    if not out:
        raise BadInput("no weekday given; for example --weekdays tue,fri")
    return tuple(out)


@dataclass(frozen=True)
class Reason:
    """Why a proposed session is not simply at its rule's time.

    ``message`` is English (the command line's); ``said`` keeps the sentence so the window can
    show it in its own language (:meth:`text`).
    """

    code: str
    message: str
    said: Phrase | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, code: str, template: str, **values: object) -> Reason:
        """``Reason.of("holiday", N_("{day} is a public holiday ({name})"), day=Day(d), ...)``."""
        said = phrase(template, **values)
        return cls(code, said.text(), said)

    def text(self, w: Words | None = None) -> str:
        """The reason in ``w``'s language (English by default)."""
        return self.said.text(w) if self.said is not None else self.message


@dataclass(frozen=True)
class Busy:
    """An existing booking that holds a resource between two UTC instants."""

    start_utc: datetime
    end_utc: datetime
    resource: str
    """``practitioner``, ``room``, ``patient``, ``plan`` (a session of the same plan) or
    ``unavailable`` (a time a waiting patient cannot come, :mod:`planner.core.availability`)."""
    appointment_id: int | None = None
    description: str | Phrase = ""
    """What holds the time, as the desk names it (a :class:`Phrase` when it can be said in
    another language)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "appointment_id": self.appointment_id,
            "resource": self.resource,
            "start_utc": self.start_utc.isoformat() + "Z",
            "end_utc": self.end_utc.isoformat() + "Z",
            "description": str(self.description),
        }


class SessionState(enum.StrEnum):
    FREE = "free"
    SHIFTED = "shifted"
    FLAGGED = "flagged"
    CONFLICT = "conflict"
    UNPLACEABLE = "unplaceable"

    @property
    def bookable(self) -> bool:
        return self in (SessionState.FREE, SessionState.SHIFTED, SessionState.FLAGGED)


@dataclass
class ProposedSession:
    """One session as the engine proposes it, before anything is written."""

    seq: int
    kind: Kind
    number: int
    """1-based number among the sessions of its kind (treatment 3 of 9)."""
    of: int
    phase: int
    duration_min: int
    tz: str
    nominal_local: datetime
    """Where the plan's rule puts the session (its recurrence id)."""
    local_start: datetime | None
    utc_start: datetime | None
    state: SessionState
    reasons: list[Reason] = field(default_factory=list)
    conflicts: list[Busy] = field(default_factory=list)

    @property
    def utc_end(self) -> datetime | None:
        if self.utc_start is None:
            return None
        from datetime import timedelta

        return self.utc_start + timedelta(minutes=self.duration_min)

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "kind": self.kind.value,
            "number": self.number,
            "of": self.of,
            "phase": self.phase,
            "duration_min": self.duration_min,
            "tz": self.tz,
            "nominal_local": self.nominal_local.isoformat(timespec="minutes"),
            "local_start": self.local_start.isoformat(timespec="minutes")
            if self.local_start
            else None,
            "utc_start": self.utc_start.isoformat(timespec="minutes") + "Z"
            if self.utc_start
            else None,
            "status": self.state.value,
            "reasons": [{"code": r.code, "message": r.message} for r in self.reasons],
            "conflicts": [c.to_json() for c in self.conflicts],
        }
