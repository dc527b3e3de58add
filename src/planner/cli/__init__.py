"""The ``planner`` command line: admins script the clinic with it and tests drive it.

``planner [--db URL] <command> [--json]``. Exit codes: 0 done, 2 bad input, 3 refused
(conflict, unacknowledged screening flag, closed), 4 not found. Errors are one line on stderr
(or a JSON object on stdout with ``--json``), never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from planner import __version__
from planner.errors import BadInput, PlannerError

Handler = Callable[[argparse.Namespace], Any]


# -- argument parsing ---------------------------------------------------------------------


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="database: a SQLAlchemy URL or a SQLite file path (default: $PLANNER_DB, else the user data folder)",
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print machine-readable JSON")

    p = argparse.ArgumentParser(
        prog="planner",
        description="Treatment-plan scheduling for physiotherapy, acupuncture and dry-needling clinics.",
        parents=[common],
    )
    p.add_argument("--version", action="version", version=f"planner {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def cmd(parent: Any, name: str, func: Handler, help: str) -> argparse.ArgumentParser:
        sp = parent.add_parser(name, help=help, description=help, parents=[common])
        sp.set_defaults(func=func)
        return sp

    def group(name: str, help: str) -> Any:
        gp = sub.add_parser(name, help=help, description=help, parents=[common])
        gp.set_defaults(func=lambda a, gp=gp: _usage(gp))
        return gp.add_subparsers(dest="action", metavar="ACTION")

    cmd(sub, "init", cmd_init, "create (or upgrade) the database")

    loc = group("location", "clinic locations")
    sp = cmd(loc, "add", cmd_location_add, "add a location")
    sp.add_argument("--name", required=True)
    sp.add_argument("--tz", required=True, help="IANA time zone, e.g. Europe/Oslo")
    sp.add_argument("--address", default="")
    sp.add_argument("--phone", default="")
    sp.add_argument("--country", help="ISO country code for public holidays, e.g. NO")
    sp.add_argument("--subdivision", help="holiday subdivision (state, county), e.g. NY")
    sp.add_argument("--hours", action="append", help="opening hours, e.g. 'mon-fri 08:00-18:00; sat 09:00-13:00'")
    cmd(loc, "list", cmd_location_list, "list locations")

    room = group("room", "treatment rooms")
    sp = cmd(room, "add", cmd_room_add, "add a room to a location")
    sp.add_argument("--location", type=_int, required=True)
    sp.add_argument("--name", required=True)
    sp = cmd(room, "list", cmd_room_list, "list rooms")
    sp.add_argument("--location", type=_int)

    pr = group("practitioner", "practitioners")
    sp = cmd(pr, "add", cmd_practitioner_add, "add a practitioner")
    sp.add_argument("--name", required=True)
    sp.add_argument("--profession", required=True, help="acupuncturist, physiotherapist, chiropractor, manual-therapist, massage-therapist")
    sp.add_argument("--location", type=_int, action="append", required=True, help="location id (repeat for several)")
    sp.add_argument("--hours", action="append", help="weekly hours, e.g. 'mon-thu 08:00-16:00' (default: opening hours)")
    needle = sp.add_mutually_exclusive_group()
    needle.add_argument("--needling", dest="may_needle", action="store_true", default=None, help="licensed and trained to needle")
    needle.add_argument("--no-needling", dest="may_needle", action="store_false")
    sp.add_argument("--email", default="")
    sp.add_argument("--phone", default="")
    cmd(pr, "list", cmd_practitioner_list, "list practitioners")

    pa = group("patient", "patients")
    sp = cmd(pa, "add", cmd_patient_add, "add a patient")
    sp.add_argument("--name", required=True)
    sp.add_argument("--phone", default="")
    sp.add_argument("--email", default="")
    sp.add_argument("--dob", help="date of birth, 1980-04-30")
    sp.add_argument("--chart", help="chart number")
    sp.add_argument("--flag", action="append", default=[], help="screening flag: bleeding-disorder, anticoagulants, metal-allergy, seizures, pregnancy, needle-fear, lymphoedema; "
                    "with the regions it is about after a colon: lymphoedema:arm-left (repeat for several)")
    sp.add_argument("--notes", default="")
    sp = cmd(pa, "list", cmd_patient_list, "find patients by name, phone or chart number")
    sp.add_argument("search", nargs="?", default="")
    sp.add_argument("--limit", type=_int, default=50)
    sp = cmd(pa, "show", cmd_patient_show, "show a patient with plans and sessions")
    sp.add_argument("id", type=_int)

    tp = group("template", "plan templates")
    cmd(tp, "list", cmd_template_list, "list plan templates")
    sp = cmd(tp, "show", cmd_template_show, "show a template as JSON (to edit and import)")
    sp.add_argument("name")
    sp = cmd(tp, "import", cmd_template_import, "add or replace a template from a JSON file")
    sp.add_argument("file")

    pl = group("plan", "treatment plans")
    for name, func, help in (
        ("preview", cmd_plan_preview, "show every proposed session of a plan; writes nothing"),
        ("book", cmd_plan_book, "book a plan and all its sessions in one transaction"),
    ):
        sp = cmd(pl, name, func, help)
        sp.add_argument("--patient", type=_int, required=True)
        sp.add_argument("--practitioner", type=_int, required=True)
        sp.add_argument("--start", required=True, help="first session, local wall time: 2026-09-15T10:00")
        sp.add_argument("--template", help="template name (see 'planner template list')")
        sp.add_argument("--weeks", type=_int, help="custom cadence: number of weeks")
        sp.add_argument("--per-week", type=_int, help="custom cadence: sessions a week")
        sp.add_argument("--weekdays", help="custom cadence: tue,fri")
        sp.add_argument("--every", type=_int, default=1, help="custom cadence: every K weeks")
        sp.add_argument("--duration", type=_int, help="custom cadence: minutes per session")
        sp.add_argument("--location", type=_int)
        sp.add_argument("--room", type=_int)
        sp.add_argument("--regions", help="target regions: neck,shoulders,lower-back")
        sp.add_argument("--modality", help="acupuncture, dry-needling, physiotherapy, ...")
        sp.add_argument("--holiday-policy", help="next-working-day (default), same-day, skip-extend, keep-flag")
        sp.add_argument("--conflict-policy", help="refuse (default), same-day, next-working-day")
        sp.add_argument("--acknowledge-flags", action="store_true", help="the patient's screening flags were discussed")
        sp.add_argument("--notes", default="")
    sp = cmd(pl, "show", cmd_plan_show, "show a plan and its sessions")
    sp.add_argument("id", type=_int)
    sp = cmd(pl, "cancel", cmd_plan_cancel, "cancel the rest of a plan (its future sessions)")
    sp.add_argument("id", type=_int)
    sp = cmd(pl, "progress", cmd_plan_progress, "sessions done and to come, and each score against its baseline")
    sp.add_argument("id", type=_int)
    sp = cmd(pl, "baseline", cmd_plan_baseline, "record the baseline at the plan's assessment (pain per region, whole-body scores)")
    sp.add_argument("id", type=_int)
    sp.add_argument("--regions", required=True, help="pain 0-10 per region: neck:7,shoulders:6,lower-back:8")
    sp.add_argument("--scores", help="whole-body scores 0-10: fatigue:7,sleep:3,function:4")
    sp = cmd(pl, "card", cmd_plan_card, "print the patient's plan card (one page) to a PDF file")
    sp.add_argument("id", type=_int)
    sp.add_argument("--out", required=True, help="the PDF file to write, e.g. card.pdf")
    sp.add_argument("--paper", help="a4 or letter (default: by the locale)")

    ap = group("appointment", "sessions")
    sp = cmd(ap, "list", cmd_appointment_list, "list sessions (default: this week)")
    sp.add_argument("--from", dest="date_from", help="first local date, 2026-09-14")
    sp.add_argument("--to", dest="date_to", help="last local date (inclusive)")
    sp.add_argument("--patient", type=_int)
    sp.add_argument("--practitioner", type=_int)
    sp.add_argument("--location", type=_int)
    sp.add_argument("--plan", type=_int)
    sp.add_argument("--active", action="store_true", help="leave out cancelled sessions")
    sp = cmd(ap, "move", cmd_appointment_move, "move a session (and optionally the rest of its plan)")
    sp.add_argument("id", type=_int)
    sp.add_argument("--to", dest="to", required=True, help="new local start, 2026-09-17T14:00")
    sp.add_argument("--following", action="store_true", help="move this and the plan's later sessions by the same shift")
    sp.add_argument("--practitioner", type=_int)
    sp.add_argument("--room", type=_int)
    sp = cmd(ap, "cancel", cmd_appointment_cancel, "cancel a session")
    sp.add_argument("id", type=_int)
    sp.add_argument("--extend", action="store_true", help="add a session at the end so the plan keeps its count")
    sp.add_argument("--reason", default="")
    sp = cmd(ap, "attend", cmd_appointment_attend, "mark a session attended")
    sp.add_argument("id", type=_int)
    sp.add_argument("--regions", help="treated regions with pain 0-10: neck:6,shoulder-left:4")
    sp.add_argument("--scores", help="whole-body scores 0-10: fatigue:6,sleep:4,function:5")
    sp.add_argument("--notes", default="")
    sp = cmd(ap, "no-show", cmd_appointment_no_show, "mark a session as a no-show")
    sp.add_argument("id", type=_int)

    cl = group("closure", "closures (days a location is closed)")
    sp = cmd(cl, "add", cmd_closure_add, "close a location for whole days and list the sessions it hits")
    sp.add_argument("--location", type=_int, required=True)
    sp.add_argument("--from", dest="date_from", required=True)
    sp.add_argument("--to", dest="date_to")
    sp.add_argument("--reason", default="")

    from planner.cli.calendars import register as register_ics

    register_ics(sub, common, cmd)

    sp = cmd(sub, "demo", cmd_demo, "fill an empty database with a realistic demo clinic")
    sp.add_argument("--patients", type=_int, default=2000)
    sp.add_argument("--practitioners", type=_int, default=20)
    sp.add_argument("--locations", type=_int, default=3)
    sp.add_argument("--appointments", type=_int, help="total sessions (up to 1,000,000)")
    sp.add_argument("--seed", type=_int, default=7)
    sp.add_argument("--if-empty", action="store_true", help="do nothing when the database has data already")

    sp = cmd(sub, "gui", cmd_gui, "open the front-desk window (what 'planner' alone does)")
    sp.add_argument("--demo-if-empty", action="store_true", help="create the demo clinic without asking when the database is empty")
    return p


def _usage(parser: argparse.ArgumentParser) -> None:
    parser.print_help()
    raise SystemExit(2)


# -- output -----------------------------------------------------------------------------------


class Output:
    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def emit(self, data: Any, text: str | Callable[[], str]) -> None:
        if self.as_json:
            print(json.dumps(data, indent=2, default=str, ensure_ascii=False))
        else:
            print(text() if callable(text) else text)


_out = Output(False)


def _store(args: argparse.Namespace, create: bool | None = None):  # type: ignore[no-untyped-def]
    from planner.db.store import Store

    return Store(getattr(args, "db", None), create=create)


def _date(text: str | None, what: str) -> date | None:
    from planner.core.timeutil import parse_date

    return parse_date(text, what) if text else None


# -- commands -----------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> None:
    from planner.db.store import head_revision

    store = _store(args, create=True)
    _out.emit(
        {"database": store.display, "schema": store.revision()},
        f"database ready at {store.display} (schema {store.revision()}, newest {head_revision()})",
    )


def cmd_location_add(args: argparse.Namespace) -> None:
    from planner.services.clinic import add_location

    loc = add_location(
        _store(args), args.name, args.tz, address=args.address, phone=args.phone,
        country=args.country, subdivision=args.subdivision, hours=args.hours,
    )
    _out.emit({"id": loc.id, "name": loc.name}, f"location {loc.id}: {loc.name} ({loc.tz})")


def cmd_location_list(args: argparse.Namespace) -> None:
    from sqlalchemy import select

    from planner.core.calendars import WeeklyHours
    from planner.db.models import Location

    with _store(args).read() as s:
        rows = list(s.scalars(select(Location).order_by(Location.id)))
        data = [
            {"id": r.id, "name": r.name, "tz": r.tz, "country": r.country, "subdivision": r.subdivision,
             "address": r.address, "phone": r.phone, "hours": str(WeeklyHours.from_json(r.opening_hours))}
            for r in rows
        ]
    _out.emit(data, lambda: "\n".join(f"{d['id']:>4}  {d['name']:<24} {d['tz']:<18} {d['country'] or '-':<3} {d['hours']}" for d in data) or "no locations yet")


def cmd_room_add(args: argparse.Namespace) -> None:
    from planner.services.clinic import add_room

    room = add_room(_store(args), args.location, args.name)
    _out.emit({"id": room.id, "name": room.name, "location_id": room.location_id}, f"room {room.id}: {room.name}")


def cmd_room_list(args: argparse.Namespace) -> None:
    from sqlalchemy import select

    from planner.db.models import Room

    with _store(args).read() as s:
        stmt = select(Room).order_by(Room.location_id, Room.id)
        if args.location:
            stmt = stmt.where(Room.location_id == args.location)
        data = [{"id": r.id, "name": r.name, "location_id": r.location_id} for r in s.scalars(stmt)]
    _out.emit(data, lambda: "\n".join(f"{d['id']:>4}  {d['name']:<20} location {d['location_id']}" for d in data) or "no rooms")


def cmd_practitioner_add(args: argparse.Namespace) -> None:
    from planner.services.clinic import add_practitioner

    p = add_practitioner(
        _store(args), args.name, args.profession, args.location, hours=args.hours,
        may_needle=args.may_needle, email=args.email, phone=args.phone,
    )
    _out.emit({"id": p.id, "name": p.name, "may_needle": p.may_needle}, f"practitioner {p.id}: {p.name} ({p.profession})")


def cmd_practitioner_list(args: argparse.Namespace) -> None:
    from sqlalchemy import select

    from planner.core.calendars import WeeklyHours
    from planner.db.models import Practitioner

    with _store(args).read() as s:
        data = [
            {"id": p.id, "name": p.name, "profession": p.profession, "may_needle": p.may_needle,
             "locations": [{"id": w.location_id, "hours": str(WeeklyHours.from_json(w.hours))} for w in p.workplaces]}
            for p in s.scalars(select(Practitioner).order_by(Practitioner.id))
        ]
    _out.emit(data, lambda: "\n".join(
        f"{d['id']:>4}  {d['name']:<26} {d['profession']:<18} {'needles' if d['may_needle'] else '':<8} "
        + "; ".join(f"@{w['id']}: {w['hours']}" for w in d["locations"]) for d in data) or "no practitioners yet")


def _patient_json(p: Any) -> dict[str, Any]:
    return {
        "id": p.id, "name": p.name, "phone": p.phone, "email": p.email,
        "date_of_birth": p.date_of_birth.isoformat() if p.date_of_birth else None,
        "chart_number": p.chart_number, "flags": [_flag_spec(f) for f in p.flags], "notes": p.notes,
    }


def _flag_spec(f: Any) -> str:
    from planner.services.clinic import flag_spec

    return flag_spec(f.flag, f.regions)


def cmd_patient_add(args: argparse.Namespace) -> None:
    from planner.services.clinic import add_patient

    p = add_patient(
        _store(args), args.name, phone=args.phone, email=args.email,
        date_of_birth=_date(args.dob, "date of birth"), chart_number=args.chart,
        flags=args.flag, notes=args.notes,
    )
    _out.emit({"id": p.id, "name": p.name, "flags": [_flag_spec(f) for f in p.flags]}, f"patient {p.id}: {p.name}")


def cmd_patient_list(args: argparse.Namespace) -> None:
    from planner.services.clinic import find_patients

    with _store(args).read() as s:
        data = [_patient_json(p) for p in find_patients(s, args.search, args.limit)]
    _out.emit(data, lambda: "\n".join(
        f"{d['id']:>6}  {d['name']:<28} {d['phone']:<16} {', '.join(d['flags'])}" for d in data) or "no patients found")


def cmd_patient_show(args: argparse.Namespace) -> None:
    from sqlalchemy import select

    from planner.db.models import Patient, Plan
    from planner.services.booking import appointment_json, list_appointments, number_sessions
    from planner.services.clinic import get

    with _store(args).read() as s:
        p = get(s, Patient, args.id, "patient")
        plans = list(s.scalars(select(Plan).where(Plan.patient_id == p.id).order_by(Plan.start_local)))
        appts = list_appointments(s, patient_id=p.id)
        numbering = number_sessions(appts)
        data = _patient_json(p) | {
            "plans": [_plan_summary(pl) for pl in plans],
            "sessions": [appointment_json(a, numbering) for a in appts],
        }
    def text() -> str:
        lines = [f"{data['name']} (patient {data['id']})", f"  phone {data['phone'] or '-'}  email {data['email'] or '-'}  born {data['date_of_birth'] or '-'}"]
        if data["flags"]:
            lines.append("  screening flags: " + ", ".join(data["flags"]))
        for pl in data["plans"]:
            lines.append(f"  plan {pl['id']}: {pl['template'] or pl['modality']} from {pl['start_local']} ({pl['status']}), regions {', '.join(pl['regions']) or '-'}")
        lines.append(_session_table(data["sessions"]))
        return "\n".join(lines)
    _out.emit(data, text)


def _plan_summary(pl: Any) -> dict[str, Any]:
    return {
        "id": pl.id, "patient_id": pl.patient_id, "practitioner_id": pl.practitioner_id,
        "location_id": pl.location_id, "room_id": pl.room_id, "modality": pl.modality,
        "template": pl.template_name, "start_local": pl.start_local.isoformat(timespec="minutes"),
        "tz": pl.tz, "status": pl.status, "regions": [r.region for r in pl.regions],
        "acknowledged_flags": pl.acknowledged_flags, "rule": pl.rule,
    }


def cmd_template_list(args: argparse.Namespace) -> None:
    from planner.services.clinic import list_templates

    with _store(args).read() as s:
        ts = list_templates(s)
    data = [t.to_json() | {"sessions": t.count} for t in ts]
    _out.emit(data, lambda: "\n".join(
        f"{t.name:<36} {t.modality.value:<15} {t.count:>3} sessions  {t.description}" for t in ts))


def cmd_template_show(args: argparse.Namespace) -> None:
    from planner.services.clinic import find_template

    with _store(args).read() as s:
        t = find_template(s, args.name)
    print(json.dumps(t.to_json(), indent=2))


def cmd_template_import(args: argparse.Namespace) -> None:
    from planner.core.domain import Template
    from planner.services.clinic import save_template

    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInput(f"cannot read {args.file}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise BadInput(f"{args.file} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise BadInput(f"{args.file} must hold one template object")
    t = Template.from_json(data)
    new = save_template(_store(args), t)
    _out.emit({"name": t.name, "created": new}, f"template '{t.name}' {'added' if new else 'replaced'}")


def _plan_request(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from planner.core.domain import Kind, Phase, parse_weekdays
    from planner.services.booking import PlanRequest

    phases = None
    custom = [args.weeks, args.per_week, args.duration, args.weekdays]
    if args.template and any(x is not None for x in custom):
        raise BadInput("give either --template or a custom cadence (--weeks/--per-week/--duration), not both")
    if not args.template:
        if args.weeks is None or args.duration is None:
            raise BadInput("give --template NAME, or --weeks W --per-week N --duration MIN for a custom cadence")
        weekdays = parse_weekdays(args.weekdays) if args.weekdays else None
        per_week = args.per_week if args.per_week is not None else (len(weekdays) if weekdays else 1)
        phases = (Phase(Kind.TREATMENT, duration_min=args.duration, weeks=args.weeks, per_week=per_week,
                        weekdays=weekdays, every_weeks=args.every),)
    return PlanRequest(
        patient_id=args.patient, practitioner_id=args.practitioner, start=args.start,
        template=args.template, phases=phases, location_id=args.location, room_id=args.room,
        regions=args.regions.split(",") if args.regions is not None else None,
        modality=args.modality or (None if args.template else "acupuncture"),
        acknowledge_flags=args.acknowledge_flags, holiday_policy=args.holiday_policy,
        conflict_policy=args.conflict_policy, notes=args.notes,
    )


def _proposal_table(sessions: Sequence[dict[str, Any]]) -> str:
    lines = [f"{'#':>3}  {'session':<18} {'local start':<24} {'UTC':<18} {'status':<11} notes"]
    for p in sessions:
        if p["local_start"]:
            when = datetime.fromisoformat(p["local_start"]).strftime("%a %d %b %Y %H:%M")
        else:  # not placed: show where the plan's rule wanted it
            when = datetime.fromisoformat(p["nominal_local"]).strftime("(%a %d %b %Y %H:%M)")
        utc = p["utc_start"][:-1].replace("T", " ") if p["utc_start"] else "-"
        notes = "; ".join(r["message"] for r in p["reasons"])
        lines.append(f"{p['seq']:>3}  {p['kind'] + ' ' + str(p['number']) + '/' + str(p['of']):<18} {when:<24} {utc:<18} {p['status']:<11} {notes}")
    return "\n".join(lines)


def cmd_plan_preview(args: argparse.Namespace) -> None:
    from planner.services.booking import preview

    pv = preview(_store(args), _plan_request(args))
    data = pv.to_json()
    def text() -> str:
        head = f"{len(pv.sessions)} sessions, {'bookable' if data['bookable'] else 'NOT bookable as it stands'}"
        warn = "".join(f"\nwarning: {w}" for w in pv.warnings)
        return head + warn + "\n" + _proposal_table(data["sessions"])
    _out.emit(data, text)


def cmd_plan_book(args: argparse.Namespace) -> None:
    from planner.services.booking import book

    res = book(_store(args), _plan_request(args))
    data = {"plan_id": res.plan_id, "sessions": [
        a | {"state": p["status"], "reasons": p["reasons"], "number": p["number"], "of": p["of"]}
        for a, p in zip(res.appointments, res.preview.to_json()["sessions"], strict=True)
    ]}
    _out.emit(data, lambda: f"booked plan {res.plan_id} with {len(res.appointments)} sessions\n" + _proposal_table(res.preview.to_json()["sessions"]))


def cmd_plan_show(args: argparse.Namespace) -> None:
    from planner.db.models import Plan
    from planner.services.booking import appointment_json, list_appointments, number_sessions
    from planner.services.clinic import get

    with _store(args).read() as s:
        pl = get(s, Plan, args.id, "plan")
        appts = list_appointments(s, plan_id=pl.id)
        numbering = number_sessions(appts)
        data = _plan_summary(pl) | {
            "patient": pl.patient.name, "practitioner": pl.practitioner.name, "location": pl.location.name,
            "sessions": [appointment_json(a, numbering) for a in appts],
        }
    _out.emit(data, lambda: (
        f"plan {data['id']}: {data['template'] or data['modality']} for {data['patient']} with {data['practitioner']} at {data['location']} ({data['status']})\n"
        f"  regions: {', '.join(data['regions']) or '-'}; acknowledged flags: {', '.join(data['acknowledged_flags']) or '-'}\n"
        + _session_table(data["sessions"])))


def cmd_plan_cancel(args: argparse.Namespace) -> None:
    from planner.services.booking import cancel_rest

    res = cancel_rest(_store(args), args.id)
    _out.emit({"cancelled": res.cancelled}, f"plan {args.id} cancelled; {len(res.cancelled)} future session(s) cancelled")


def cmd_plan_progress(args: argparse.Namespace) -> None:
    from planner.services.progress import plan_progress, progress_text

    p = plan_progress(_store(args), args.id)
    _out.emit(p.to_json(), lambda: progress_text(p))


def cmd_plan_baseline(args: argparse.Namespace) -> None:
    from planner.core.outcomes import parse_measure_scores
    from planner.core.regions import parse_scored_regions
    from planner.services.booking import record_baseline

    scores = parse_measure_scores(args.scores) if args.scores else None
    a = record_baseline(_store(args), args.id, parse_scored_regions(args.regions), scores=scores)
    _out.emit(a, f"baseline of plan {args.id} recorded at its assessment (session {a['id']})")


def cmd_plan_card(args: argparse.Namespace) -> None:
    from planner.services.plan_card import card_json, plan_card

    card = plan_card(_store(args), args.id)
    try:  # Qt only here: the card is painted by Qt's PDF writer
        from planner.ui.plan_card import parse_paper, write_card_pdf
    except ImportError as exc:
        raise BadInput(f"printing the card needs PySide6 ({exc}); install planner again with 'pip install -e .'") from None
    path = write_card_pdf(card, Path(args.out), page_size=parse_paper(args.paper))
    _out.emit(card_json(card) | {"file": str(path)},
              f"plan card for plan {args.id} written to {path} ({len(card.sessions)} sessions, one page)")


def _session_table(rows: Sequence[dict[str, Any]], names: dict[str, dict[int, str]] | None = None) -> str:
    if not rows:
        return "  no sessions"
    out = [f"{'id':>7}  {'local start':<22} {'session':<18} {'status':<10} {'min':>4}  {'patient':<22} practitioner"]
    for a in rows:
        when = datetime.fromisoformat(a["local_start"]).strftime("%a %d %b %Y %H:%M")
        n = f"{a['kind']} {a['number']}/{a['of']}" if a["number"] else a["kind"]
        who = (names or {}).get("patient", {}).get(a["patient_id"], f"#{a['patient_id']}")
        prac = (names or {}).get("practitioner", {}).get(a["practitioner_id"], f"#{a['practitioner_id']}")
        out.append(f"{a['id']:>7}  {when:<22} {n:<18} {a['status']:<10} {a['duration_min']:>4}  {who[:22]:<22} {prac}")
    return "\n".join(out)


def cmd_appointment_list(args: argparse.Namespace) -> None:
    from sqlalchemy import select

    from planner.db.models import Appointment, Patient, Practitioner
    from planner.services.booking import appointment_json, list_appointments, number_sessions

    first = _date(args.date_from, "--from date")
    last = _date(args.date_to, "--to date")
    if first is None and last is None and args.patient is None and args.plan is None:
        today = date.today()
        first = today - timedelta(days=today.weekday())
        last = first + timedelta(days=6)
    if first and last and last < first:
        raise BadInput("--to is before --from")
    margin = timedelta(hours=15)  # wider than any UTC offset; refined on local time below
    lo = datetime.combine(first, datetime.min.time()) - margin if first else None
    hi = datetime.combine(last + timedelta(days=1), datetime.min.time()) + margin if last else None
    with _store(args).read() as s:
        appts = [
            a for a in list_appointments(
                s, start=lo, end=hi, patient_id=args.patient, practitioner_id=args.practitioner,
                location_id=args.location, plan_id=args.plan, include_cancelled=not args.active)
            if (first is None or a.start_local.date() >= first) and (last is None or a.start_local.date() <= last)
        ]
        plan_ids = {a.plan_id for a in appts}
        siblings = list(s.scalars(select(Appointment).where(Appointment.plan_id.in_(plan_ids)))) if plan_ids else []
        numbering = number_sessions(siblings)
        names = {
            "patient": dict(s.execute(select(Patient.id, Patient.name).where(Patient.id.in_({a.patient_id for a in appts}))).all()),
            "practitioner": dict(s.execute(select(Practitioner.id, Practitioner.name)).all()),
        }
        data = [appointment_json(a, numbering) for a in appts]
    span = f"{first or '…'} to {last or '…'}"
    _out.emit(data, lambda: f"{len(data)} session(s), {span}\n" + _session_table(data, names))


def cmd_appointment_move(args: argparse.Namespace) -> None:
    from planner.services.booking import move

    res = move(_store(args), args.id, args.to, following=args.following,
               practitioner_id=args.practitioner, room_id=args.room)
    _out.emit({"moved": res.moved}, lambda: f"moved {len(res.moved)} session(s)\n" + _session_table(res.moved))


def cmd_appointment_cancel(args: argparse.Namespace) -> None:
    from planner.services.booking import cancel

    res = cancel(_store(args), args.id, extend=args.extend, reason=args.reason)
    def text() -> str:
        t = f"session {args.id} cancelled"
        if res.added:
            t += f"; added session {res.added['id']} on {res.added['local_start'].replace('T', ' ')} to keep the plan's count"
        if res.shifted:
            t += f"; {len(res.shifted)} later session(s) moved with it"
        return t
    _out.emit({"cancelled": res.cancelled, "added": res.added, "shifted": res.shifted}, text)


def cmd_appointment_attend(args: argparse.Namespace) -> None:
    from planner.core.outcomes import parse_measure_scores
    from planner.core.regions import parse_scored_regions
    from planner.services.booking import attend

    regions = parse_scored_regions(args.regions) if args.regions else []
    scores = parse_measure_scores(args.scores) if args.scores else None
    a = attend(_store(args), args.id, regions, notes=args.notes, scores=scores)
    _out.emit(a, f"session {a['id']} attended" + (f"; regions {args.regions}" if regions else ""))


def cmd_appointment_no_show(args: argparse.Namespace) -> None:
    from planner.services.booking import no_show

    a = no_show(_store(args), args.id)
    _out.emit(a, f"session {a['id']} marked as a no-show")


def cmd_closure_add(args: argparse.Namespace) -> None:
    from planner.services.booking import appointment_json
    from planner.services.clinic import add_closure

    first = _date(args.date_from, "--from date")
    assert first is not None
    res = add_closure(_store(args), args.location, first, _date(args.date_to, "--to date"), args.reason)
    hits = [appointment_json(a) for a in res.hits]
    _out.emit({"closure_id": res.closure.id, "hits": hits}, lambda: (
        f"closure {res.closure.id} added; {len(hits)} booked session(s) fall on it"
        + ("; move or cancel them:\n" + _session_table(hits) if hits else "")))


def cmd_demo(args: argparse.Namespace) -> None:
    from sqlalchemy import func, select

    from planner.db.models import Location
    from planner.services.demo import build_demo

    store = _store(args, create=True)
    if args.if_empty:
        with store.read() as s:
            if s.scalar(select(func.count()).select_from(Location)):
                _out.emit({"skipped": True}, f"{store.display} has data already; demo not added")
                return
    if args.appointments is not None and not 0 < args.appointments <= 1_000_000:
        raise BadInput("--appointments must be between 1 and 1,000,000")
    def progress(done: int, total: int) -> None:
        if not _out.as_json and sys.stderr.isatty():
            print(f"\r  {done:,} of {total:,} sessions", end="", file=sys.stderr, flush=True)
    summary = build_demo(store, locations=args.locations, practitioners=args.practitioners,
                         patients=args.patients, appointments=args.appointments, seed=args.seed,
                         progress=progress)
    if not _out.as_json and sys.stderr.isatty():
        print(file=sys.stderr)
    data = summary.to_json() if hasattr(summary, "to_json") else vars(summary)
    _out.emit(data, lambda: (
        f"demo clinic ready in {store.display} ({data['seconds']:.1f} s): "
        f"{data['locations']} locations, {data['practitioners']} practitioners, "
        f"{data['patients']:,} patients, {data['plans']:,} plans, "
        f"{data['appointments']:,} sessions from {data['first_day']} to {data['last_day']}"
    ))


def cmd_gui(args: argparse.Namespace) -> None:
    argv = ["--db", args.db] if getattr(args, "db", None) else []
    if getattr(args, "demo_if_empty", False):
        argv.append("--demo-if-empty")
    rc = _gui(argv)
    if rc:
        raise SystemExit(rc)


def _gui(argv: list[str]) -> int:
    """Open the window (``planner``, ``planner gui``): the exit code of its event loop."""
    try:
        from planner.ui.app import main as gui_main
    except ImportError as exc:
        print(
            f"planner: the window needs PySide6 ({exc}); install planner again with "
            "'pip install -e .', or use the command line: planner --help",
            file=sys.stderr,
        )
        return BadInput.exit_code
    return gui_main(argv)


# -- entry point --------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    global _out
    argv = list(sys.argv[1:] if argv is None else argv)
    if (not argv or argv[0] == "gui") and not {"-h", "--help"} & set(argv):
        # The window's own short parser: building every subcommand's parser first would add
        # about 10 ms to the window's start-up for nothing.
        return _gui(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    _out = Output(bool(getattr(args, "json", False)))
    func = getattr(args, "func", None)
    if func is None:
        if getattr(args, "command", None) is not None:
            parser.print_help()
            return 2
        func = cmd_gui  # 'planner' alone opens the window
    try:
        func(args)
    except PlannerError as exc:
        if _out.as_json:
            print(json.dumps(exc.to_json(), indent=2, default=str, ensure_ascii=False))
        print(f"planner: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("planner: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if os.environ.get("PLANNER_DEBUG"):
            raise
        print(f"planner: unexpected error: {type(exc).__name__}: {exc}. Nothing was changed. "
              "Run again with PLANNER_DEBUG=1 for details and report it.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
