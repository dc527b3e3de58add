"""A practitioner's own calendar on a CalDAV server (RFC 4791), kept in step with planner.

The calendar holds one resource per session, ``<uid>.ics`` (the session's UID, URL-quoted):
a whole VCALENDAR with the VTIMEZONE it needs and one VEVENT, no METHOD (RFC 4791 section
4.1), written in the practitioner profile with the patient named by initials and marked
``CLASS:CONFIDENTIAL``. The desired set is the practitioner's live sessions whose local date
lies in the published range (default today and the next 180 days; the clinic setting
``caldav_days`` changes the length).

What planner wrote is remembered per resource: a :class:`~planner.db.models.Recipient`
``caldav:ID`` and a :class:`~planner.db.models.RecipientItem` per resource (its href, the
ETag the server gave it, the digest and SEQUENCE of its event). Each is written in its own
transaction right after the server answered, so a run cut off half-way leaves state that
matches the server for what it did.

Every write carries an ETag precondition (RFC 7232 section 3, RFC 4791 section 5.3.2):
``If-None-Match: *`` to create, ``If-Match`` to update or delete. A 412 on an update or a
delete means someone edited the event on the server since; planner's session is the truth
for its own resources, so the current ETag is fetched and the write repeated with it, and
the overwritten edit is reported (:attr:`PublishReport.edits_replaced`). A 412 on a create
(the resource exists, planner's state was lost, e.g. after a restore) fetches the resource
and updates it if it differs.

``full=True`` (``planner publish``) lists the calendar (PROPFIND depth 1) and reconciles:
adds what is missing, fixes what differs, removes planner's resources (an href ending in
``@planner.ics``: every planner UID ends in ``@planner``) that should not be there, and
touches nothing else (the practitioner's own events stay). ``full=False`` (the outbox, after
each change) compares the desired events with the recorded state only and does not contact
the server at all when nothing changed.

The requests themselves, and the one-line errors, are
:class:`planner.services.caldav_client.CalendarServer`'s.

The password is never stored by planner: ``PLANNER_CALDAV_PASSWORD`` (or
``PLANNER_CALDAV_PASSWORD_<ID>`` for one practitioner), else the system keyring.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from planner.core.timeutil import to_local, utcnow, zone
from planner.db.models import (
    Location,
    Practitioner,
    PractitionerLocation,
    Recipient,
    RecipientItem,
)
from planner.db.store import Store
from planner.errors import BadInput, CalDavFailed, NotFound, Refused
from planner.ics import render
from planner.ics.model import CalendarMeta, PatientLabel, Profile, Shape
from planner.services.caldav_address import check_caldav_url
from planner.services.caldav_client import PASSWORD_ENV, CalendarServer, normal, sequence_of
from planner.services.calendar_export import prepare
from planner.services.clinic_settings import read_settings
from planner.services.export_events import Unit, units
from planner.services.export_scope import MAX_RANGE_DAYS, Scope

KEYRING_SERVICE = "planner-caldav"
DEFAULT_DAYS = 180


# -- the password -------------------------------------------------------------------------------


def _keyring_user(url: str, user: str) -> str:
    return f"{user}@{url}"


def caldav_password(practitioner_id: int, url: str, user: str) -> str | None:
    """The CalDAV password: ``PLANNER_CALDAV_PASSWORD_<ID>``, ``PLANNER_CALDAV_PASSWORD``,
    else the system keyring (service ``planner-caldav``, user ``user@url``); None when none
    is set or there is no keyring here."""
    for name in (f"{PASSWORD_ENV}_{practitioner_id}", PASSWORD_ENV):
        value = os.environ.get(name)
        if value:
            return value
    try:
        import keyring
        from keyring.errors import KeyringError

        return keyring.get_password(KEYRING_SERVICE, _keyring_user(url, user))
    except (ImportError, KeyringError, RuntimeError):
        return None


def store_caldav_password(url: str, user: str, password: str) -> None:
    """Keep the password in the system keyring (Refused when there is none)."""
    if not password:
        raise BadInput("the password is empty; nothing was stored")
    no_keyring = Refused("no system keyring here; set PLANNER_CALDAV_PASSWORD instead")
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        raise no_keyring from None
    try:
        keyring.set_password(KEYRING_SERVICE, _keyring_user(url, user), password)
    except (KeyringError, RuntimeError):
        raise no_keyring from None


def calendar_account(
    store: Store, practitioner_id: int, url: str | None = None, user: str | None = None
) -> tuple[str, str]:
    """The calendar address and user name a password is kept for: ``url`` and ``user`` when
    given (checked), else the practitioner's own; Refused when there is no address."""
    with store.read() as s:
        pr = s.get(Practitioner, practitioner_id)
        if pr is None:
            raise NotFound(
                f"no practitioner with id {practitioner_id}; "
                "list them with 'planner practitioner list'"
            )
        clean_url = check_caldav_url(url) if url is not None else pr.caldav_url
        clean_user = " ".join(user.split()) if user is not None else pr.caldav_user
        if not clean_url:
            raise Refused(
                f"{pr.name} has no calendar address yet; give --caldav-url URL with the password"
            )
        return clean_url, clean_user


