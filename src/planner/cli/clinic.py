"""``planner clinic set|show``: the clinic's own name, phone, e-mail and address, and its whole
set-up at a glance."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.cli.parsing import Commands, SubParsers

if TYPE_CHECKING:
    import argparse

    from planner.cli.context import Context
    from planner.services.clinic_setup import SetupOverview


def add_clinic(commands: Commands, sub: SubParsers) -> None:
    cl = commands.group(sub, "clinic", "the clinic's own details and its set-up")
    sp = commands.command(
        cl,
        "set",
        cmd_clinic_set,
        "set the clinic's name, phone, e-mail or address (an empty value clears one)",
    )
    sp.add_argument("--name", help="the name patients see on their calendars and plan cards")
    sp.add_argument("--phone", help="the number patients call when a location has none")
    sp.add_argument("--email", help="the clinic's e-mail address (organiser of cancellations)")
    sp.add_argument("--address", help="the clinic's postal address")
    sp.add_argument(
        "--language",
        help="en or nb: the language new patients' documents start in and practitioners' "
        "calendars are written in",
    )
    commands.command(
        cl,
        "show",
        cmd_clinic_show,
        "show the clinic's details, locations and rooms, practitioners and closures",
    )


def _details_text(d: dict[str, str]) -> str:
    lines = [d["name"] or "(the clinic has no name yet: planner clinic set --name ...)"]
    fields = (("phone", "phone"), ("e-mail", "email"), ("address", "address"))
    for label, key in (*fields, ("language", "language")):
        lines.append(f"  {label:<8} {d[key] or '-'}")
    return "\n".join(lines)


def cmd_clinic_set(ctx: Context, args: argparse.Namespace) -> None:
    from planner.errors import BadInput
    from planner.services.clinic_settings import set_clinic_details

    given = {k: getattr(args, k) for k in ("name", "phone", "email", "address", "language")}
    if all(v is None for v in given.values()):
        raise BadInput("nothing to set; give --name, --phone, --email, --address or --language")
    details = set_clinic_details(ctx.store(), **given)
    data = details.to_json()
    ctx.emit(data, lambda: _details_text(data))


def overview_text(ov: SetupOverview) -> str:
    """The set-up as ``planner clinic show`` prints it."""
    out = [_details_text(ov.clinic.to_json()), "", "Locations:"]
    for loc in ov.locations:
        holidays = "/".join(x for x in (loc.country, loc.subdivision) if x) or "no holidays"
        rooms = ", ".join(r.name for r in loc.rooms) or "no rooms"
        out.append(f"  {loc.id:>3}  {loc.name:<22} {loc.tz:<18} {holidays:<10} {loc.hours}")
        out.append(f"       rooms: {rooms}")
    if not ov.locations:
        out.append("  none yet: planner location add --name ... --tz Europe/Oslo")
    out += ["", "Practitioners:"]
    for p in ov.practitioners:
        needles = "needles" if p.may_needle else ""
        out.append(f"  {p.id:>3}  {p.name:<26} {p.profession:<18} {needles}".rstrip())
        out += [f"       {w.location_name}: {w.hours}" for w in p.workplaces]
    if not ov.practitioners:
        out.append("  none yet: planner practitioner add --name ... --location ID")
    out += ["", "Closures:"]
    for c in ov.closures:
        booked = f"{c.hits} booked session{'s' if c.hits != 1 else ''} on it" if c.hits else ""
        reason = c.reason or "closed"
        out.append(
            f"  {c.id:>3}  {c.location_name:<22} {c.days:<34} {reason:<24} {booked}".rstrip()
        )
    if not ov.closures:
        out.append("  none")
    return "\n".join(out)


def cmd_clinic_show(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.clinic_setup import setup_overview

    ov = setup_overview(ctx.store())
    data: dict[str, Any] = ov.to_json()
    ctx.emit(data, lambda: overview_text(ov))
