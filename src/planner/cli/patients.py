"""``planner patient add|edit|list|show``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.cli.parsing import Commands, SubParsers, whole_number
from planner.cli.tables import session_table

if TYPE_CHECKING:
    import argparse
    from datetime import date

    from planner.cli.context import Context

_FLAG_HELP = (
    "screening flag: bleeding-disorder, anticoagulants, metal-allergy, seizures, pregnancy, "
    "needle-fear, lymphoedema; with the regions it is about after a colon: "
    "lymphoedema:arm-left"
)
_DOB_HELP = "date of birth as written: 13.05.1973, 13.5.1973, 1973-05-13, 13051973 or 130573"


def add_patient(commands: Commands, sub: SubParsers) -> None:
    pa = commands.group(sub, "patient", "patients")
    sp = commands.command(pa, "add", cmd_patient_add, "add a patient")
    sp.add_argument("--name", required=True)
    sp.add_argument("--phone", default="")
    sp.add_argument("--email", default="")
    sp.add_argument("--dob", help=_DOB_HELP)
    sp.add_argument("--chart", help="chart number")
    sp.add_argument(
        "--language",
        help="language of the patient's documents: en or nb (default: the clinic's language)",
    )
    sp.add_argument("--flag", action="append", default=[], help=_FLAG_HELP + " (repeat)")
    sp.add_argument("--notes", default="")
    sp.add_argument(
        "--allow-duplicate",
        action="store_true",
        help="add the patient even if one of the same name and date of birth, or the same "
        "phone number, is registered (otherwise refused, exit 3)",
    )
    sp = commands.command(
        pa,
        "edit",
        cmd_patient_edit,
        "change a patient's details; only the options given change (an empty value clears "
        "the date of birth, phone, e-mail, chart number or notes)",
    )
    sp.add_argument("id", type=whole_number)
    sp.add_argument("--name")
    sp.add_argument("--dob", help=_DOB_HELP)
    sp.add_argument("--phone")
    sp.add_argument("--email")
    sp.add_argument("--chart", help="chart number")
    sp.add_argument("--language", help="en or nb")
    sp.add_argument("--notes")
    sp.add_argument(
        "--add-flag",
        action="append",
        default=[],
        metavar="F[:REGIONS]",
        help=_FLAG_HELP + "; regions add to a flag the patient has (repeat)",
    )
    sp.add_argument(
        "--remove-flag", action="append", default=[], metavar="F", help="take a flag away"
    )
    sp.add_argument(
        "--email-consent",
        choices=("yes", "no"),
        help="whether the patient agreed to get their appointments by e-mail (yes needs an "
        "e-mail address)",
    )
    sp = commands.command(
        pa, "list", cmd_patient_list, "find patients by name, phone, chart number or birth date"
    )
    sp.add_argument("search", nargs="?", default="")
    sp.add_argument("--limit", type=whole_number, default=50)
    sp = commands.command(pa, "show", cmd_patient_show, "show a patient with plans and sessions")
    sp.add_argument("id", type=whole_number)


def _dob(text: str | None) -> date | None:
    from planner.core.patient_input import parse_date_of_birth

    return parse_date_of_birth(text) if text else None


def cmd_patient_add(ctx: Context, args: argparse.Namespace) -> None:
    from planner.core.patient_input import parse_language
    from planner.errors import Refused
    from planner.services.clinic import add_patient, flag_spec, merge_flag_specs, patient_name
    from planner.services.patient_records import find_duplicates

    store = ctx.store()
    born = _dob(args.dob)
    name = patient_name(args.name)
    if args.language is not None:
        parse_language(args.language)
    merge_flag_specs(args.flag)  # bad input first (exit 2), before the duplicate question
    if not args.allow_duplicate:
        dups = find_duplicates(store, name, born, args.phone)
        if dups:
            d = dups[0]
            raise Refused(
                f"a patient with this {d.reason} exists: {d.describe()} (patient {d.id}); "
                "add --allow-duplicate to register another",
                details={"duplicates": [{"id": x.id, "name": x.name} for x in dups]},
            )
    p = add_patient(
        store,
        name,
        phone=args.phone,
        email=args.email,
        date_of_birth=born,
        chart_number=args.chart,
        flags=args.flag,
        notes=args.notes,
        language=args.language,
    )
    flags = [flag_spec(f.flag, f.regions) for f in p.flags]
    ctx.emit(
        {"id": p.id, "name": p.name, "language": p.language, "flags": flags},
        f"patient {p.id}: {p.name}",
    )


def cmd_patient_edit(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.listings import record_json
    from planner.services.patient_records import edit_patient

    changes: dict[str, Any] = {}
    for option, field in (
        ("name", "name"),
        ("phone", "phone"),
        ("email", "email"),
        ("chart", "chart_number"),
        ("language", "language"),
        ("notes", "notes"),
    ):
        value = getattr(args, option)
        if value is not None:
            changes[field] = value
    if args.dob is not None:
        changes["date_of_birth"] = _dob(args.dob)
    if args.email_consent is not None:
        changes["email_consent"] = args.email_consent == "yes"
    if not changes and not args.add_flag and not args.remove_flag:
        from planner.errors import BadInput

        raise BadInput(
            "nothing to change; give --name, --dob, --phone, ..., --email-consent or --add-flag"
        )
    edit = edit_patient(
        ctx.store(),
        args.id,
        add_flags=args.add_flag,
        remove_flags=args.remove_flag,
        **changes,
    )
    after = edit.after
    what = "changed" if edit.changed else "unchanged (the values were the same)"
    ctx.emit(record_json(after), f"patient {after.id}: {after.name} {what}")


def cmd_patient_list(ctx: Context, args: argparse.Namespace) -> None:
    from datetime import date

    from planner.core.patient_input import dob_text
    from planner.services.listings import patients

    data = patients(ctx.store(), args.search, args.limit)

    def born(d: dict[str, Any]) -> str:
        iso = d["date_of_birth"]
        return dob_text(date.fromisoformat(iso)) if iso else "-"

    def text() -> str:
        return "\n".join(
            f"{d['id']:>6}  {d['name']:<28} {born(d):<10}  {d['phone']:<16} "
            f"{', '.join(d['flags'])}".rstrip()
            for d in data
        )

    ctx.emit(data, lambda: text() or "no patients found")


def cmd_patient_show(ctx: Context, args: argparse.Namespace) -> None:
    from datetime import date

    from planner.core.patient_input import LANGUAGES, dob_text
    from planner.services.listings import patient_with_plans

    data = patient_with_plans(ctx.store(), args.id)

    def text() -> str:
        dob = data["date_of_birth"]
        lines = [
            f"{data['name']} (patient {data['id']})",
            f"  phone {data['phone'] or '-'}  email {data['email'] or '-'}  "
            f"born {dob_text(date.fromisoformat(dob)) if dob else '-'}  "
            f"documents in {LANGUAGES.get(data['language'], data['language'])}",
        ]
        if data["email"]:
            agreed = "agreed" if data["email_consent"] else "not agreed"
            lines.append(f"  appointments by e-mail: {agreed}")
        if data["chart_number"]:
            lines.append(f"  chart {data['chart_number']}")
        if data["flags"]:
            lines.append("  screening flags: " + ", ".join(data["flags"]))
        for pl in data["plans"]:
            lines.append(
                f"  plan {pl['id']}: {pl['template'] or pl['modality']} from {pl['start_local']} "
                f"({pl['status']}), regions {', '.join(pl['regions']) or '-'}"
            )
        lines.append(session_table(data["sessions"]))
        return "\n".join(lines)

    ctx.emit(data, text)