# -- the report ---------------------------------------------------------------------------------


@dataclass
class PublishReport:
    """What one publish did on the server."""

    practitioner: str
    first: date
    last: date
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    edits_replaced: list[str] = field(default_factory=list)
    """Events someone had edited on the server that planner wrote over (local times)."""
    contacted: bool = True
    """False when ``full=False`` found nothing to do and the server was not asked."""

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def __str__(self) -> str:
        return self.text()

    def summary(self) -> str:
        """The one-line text (:meth:`text`)."""
        return self.text()

    def text(self) -> str:
        """``published Dr. X's calendar: 3 added, 1 updated, 1 removed, 40 unchanged`` and
        the events edited on the server that were set back."""
        text = (
            f"published {self.practitioner}'s calendar: {self.added} added, "
            f"{self.updated} updated, {self.removed} removed, {self.unchanged} unchanged"
        )
        if self.edits_replaced:
            n = len(self.edits_replaced)
            text += (
                f"; {n} event{'s' if n != 1 else ''} edited on the server "
                f"{'were' if n != 1 else 'was'} set back to planner's: "
                + "; ".join(self.edits_replaced)
            )
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "practitioner": self.practitioner,
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "edits_replaced": list(self.edits_replaced),
            "contacted": self.contacted,
        }


# -- what planner wants there and what it recorded ------------------------------------------


@dataclass(frozen=True)
class _Desired:
    """A resource planner wants on the server: one session's event."""

    unit: Unit
    meta: CalendarMeta

    def body(self, sequence: int) -> bytes:
        """The whole resource: VCALENDAR, its VTIMEZONE, the event with ``sequence``."""
        u = self.unit
        assert u.start_local is not None
        y = u.start_local.year
        one = replace(self.meta, tzids=(u.tz,), years=(y, y), method=None)
        data = render.resequence(u.data, u.sequence, sequence)
        return render.header(one) + data + render.footer()


@dataclass
class _Item:
    """A RecipientItem as plain data (read in one session, used after it closed)."""

    uid: str
    href: str
    etag: str
    digest: str
    sequence: int
    start_local: datetime
    summary: str


@dataclass
class _Plan:
    practitioner_id: int
    recipient_id: int
    name: str
    url: str
    user: str
    first: date
    last: date
    desired: dict[str, _Desired]
    items: dict[str, _Item]


def _href(url: str, uid: str) -> str:
    return url + quote(uid, safe="@") + ".ics"


def _name_of(href: str) -> str:
    """The last path segment of an href, unquoted (``abc@planner.ics``)."""
    return unquote(urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1])


def _when(start_local: datetime, summary: str) -> str:
    return f"{start_local:%a %d %b %Y %H:%M} {summary}".strip()


def _today(s: Any, practitioner_id: int, now: datetime) -> date:
    """Today where the practitioner works (the zone of most of their locations)."""
    zones = Counter(
        s.scalars(
            select(Location.tz)
            .join(PractitionerLocation, PractitionerLocation.location_id == Location.id)
            .where(PractitionerLocation.practitioner_id == practitioner_id)
        )
    )
    if not zones:
        return now.date()
    return to_local(now, zone(zones.most_common(1)[0][0])).date()


def _days(settings: dict[str, str]) -> int:
    text = settings.get("caldav_days", "").strip()
    if text.isdigit() and 1 <= int(text) <= MAX_RANGE_DAYS:
        return int(text)
    return DEFAULT_DAYS


