"""Automatic backups of a SQLite database: where they go, which are kept, and restoring one.

* **Where.** ``backups/`` beside the database, unless this computer's backup-folder setting
  points elsewhere (another disk, a network share). The setting is a small file of this
  computer's (:func:`setting_file`, beside the desk name), not a clinic setting in the
  database: a folder is a path on one computer, meaningless on another desk, and a setting
  kept inside the database would be lost with the very database the backups are for.
* **Which are kept.** :func:`keep` implements 7 daily, 4 weekly, 12 monthly: the newest backup
  of each of the 7 most recent days that have one, of the 4 most recent ISO weeks and of the 12
  most recent months (UTC); every backup of the last day (the window makes one every few
  hours); the newest good backup always. :func:`prune` removes the rest.
* **When.** :func:`due`: the newest good backup is older than a day (the window checks at
  start-up, and makes one every few hours while it is open).
* **Restoring.** :func:`plan_restore` checks the file and says what would be lost;
  :func:`restore` then keeps the current database aside and puts the backup in its place.

Every function here refuses a PostgreSQL database with
:data:`planner.db.backup.POSTGRES_MESSAGE`: the server's own tools back it up.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy.engine import make_url

from planner.core.timeutil import utcnow
from planner.db.backup import (
    NAME,
    POSTGRES_MESSAGE,
    BackupInfo,
    BackupRefused,
    changes_after,
    make_backup,
    replace_database,
    sqlite_file,
    stamp_of,
    verify,
)
from planner.db.store import Store, resolve_url
from planner.errors import BadInput, Refused

FOLDER_NAME = "backups"
"""The default backup folder, beside the database."""
DAILY, WEEKLY, MONTHLY = 7, 4, 12
"""The rotation: how many days, weeks and months keep their newest backup."""
RECENT = timedelta(days=1)
"""Every backup this close to the newest is kept too (the ones of the last day)."""
DUE_AFTER = timedelta(days=1)
"""A new backup is due when the newest good one is older than this."""
WARN_AFTER = timedelta(days=2)
"""The window warns when the newest good backup is older than this (or there is none)."""


# -- where ---------------------------------------------------------------------------------
def setting_file() -> Path:
    """This computer's backup-folder setting: one line, the folder (absent: the default)."""
    return platformdirs.user_config_path("planner", appauthor=False) / "backup-folder"


def database_file(db: str | None) -> Path:
    """The SQLite file ``--db`` (or ``PLANNER_DB``, or the default) names, without opening it.

    Refused with :data:`POSTGRES_MESSAGE` for a server URL, so no server is needed to hear it.
    """
    url, _default = resolve_url(db)
    try:
        parsed = make_url(url)
    except Exception:
        raise BadInput(f"'{db}' is not a database URL or file path") from None
    if parsed.get_backend_name() != "sqlite":
        raise Refused(POSTGRES_MESSAGE)
    if parsed.database in (None, "", ":memory:"):
        raise BadInput("an in-memory database has no file to back up or restore")
    return Path(parsed.database)


def saved_folder() -> Path | None:
    """This computer's backup folder as set (``backup folder DIR``, Settings); None: the
    default beside each database."""
    try:
        saved = setting_file().read_text(encoding="utf-8").strip()
    except OSError:
        saved = ""
    return Path(saved).expanduser() if saved else None


def default_folder(database: Path) -> Path:
    """``backups/`` beside ``database``: where its backups go unless a folder is set."""
    return database.parent / FOLDER_NAME


def backup_folder(database: Path) -> Path:
    """Where the backups of ``database`` go: this computer's setting, else ``backups/``
    beside it."""
    return saved_folder() or default_folder(database)


def set_backup_folder(folder: Path | None) -> Path | None:
    """Save (or with None, clear) this computer's backup folder; the absolute folder saved.

    The folder must exist or be creatable (made 0700) and writable, checked now rather than
    at the first backup hours later. The setting file is written atomically, 0600.
    """
    from planner.ics.atomic import AtomicFile

    path = setting_file()
    if folder is None:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return None
    folder = folder.expanduser().resolve()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInput(f"cannot use {folder} for backups: {exc.strerror}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BadInput(f"cannot use {folder} for backups: it is not writable")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with AtomicFile(path) as f:
        f.write((str(folder) + "\n").encode("utf-8"))
        f.commit()
    os.chmod(path, 0o600)
    return folder


# -- what is there ----------------------------------------------------------------------------
@dataclass(frozen=True)
class BackupEntry:
    """A good backup in the folder, known by its name (only a checked copy gets one)."""

    path: Path
    made_at: datetime
    """Naive UTC, from the name."""
    size: int

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "made_at": self.made_at.isoformat(timespec="seconds") + "Z",
            "size": self.size,
        }


