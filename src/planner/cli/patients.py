"""``planner patient add|list|show``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.cli.parsing import Commands, SubParsers, local_date, whole_number
from planner.cli.tables import session_table

if TYPE_CHECKING:
    import argparse

    from planner.cli.context import Context


def add_patient(commands: Commands, sub: SubParsers) -> None:
    pa = commands.group(sub, "patient", "patients")
    sp = commands.command(pa, "add", cmd_patient_add, "add a patient")
    sp.add_argument("--name", required=True)
    sp.add_argument("--phone", default="")
    sp.add_argument("--email", default="")
    sp.add_argument("--dob", help="date of birth, 1980-04-30")
    sp.add_argument("--chart", help="chart number")
    sp.add_argument(
        "--flag",
        action="append",
        default=[],
        help="screening flag: bleeding-disorder, anticoagulants, metal-allergy, seizures, "
        "pregnancy, needle-fear, lymphoedema; with the regions it is about after a colon: "
        "lymphoedema:arm-left (repeat for several)",
    )
    sp.add_argument("--notes", default="")
    sp = commands.command(
        pa, "list", cmd_patient_list, "find patients by name, phone or chart number"
    )
    sp.add_argument("search", nargs="?", default="")
    sp.add_argument("--limit", type=whole_number, default=50)
    sp = commands.command(pa, "show", cmd_patient_show, "show a patient with plans and sessions")
    sp.add_argument("id", type=whole_number)


def cmd_patient_add(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.clinic import add_patient, flag_spec

    store = ctx.store()
    p = add_patient(
        store,
        args.name,
        phone=args.phone,
        email=args.email,
        date_of_birth=local_date(args.dob, "date of birth"),
        chart_number=args.chart,
        flags=args.flag,
        notes=args.notes,
    )
    flags = [flag_spec(f.flag, f.regions) for f in p.flags]
    ctx.emit({"id": p.id, "name": p.name, "flags": flags}, f"patient {p.id}: {p.name}")


def cmd_patient_list(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.listings import patients

    data = patients(ctx.store(), args.search, args.limit)

    def text() -> str:
        return "\n".join(
            f"{d['id']:>6}  {d['name']:<28} {d['phone']:<16} {', '.join(d['flags'])}" for d in data
        )

    ctx.emit(data, lambda: text() or "no patients found")


def cmd_patient_show(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.listings import patient_with_plans

    data = patient_with_plans(ctx.store(), args.id)

    def text() -> str:
        lines = [
            f"{data['name']} (patient {data['id']})",
            f"  phone {data['phone'] or '-'}  email {data['email'] or '-'}  "
            f"born {data['date_of_birth'] or '-'}",
        ]
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