def _plan(
    store: Store, practitioner_id: int, first: date | None, last: date | None, now: datetime
) -> _Plan:
    with store.read() as s:
        pr = s.get(Practitioner, practitioner_id)
        if pr is None:
            raise NotFound(
                f"no practitioner with id {practitioner_id}; "
                "list them with 'planner practitioner list'"
            )
        if not pr.caldav_url:
            raise Refused(
                f"{pr.name} has no calendar to publish to; set one with 'planner practitioner "
                f"edit {pr.id} --caldav-url URL --caldav-user USER'"
            )
        if first is None:
            first = _today(s, practitioner_id, now)
        if last is None:
            last = first + timedelta(days=_days(read_settings(s)) - 1)
        if last < first:
            raise BadInput("the range ends before it starts; give --from before --to")
        if (last - first).days > MAX_RANGE_DAYS:
            raise BadInput("publish at most five years at once; give a shorter --from/--to range")
        rec = s.scalar(select(Recipient).where(Recipient.key == f"caldav:{practitioner_id}"))
        items: dict[str, _Item] = {}
        sent: set[int] = set()
        if rec is not None:
            for it in s.scalars(select(RecipientItem).where(RecipientItem.recipient_id == rec.id)):
                items[it.uid] = _Item(
                    it.uid, it.href, it.etag, it.digest, it.sequence, it.start_local, it.summary
                )
                sent.update(int(i) for i in it.appointment_ids)
        scope = Scope.practitioner(practitioner_id, first, last)
        p = prepare(
            s,
            scope,
            Profile.PRACTITIONER,
            now=now,
            alarms=(),
            patient_label=PatientLabel.INITIALS,
            sent=sent,
            key=f"caldav:{practitioner_id}",
        )
        desired: dict[str, _Desired] = {}
        for u in units(p.world, scope, p.builder, Shape.SESSIONS, p.meta):
            if u.cancelled or u.start_local is None:
                continue
            desired[u.uid] = _Desired(u, p.meta)
        return _Plan(
            practitioner_id,
            rec.id if rec is not None else 0,
            pr.name,
            pr.caldav_url,
            pr.caldav_user,
            first,
            last,
            desired,
            items,
        )


def _recipient(store: Store, practitioner_id: int, now: datetime) -> int:
    key = f"caldav:{practitioner_id}"
    try:
        return _new_recipient(store, practitioner_id, key, now)
    except IntegrityError:  # another desk made it at the same moment: theirs is the one
        with store.read() as s:
            rec = s.scalar(select(Recipient).where(Recipient.key == key))
            if rec is None:
                raise
            return rec.id


def _new_recipient(store: Store, practitioner_id: int, key: str, now: datetime) -> int:
    with store.write("publish calendar") as s:
        rec = s.scalar(select(Recipient).where(Recipient.key == key))
        if rec is None:
            rec = Recipient(
                key=key,
                kind="caldav",
                practitioner_id=practitioner_id,
                name="",
                shape=Shape.SESSIONS.value,
                profile=Profile.PRACTITIONER.value,
                created_at=now,
            )
            s.add(rec)
            s.flush()
        return rec.id


def _record(
    store: Store, recipient_id: int, d: _Desired, sequence: int, href: str, etag: str, now: datetime
) -> None:
    u = d.unit
    assert u.start_local is not None
    with store.write("publish calendar") as s:
        _lock(s, recipient_id)
        row = s.get(RecipientItem, (recipient_id, u.uid))
        if row is None:
            row = RecipientItem(recipient_id=recipient_id, uid=u.uid)
            s.add(row)
        row.plan_id = u.plan_id
        row.appointment_ids = list(u.ids)
        row.sequence = sequence
        row.digest = u.digest
        row.live = True
        row.start_local = u.start_local
        row.tz = u.tz
        row.duration_min = u.duration_min
        row.summary = u.summary[:400]
        row.href = href[:400]
        row.etag = etag[:200]
        row.sent_at = now


def _lock(s: Any, recipient_id: int) -> None:
    """Two desks publishing one calendar at once record its resources one after the other
    (PostgreSQL; SQLite's write lock does that already)."""
    s.execute(select(Recipient.id).where(Recipient.id == recipient_id).with_for_update())


def _forget(store: Store, recipient_id: int, uid: str) -> None:
    with store.write("publish calendar") as s:
        _lock(s, recipient_id)
        s.execute(
            delete(RecipientItem).where(
                RecipientItem.recipient_id == recipient_id, RecipientItem.uid == uid
            )
        )


def _delivered(store: Store, recipient_id: int, now: datetime) -> None:
    with store.write("publish calendar") as s:
        rec = s.get(Recipient, recipient_id)
        if rec is not None:
            rec.last_delivered_at = now