def list_backups(database: Path, folder: Path | None = None) -> list[BackupEntry]:
    """The good backups of ``database`` in its backup folder, newest first."""
    folder = folder or backup_folder(database)
    found = []
    with contextlib.suppress(OSError):
        for p in folder.glob(f"{database.stem}-*.db"):
            made = stamp_of(p)
            if made is None or p.name[: len(database.stem) + 1] != f"{database.stem}-":
                continue
            with contextlib.suppress(OSError):
                found.append(BackupEntry(p, made, p.stat().st_size))
    return sorted(found, key=lambda e: (e.made_at, _number(e.path)), reverse=True)


def _number(path: Path) -> int:
    """1 for ``…-HHMMSS.db``, N for the N-th made in the same second (``…-HHMMSS-N.db``)."""
    m = NAME.match(path.name)
    return int(m["n"]) if m and m["n"] else 1


def last_good(database: Path, folder: Path | None = None) -> BackupEntry | None:
    """The newest good backup of ``database``; None when there is none yet."""
    found = list_backups(database, folder)
    return found[0] if found else None


def due(database: Path, now: datetime, folder: Path | None = None) -> bool:
    """True when the newest good backup is older than :data:`DUE_AFTER` (or there is none)."""
    last = last_good(database, folder)
    return last is None or now - last.made_at >= DUE_AFTER


def keep(times: list[datetime]) -> set[datetime]:
    """Which of ``times`` the rotation keeps: the newest of each of the :data:`DAILY` most
    recent days, :data:`WEEKLY` ISO weeks and :data:`MONTHLY` months that have one, every one
    within :data:`RECENT` of the newest, and the newest of all. Each rule picks on its own;
    a backup kept by several counts once."""
    kept: set[datetime] = set()
    newest_first = sorted(set(times), reverse=True)
    if not newest_first:
        return kept
    # Every backup of the newest one's last day as well: the window makes one every few
    # hours, and a mistake noticed in the afternoon is undone from the morning's.
    kept.update(t for t in newest_first if newest_first[0] - t < RECENT)
    rules: list[tuple[int, Any]] = [
        (DAILY, lambda t: t.date()),
        (WEEKLY, lambda t: t.isocalendar()[:2]),
        (MONTHLY, lambda t: (t.year, t.month)),
    ]
    for count, period in rules:
        seen: set[Any] = set()
        for t in newest_first:
            key = period(t)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.add(key)
            kept.add(t)
    return kept


def prune(database: Path, folder: Path | None = None) -> list[Path]:
    """Remove the backups :func:`keep` does not keep; the files removed."""
    found = list_backups(database, folder)
    kept = keep([e.made_at for e in found])
    removed = []
    for i, e in enumerate(found):
        if i == 0 or e.made_at in kept:  # two in one second: both are kept
            continue
        with contextlib.suppress(FileNotFoundError):
            e.path.unlink()
            removed.append(e.path)
    return removed


@dataclass(frozen=True)
class BackupResult:
    """A backup made, checked and counted, and what the rotation removed."""

    info: BackupInfo
    removed: list[Path] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {**self.info.to_json(), "removed": [str(p) for p in self.removed]}


def backup_now(
    store: Store, folder: Path | None = None, *, now: datetime | None = None
) -> BackupResult:
    """Make a checked backup of ``store`` (into ``folder``, default :func:`backup_folder`)
    and apply the rotation there."""
    database = sqlite_file(store)
    target = folder or backup_folder(database)
    info = make_backup(store, target, now=now)
    return BackupResult(info, prune(database, target))


def backup_if_due(store: Store, now: datetime | None = None) -> BackupResult | None:
    """:func:`backup_now` when :func:`due`; None when the newest backup is recent enough."""
    now = now or utcnow()
    if not due(sqlite_file(store), now):
        return None
    return backup_now(store, now=now)


