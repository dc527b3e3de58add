"""The window's settings, kept with QSettings (per user, per machine).

Typed accessors over one ``QSettings`` object that is passed in (tests give one backed by a
temporary file). Reminders and the export profile are the export dialog's defaults; the
database location is used at the next start when no ``--db`` is given. The clinic's name,
phone and e-mail are not kept here: the database holds them
(:mod:`planner.services.clinic_settings`), where every desk's and the command line's calendar
files read them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings

from planner.ui.i18n import tr

ORGANISATION = "planner"
APPLICATION = "planner"

EXPORT_PROFILES = ("patient", "practitioner", "full")
"""Export profiles, safest first (:class:`planner.ics.model.Profile`)."""

DEFAULT_REMINDERS = (1440, 120)
"""Minutes before a session: a day before and two hours before."""

LANGUAGE_CHOICES = ("system", "nb", "en")
"""The window's languages in Settings: the system's, Norsk bokmål, English."""

FONT_SCALES = (90, 100, 110, 125, 150)
"""Text sizes the Settings offer, in per cent of the system's font size."""


@dataclass
class Preferences:
    """A plain copy of this computer's settings that the settings dialog edits."""

    reminders: tuple[int, ...] = DEFAULT_REMINDERS
    export_profile: str = "patient"
    database: str = ""
    font_scale: int = 100
    """Text size of the week view and the panels, per cent of the system's (FONT_SCALES)."""
    language: str = "system"
    """The window's language: ``system``, ``nb`` or ``en`` (applies at the next start)."""


class AppSettings:
    """Typed access to the window's QSettings."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings or QSettings(ORGANISATION, APPLICATION)

    # -- preferences ---------------------------------------------------------------------
    def preferences(self) -> Preferences:
        return Preferences(
            reminders=parse_reminders(str(self.q.value("export/reminders", "") or ""))
            if self.q.contains("export/reminders")
            else DEFAULT_REMINDERS,
            export_profile=_choice(self.q.value("export/profile", "patient"), EXPORT_PROFILES),
            database=str(self.q.value("database/location", "") or ""),
            font_scale=font_scale(self.q.value("view/font_scale", 100)),
            language=_choice(self.q.value("view/language", "system"), LANGUAGE_CHOICES),
        )

    def save_preferences(self, p: Preferences) -> None:
        self.q.remove("clinic")  # an older planner's copy of the clinic's name and phone
        self.q.setValue("export/reminders", ",".join(str(m) for m in p.reminders))
        self.q.setValue("export/profile", _choice(p.export_profile, EXPORT_PROFILES))
        self.q.setValue("database/location", p.database.strip())
        self.q.setValue("view/font_scale", font_scale(p.font_scale))
        self.q.setValue("view/language", _choice(p.language, LANGUAGE_CHOICES))
        self.q.sync()

    # -- window state ----------------------------------------------------------------------
    def geometry(self) -> QByteArray | None:
        v = self.q.value("window/geometry")
        return v if isinstance(v, QByteArray) else None

    def set_geometry(self, data: QByteArray) -> None:
        self.q.setValue("window/geometry", data)

    def splitter(self) -> QByteArray | None:
        v = self.q.value("window/splitter")
        return v if isinstance(v, QByteArray) else None

    def set_splitter(self, data: QByteArray) -> None:
        self.q.setValue("window/splitter", data)

    def panel_hidden(self) -> bool:
        """The side panel was collapsed when the window last closed."""
        return str(self.q.value("window/panel_hidden", "false")).lower() == "true"

    def set_panel_hidden(self, hidden: bool) -> None:
        self.q.setValue("window/panel_hidden", "true" if hidden else "false")

    def view_state(self) -> dict[str, str]:
        return {
            k: str(self.q.value(f"view/{k}", ""))
            for k in ("location", "mode", "columns", "show_cancelled", "show_off")
            if self.q.contains(f"view/{k}")
        }

    def set_view_state(self, **values: object) -> None:
        for k, v in values.items():
            self.q.setValue(f"view/{k}", str(v))

    def last_export_dir(self) -> str:
        return str(self.q.value("export/last_dir", "") or "")

    def set_last_export_dir(self, path: str) -> None:
        self.q.setValue("export/last_dir", path)

    def last_export(self, patient_id: int) -> str | None:
        """When this patient's calendar was last exported (UTC ISO time), for "changes since"."""
        v = self.q.value(f"export/last/{patient_id}")
        return str(v) if v else None

    def set_last_export(self, patient_id: int, when_iso: str) -> None:
        self.q.setValue(f"export/last/{patient_id}", when_iso)


def _choice(value: object, options: tuple[str, ...]) -> str:
    text = str(value or "")
    return text if text in options else options[0]


def font_scale(value: object) -> int:
    """A stored text size as one of FONT_SCALES (anything else: 100)."""
    try:
        n = int(str(value))
    except ValueError:
        return 100
    return n if n in FONT_SCALES else 100


def parse_reminders(text: str) -> tuple[int, ...]:
    """``1440,120`` (minutes before) -> (1440, 120); bad parts are left out."""
    out: list[int] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if part.isdigit() and 0 < int(part) <= 14 * 1440 and int(part) not in out:
            out.append(int(part))
    return tuple(sorted(out, reverse=True))


def reminder_text(minutes: int) -> str:
    """``1 day before``, ``2 hours before``, ``30 minutes before``, in the window's language."""
    if minutes % 1440 == 0:
        return tr("%n day(s) before", "", minutes // 1440)
    if minutes % 60 == 0:
        return tr("%n hour(s) before", "", minutes // 60)
    return tr("%n minute(s) before", "", minutes)