# -- publishing ---------------------------------------------------------------------------------


class _Run:
    def __init__(self, store: Store, plan: _Plan, server: CalendarServer, now: datetime) -> None:
        self.store = store
        self.plan = plan
        self.server = server
        self.now = now
        self.report = PublishReport(plan.name, plan.first, plan.last)

    def recipient_id(self) -> int:
        if not self.plan.recipient_id:  # made with the first resource it records
            self.plan.recipient_id = _recipient(self.store, self.plan.practitioner_id, self.now)
        return self.plan.recipient_id

    def record(self, d: _Desired, sequence: int, href: str, etag: str) -> None:
        _record(self.store, self.recipient_id(), d, sequence, href, etag, self.now)

    def forget(self, uid: str) -> None:
        if self.plan.recipient_id:
            _forget(self.store, self.plan.recipient_id, uid)

    def replaced(self, what: _Desired | _Item) -> None:
        if isinstance(what, _Desired):
            assert what.unit.start_local is not None
            text = _when(what.unit.start_local, what.unit.summary)
        else:
            text = _when(what.start_local, what.summary)
        if text not in self.report.edits_replaced:
            self.report.edits_replaced.append(text)

    def _raced(self) -> CalDavFailed:
        return CalDavFailed(
            f"an event in {self.plan.name}'s calendar on {self.server.host} was changed again "
            "while planner wrote it; nothing more was changed there, try again",
            permanent=False,
        )

    # -- one resource

    def create(self, d: _Desired, item: _Item | None = None) -> None:
        """``If-None-Match: *``; a 412 (it exists: planner's state of it was lost, e.g.
        after a restore) reads it and sets it to planner's if it differs."""
        href = _href(self.plan.url, d.unit.uid)
        seq = _next_sequence(d, item)
        status, etag = self.server.put(href, d.body(seq), {"If-None-Match": "*"})
        if status != 412:
            self.record(d, seq, href, etag)
            self.report.added += 1
            return
        got = self.server.get(href)
        if got is None:
            raise self._raced()  # it existed a moment ago
        self.fix(d, item, href, *got)

    def fix(self, d: _Desired, item: _Item | None, href: str, data: str, etag: str) -> None:
        """The resource is on the server as ``data`` (ETag ``etag``): keep it when it says
        what planner's session says, else write planner's over it with ``If-Match``."""
        server_seq = sequence_of(data)
        seq = _next_sequence(d, item, server_seq)
        if normal(data) == normal(d.body(seq)):
            self.record(d, max(seq, server_seq), href, etag or self.server.etag_of(href) or "")
            self.report.unchanged += 1
            return
        if item is not None and etag != item.etag:
            self.replaced(d)  # someone changed it on the server since planner wrote it
        self.overwrite(d, seq, href, etag)
        self.report.updated += 1

    def overwrite(self, d: _Desired, seq: int, href: str, etag: str) -> None:
        status, new_etag = self.server.put(href, d.body(seq), {"If-Match": etag})
        if status == 412:  # changed once more in between: its ETag again, once
            now_etag = self.server.etag_of(href)
            precondition = {"If-Match": now_etag} if now_etag else {"If-None-Match": "*"}
            status, new_etag = self.server.put(href, d.body(seq), precondition)
            if status == 412:
                raise self._raced()
        self.record(d, seq, href, new_etag)

    def update(self, d: _Desired, item: _Item) -> None:
        """``If-Match`` the recorded ETag; a 412 means someone edited the event on the
        server: planner's session is the truth, so it is written again over the edit."""
        seq = _next_sequence(d, item)
        status, etag = self.server.put(item.href, d.body(seq), {"If-Match": item.etag})
        if status != 412:
            self.record(d, seq, item.href, etag)
            self.report.updated += 1
            return
        got = self.server.get(item.href)
        if got is None:  # deleted on the server; the session is still planner's
            self.create(d, item)
            return
        data, now_etag = got
        self.replaced(d)
        server_seq = sequence_of(data)
        self.overwrite(d, max(seq, server_seq), item.href, now_etag)
        self.report.updated += 1

    def remove(self, item: _Item, href: str, etag: str) -> None:
        """``If-Match``; a 412 (edited on the server) deletes it with its new ETag."""
        status = self.server.delete(href, etag)
        if status == 412:
            now_etag = self.server.etag_of(href)
            if now_etag is not None:
                self.replaced(item)
                status = self.server.delete(href, now_etag)
                if status == 412:
                    raise self._raced()
        self.forget(item.uid)
        if status != 404:
            self.report.removed += 1

    # -- the two kinds of run

    def incremental(self) -> None:
        plan = self.plan
        for uid, item in plan.items.items():
            if uid not in plan.desired:
                self.remove(item, item.href, item.etag)
        for uid, d in plan.desired.items():
            sent = plan.items.get(uid)
            if sent is None:
                self.create(d)
            elif sent.digest != d.unit.digest:
                self.update(d, sent)
            else:
                self.report.unchanged += 1

    def full(self) -> None:
        plan = self.plan
        listed = {_name_of(href): (href, etag) for href, etag in self.server.listing()}
        wanted = {f"{uid}.ics": uid for uid in plan.desired}
        recorded = {_name_of(it.href): it for it in plan.items.values()}
        for name, (href, etag) in listed.items():
            if name in wanted:
                continue
            item = recorded.get(name)
            if item is not None:
                self.remove(item, href, item.etag or etag)
            elif name.endswith("@planner.ics"):  # planner's, state lost: still not wanted
                self.remove(
                    _Item(name[: -len(".ics")], href, etag, "", 0, datetime.min, ""), href, etag
                )
            # anything else is not planner's (the practitioner's own events): never touched
        for uid, item in plan.items.items():
            if uid not in plan.desired and _name_of(item.href) not in listed:
                self.forget(uid)  # gone from the server already
        for name, uid in wanted.items():
            d = plan.desired[uid]
            item = plan.items.get(uid)
            if name not in listed:
                if item is not None:  # deleted on the server; planner's session is still there
                    self.replaced(d)
                self.create(d, item)
                continue
            href, etag = listed[name]
            if item is not None and etag and item.etag == etag:
                if item.digest == d.unit.digest:
                    self.report.unchanged += 1
                else:
                    self.update(d, item)
                continue
            # Planner has no state of it, or it was changed on the server: compare the data.
            got = self.server.get(href)
            if got is None:
                self.create(d, item)
                continue
            data, now_etag = got
            self.fix(d, item, _href(plan.url, uid), data, now_etag or etag)