# -- restoring ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class RestorePlan:
    """What restoring ``backup`` over ``database`` would do and lose."""

    database: Path
    backup: BackupInfo
    current: BackupInfo | None
    """The current database as :func:`verify` reads it; None when there is none."""
    current_problem: str = ""
    """Why the current database could not be read ('' when it could, or there is none)."""
    lost_changes: int = 0
    """Change-log rows in the current database newer than the backup's newest."""
    lost_by_kind: dict[str, int] = field(default_factory=dict)
    """Of those, how many rows of each kind (session, patient, plan, ...) they changed."""

    @property
    def loss_text(self) -> str:
        """What would be lost, in one line."""
        b = self.backup
        made = local_text(b.made_at)
        if self.current is None:
            if self.current_problem:
                return (
                    f"the current database cannot be read ({self.current_problem}); it is kept "
                    f"aside, and the backup of {made} replaces it"
                )
            return f"there is no database at {self.database} yet; the backup of {made} becomes it"
        diffs = [
            f"{k} {self.current.counts.get(k, 0)} → {b.counts.get(k, 0)}"
            for k in b.counts
            if self.current.counts.get(k, 0) != b.counts.get(k, 0)
        ]
        if not self.lost_changes and not diffs:
            return f"nothing changed since the backup of {made}; nothing would be lost"
        parts = []
        if self.lost_changes:
            kinds = ", ".join(f"{n} {k}(s)" for k, n in sorted(self.lost_by_kind.items()))
            parts.append(f"{self.lost_changes} change(s) made after it ({kinds})")
        if diffs:
            parts.append(", ".join(diffs))
        return f"restoring the backup of {made} loses " + "; ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "database": str(self.database),
            "backup": self.backup.to_json(),
            "current": self.current.to_json() if self.current else None,
            "current_problem": self.current_problem,
            "lost_changes": self.lost_changes,
            "lost_by_kind": dict(self.lost_by_kind),
            "loss": self.loss_text,
        }


def local_text(utc: datetime) -> str:
    """A naive UTC time in this computer's zone: ``Wed 02 Dec 2026 09:41``."""
    return utc.replace(tzinfo=UTC).astimezone().strftime("%a %d %b %Y %H:%M")


def plan_restore(database: Path, file: Path) -> RestorePlan:
    """Check ``file`` (BackupRefused when it is not good) and say what restoring it over
    ``database`` would lose; nothing is changed."""
    backup = verify(file)
    if not database.exists():
        return RestorePlan(database, backup, None)
    try:  # what it holds, to say what would be lost; it is kept aside whatever its pages
        current = verify(database, pages=False)
    except (BackupRefused, BadInput) as exc:
        return RestorePlan(database, backup, None, current_problem=exc.message)
    kinds = changes_after(database, backup.last_change)
    lost = sum(total for _rows, total in kinds.values())
    return RestorePlan(
        database,
        backup,
        current,
        lost_changes=lost,
        lost_by_kind={k: rows for k, (rows, _t) in kinds.items()},
    )


@dataclass(frozen=True)
class RestoreResult:
    """A restore done: the plan it followed and where the old database was kept."""

    plan: RestorePlan
    kept_aside: Path | None

    def to_json(self) -> dict[str, Any]:
        return {
            **self.plan.to_json(),
            "kept_aside": str(self.kept_aside) if self.kept_aside else None,
        }


def restore(database: Path, file: Path, *, now: datetime | None = None) -> RestoreResult:
    """Put the backup ``file`` in place of ``database``, keeping the current one aside.

    The file is checked first (BackupRefused: nothing changed). The current database must not
    be open in a window or command (DatabaseBusy: nothing changed): it is switched out of WAL
    mode, which needs it to be alone, so its ``-wal`` is folded in and nothing of it is left
    beside the restored file. It is then renamed to
    ``<name>.before-restore-YYYYMMDD-HHMMSS`` (0600) and a copy of the backup, switched back
    to WAL mode, is renamed into its place, so ``database`` is at every moment either the old
    file or the whole backup.
    """
    plan = plan_restore(database, file)
    now = (now or utcnow()).replace(microsecond=0)
    aside = None
    if database.exists():
        aside = database.with_name(
            f"{database.name}.before-restore-{now.strftime('%Y%m%d-%H%M%S')}"
        )
    replace_database(database, file, aside, current_readable=plan.current is not None)
    return RestoreResult(plan, aside)