def _next_sequence(d: _Desired, item: _Item | None, server_seq: int = 0) -> int:
    """SEQUENCE: the session's own; raised past what was sent when the event differs
    (``max(unit, sent + 1)``), and never below a copy on the server."""
    seq = d.unit.sequence
    if item is not None:
        seq = item.sequence if item.digest == d.unit.digest else max(seq, item.sequence + 1)
    return max(seq, server_seq)


def publish(
    store: Store,
    practitioner_id: int,
    first: date | None = None,
    last: date | None = None,
    *,
    now: datetime | None = None,
    full: bool = True,
) -> PublishReport:
    """Bring the practitioner's CalDAV calendar in step with their sessions in
    ``[first, last]`` (local dates; default today and ``caldav_days`` or 180 days on).

    ``full=True`` lists the calendar and reconciles it; ``full=False`` (the outbox) sends
    only what differs from what planner recorded, and does not contact the server when
    nothing does. Raises :class:`~planner.errors.CalDavFailed` (``permanent`` says whether a
    retry can help) when the server is down, refuses the password, or the URL is not a
    calendar; what was done before that is recorded.
    """
    now = now or utcnow()
    plan = _plan(store, practitioner_id, first, last, now)
    # Resources recorded under another address: the practitioner moved to a new calendar;
    # the old one is left as it is, and its state is dropped once the new one answered.
    stale = [uid for uid, it in plan.items.items() if not it.href.startswith(plan.url)]
    for uid in stale:
        del plan.items[uid]
    if not full and not stale and not _pending(plan):
        report = PublishReport(plan.name, plan.first, plan.last, unchanged=len(plan.desired))
        report.contacted = False
        return report
    password = caldav_password(practitioner_id, plan.url, plan.user)
    server = CalendarServer(plan.url, plan.user, password, plan.name)
    try:
        run = _Run(store, plan, server, now)
        if full:
            run.full()
        else:
            run.incremental()
        for uid in stale:
            run.forget(uid)
        _delivered(store, run.recipient_id(), now)
        return run.report
    finally:
        server.close()


def _pending(plan: _Plan) -> bool:
    """Whether an incremental run has anything to send."""
    if set(plan.items) - set(plan.desired):
        return True
    return any(
        uid not in plan.items or plan.items[uid].digest != d.unit.digest
        for uid, d in plan.desired.items()
    )
