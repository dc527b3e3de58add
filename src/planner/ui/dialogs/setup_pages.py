"""The clinic set-up's pages for the clinic itself, its locations and their rooms.

Each page is a list and a form over the :class:`~planner.services.clinic_setup.SetupOverview`
the dialog reads; saving hands one service call to the dialog (see :mod:`.setup_base`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from babel.dates import format_date
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.calendars import WeeklyHours
from planner.core.patient_input import LANGUAGES
from planner.errors import BadInput, PlannerError
from planner.services import clinic, clinic_settings, clinic_setup
from planner.ui.dialogs.setup_base import MUTED, PageHost, SetupPage, select_by_id
from planner.ui.dialogs.setup_choices import (
    combo_code,
    country_combo,
    fill_subdivisions,
    zone_combo,
)
from planner.ui.i18n import arg, tr, ui_words
from planner.ui.widgets.hours_editor import HoursEditor

if TYPE_CHECKING:
    from planner.services.clinic_setup import LocationInfo, SetupOverview


def hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(MUTED)
    return label


def hours_words(text: str) -> str:
    """Weekly hours as people read them in the window's language: ``Mon–Fri 08:00–16:00;
    Sat 09:00–13:00`` (``man.–fre. 08:00–16:00``); the text as is when it cannot be read."""
    try:
        hours = WeeklyHours.parse(text)
    except PlannerError:
        return text
    w = ui_words()
    monday = date(2026, 11, 30)
    names = [format_date(monday + timedelta(days=i), "EEE", locale=w.locale) for i in range(7)]
    parts = []
    for runs, intervals in hours.runs():
        day_text = ", ".join(
            names[r[0]] if len(r) == 1 else f"{names[r[0]]}–{names[r[-1]]}" for r in runs
        )
        spans = ", ".join(f"{w.time(a)}–{w.time(b)}" for a, b in intervals)
        parts.append(f"{day_text} {spans}")
    return "; ".join(parts) if parts else text


def buttons_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    return row


def current_id(view: QListWidget) -> int | None:
    item = view.currentItem()
    if item is None:
        return None
    value = item.data(Qt.ItemDataRole.UserRole)
    return int(value) if value is not None else None


def new_id(result: Any) -> int | None:
    """The id of what a create call returned (a row or a value object with ``id``)."""
    value = getattr(result, "id", None)
    return int(value) if isinstance(value, int) else None


# -- the clinic ---------------------------------------------------------------------------------


class ClinicPage(SetupPage):
    """The clinic's own name, phone, e-mail and address (in the database, for every desk)."""

    @property
    def title(self) -> str:
        return tr("Clinic")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        lay = QVBoxLayout(self)
        lay.addWidget(
            hint(
                tr(
                    "What patients see in their calendar files and on their plan cards: whom "
                    "they are booked with and whom to call."
                ),
                self,
            )
        )
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(tr("e.g. Oslo Needling & Physio"))
        self.phone = QLineEdit(self)
        self.phone.setPlaceholderText(tr("e.g. +47 22 00 00 00"))
        self.email = QLineEdit(self)
        self.email.setPlaceholderText(tr("e.g. post@example.no"))
        self.address = QLineEdit(self)
        self.address.setPlaceholderText(tr("e.g. Storgata 1, 0155 Oslo"))
        form.addRow(tr("Clinic &name:"), self.name)
        form.addRow(tr("&Phone:"), self.phone)
        form.addRow(tr("&E-mail:"), self.email)
        form.addRow(tr("A&ddress:"), self.address)
        self.language = QComboBox(self)
        for code, own_name in LANGUAGES.items():  # each in its own name, as menus write them
            self.language.addItem(own_name, code)
        self.language.setToolTip(
            tr(
                "New patients' calendar files, e-mails and plan cards start in this language "
                "(each patient's record can choose another); practitioners' calendars use it."
            )
        )
        self.language.setAccessibleName(tr("Language of the clinic's documents"))
        self.language.activated.connect(lambda _i: self.mark_dirty())
        form.addRow(tr("Documents' &language:"), self.language)
        for edit in (self.name, self.phone, self.email, self.address):
            edit.textEdited.connect(self.mark_dirty)
        lay.addLayout(form)
        self.save_button = QPushButton(tr("&Save"), self)
        self.save_button.clicked.connect(lambda: self.save())
        self.discard_button = QPushButton(tr("Disca&rd changes"), self)
        self.discard_button.clicked.connect(self.discard)
        lay.addLayout(buttons_row(self.save_button, self.discard_button))
        lay.addWidget(self.status)
        lay.addStretch(1)

    def default_button(self) -> QPushButton:
        return self.save_button

    def first_field(self) -> QWidget:
        return self.name

    def load(self, overview: SetupOverview) -> None:
        super().load(overview)
        if self.dirty:
            return
        details = overview.clinic
        with self.filling():
            self.name.setText(details.name)
            self.phone.setText(details.phone)
            self.email.setText(details.email)
            self.address.setText(details.address)
            self.language.setCurrentIndex(max(0, self.language.findData(details.language or "en")))

    def save(self, then: Callable[[], None] | None = None) -> None:
        self.host.submit(
            self,
            clinic_settings.set_clinic_details,
            name=self.name.text().strip(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            address=self.address.text().strip(),
            language=str(self.language.currentData()),
            then=then,
            saved=tr("The clinic's details are saved."),
        )

    def wizard_problem(self) -> str | None:
        if not self.name.text().strip():
            return tr("Type the clinic's name: patients' calendar files show it.")
        return None


# -- locations ----------------------------------------------------------------------------------


class LocationsPage(SetupPage):
    """Locations: the list, and a form with the address, zone, holidays and opening hours."""

    @property
    def title(self) -> str:
        return tr("Locations")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.editing: int | None = None
        """The location in the form (None: a new one)."""
        body, right = self.list_and_form(tr("Locations"), tr("New lo&cation"), self.new_location)
        form = QFormLayout()
        self.name = QLineEdit(body)
        self.name.setPlaceholderText(tr("e.g. Oslo sentrum"))
        self.address = QLineEdit(body)
        self.address.setPlaceholderText(tr("Street, postcode and town"))
        self.phone = QLineEdit(body)
        self.phone.setPlaceholderText(tr("The number patients of this location call"))
        self.zone = zone_combo(body)
        self.country = country_combo(body)
        self.subdivision = QComboBox(body)
        fill_subdivisions(self.subdivision, "", None)
        form.addRow(tr("&Name:"), self.name)
        form.addRow(tr("Add&ress:"), self.address)
        form.addRow(tr("Phon&e:"), self.phone)
        form.addRow(tr("Time &zone:"), self.zone)
        form.addRow(tr("Holiday c&ountry:"), self.country)
        form.addRow(tr("Subdi&vision:"), self.subdivision)
        right.addLayout(form)
        right.addWidget(QLabel(tr("Opening hours (leave a day empty when it is closed):"), body))
        self.hours = HoursEditor(body)
        right.addWidget(self.hours)
        self.save_button = QPushButton(tr("&Save"), body)
        self.save_button.clicked.connect(lambda: self.save())
        self.discard_button = QPushButton(tr("&Discard changes"), body)
        self.discard_button.clicked.connect(self.discard)
        right.addLayout(buttons_row(self.save_button, self.discard_button))
        right.addWidget(self.status)
        right.addStretch(1)
        self.place_form(body)

        for edit in (self.name, self.address, self.phone):
            edit.textEdited.connect(self.mark_dirty)
        self.zone.editTextChanged.connect(self.mark_dirty)
        self.country.editTextChanged.connect(self.mark_dirty)
        self.country.currentIndexChanged.connect(self._country_changed)
        self.subdivision.currentIndexChanged.connect(self.mark_dirty)
        self.hours.sig_changed.connect(self.mark_dirty)
        self.new_location()

    def default_button(self) -> QPushButton:
        return self.save_button

    def first_field(self) -> QWidget:
        return self.name

    def locations(self) -> list[LocationInfo]:
        return list(self.overview.locations) if self.overview is not None else []

    def load(self, overview: SetupOverview) -> None:
        super().load(overview)
        keep = self.editing
        with self.filling():
            self.list.blockSignals(True)
            self.list.clear()
            for loc in overview.locations:
                item = QListWidgetItem(loc.name, self.list)
                item.setData(Qt.ItemDataRole.UserRole, loc.id)
                item.setToolTip(" · ".join((loc.tz, hours_words(loc.hours))))
            self.list.blockSignals(False)
        if self.dirty:
            select_by_id(self.list, keep)
            return
        if keep is None and overview.locations and not self._wants_new:
            keep = overview.locations[0].id
        if keep is not None and select_by_id(self.list, keep):
            self.show_item(keep)
        else:
            self.new_location()

    def show_item(self, ident: int) -> None:
        loc = next((x for x in self.locations() if x.id == ident), None)
        if loc is None:
            return
        self.editing = ident
        self._wants_new = False
        with self.filling():
            self.heading.setText(loc.name)
            self.name.setText(loc.name)
            self.address.setText(loc.address)
            self.phone.setText(loc.phone)
            self.zone.setEditText(loc.tz)
            index = self.country.findData(loc.country or "")
            self.country.setCurrentIndex(max(0, index))
            fill_subdivisions(self.subdivision, loc.country or "", loc.subdivision)
            self.hours.set_hours_text(loc.hours)
        self.mark_clean()
        self.say("")

    def new_location(self) -> None:
        """An empty form for a new location (weekdays 08:00-16:00 to start from)."""
        if not self.start_new(self.new_location, tr("A new location")):
            return
        with self.filling():
            for edit in (self.name, self.address, self.phone):
                edit.clear()
            self.zone.setEditText("")
            self.country.setCurrentIndex(0)
            fill_subdivisions(self.subdivision, "", None)
            self.hours.set_hours_text("mon-fri 08:00-16:00")
        self.mark_clean()
        self.say("")
        if self.isVisible():  # not while a hidden page loads: the shown one keeps the keys
            self.name.setFocus()

    def _country_changed(self, _index: int) -> None:
        if self._loading:
            return
        fill_subdivisions(self.subdivision, combo_code(self.country), None)
        self.mark_dirty()

    def values(self) -> dict[str, Any]:
        """The form as the services take it; BadInput for what the window can check."""
        problem = self.hours.first_problem()
        if problem is not None:
            self.hours.focus_day(problem[0])
            raise BadInput(problem[1])
        hours = self.hours.hours_text()
        if not hours:
            raise BadInput(tr("give the opening hours of at least one day"))
        country = combo_code(self.country)
        return {
            "name": self.name.text().strip(),
            "address": self.address.text().strip(),
            "phone": self.phone.text().strip(),
            "tz": self.zone.currentText().strip(),
            "country": country or None,
            "subdivision": (combo_code(self.subdivision) or None) if country else None,
            "hours": hours,
        }

    def save(self, then: Callable[[], None] | None = None) -> None:
        try:
            v = self.values()
        except BadInput as exc:
            self.refuse(exc)
            return
        if self.editing is None:

            def added(result: Any) -> None:
                self.editing = new_id(result)
                self._wants_new = False

            self.host.submit(
                self,
                clinic.add_location,
                v["name"],
                v["tz"],
                address=v["address"],
                phone=v["phone"],
                country=v["country"],
                subdivision=v["subdivision"],
                hours=[v["hours"]],
                done=added,
                then=then,
                saved=arg(tr("%1 is added."), v["name"]),
            )
        else:
            shown = next((x for x in self.locations() if x.id == self.editing), None)
            self.host.submit(
                self,
                clinic_setup.edit_location,
                self.editing,
                **v,
                expect_revision=shown.revision if shown is not None else None,
                then=then,
                saved=arg(tr("%1 is saved."), v["name"]),
            )

    def discard(self) -> None:
        self.mark_clean()
        if self.editing is None:
            self.new_location()
        else:
            self.show_item(self.editing)

    def wizard_problem(self) -> str | None:
        if not self.locations():
            return tr("Add the first location: its name, time zone and opening hours, then Next.")
        return None


# -- rooms --------------------------------------------------------------------------------------


class RoomsPage(SetupPage):
    """The rooms of one location: add, rename, remove (each at once, one transaction)."""

    @property
    def title(self) -> str:
        return tr("Rooms")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        lay = QVBoxLayout(self)
        lay.addWidget(
            hint(
                tr(
                    "Treatment rooms are optional: with rooms, a session books a room as well "
                    "as a practitioner, and the week can show the rooms' columns."
                ),
                self,
            )
        )
        form = QFormLayout()
        self.location = QComboBox(self)
        self.location.currentIndexChanged.connect(self._location_changed)
        form.addRow(tr("&Location:"), self.location)
        lay.addLayout(form)
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Rooms"))
        self.list.currentItemChanged.connect(self._picked)
        rooms_label = QLabel(tr("Roo&ms:"), self)
        rooms_label.setBuddy(self.list)
        lay.addWidget(rooms_label)
        lay.addWidget(self.list, 1)
        name_row = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(tr("e.g. Room 1"))
        self.name.textEdited.connect(self._typed)
        self.name.installEventFilter(self)  # Enter adds (or renames) the room, nothing else
        name_row.addRow(tr("Room &name:"), self.name)
        lay.addLayout(name_row)
        self.add_button = QPushButton(tr("&Add room"), self)
        self.add_button.clicked.connect(lambda: self.add_room())
        self.rename_button = QPushButton(tr("&Rename"), self)
        self.rename_button.clicked.connect(lambda: self.rename_room())
        self.remove_button = QPushButton(tr("Remo&ve"), self)
        self.remove_button.clicked.connect(self.remove_room)
        lay.addLayout(buttons_row(self.add_button, self.rename_button, self.remove_button))
        lay.addWidget(self.status)
        self._update_buttons()

    def first_field(self) -> QWidget:
        return self.name

    def location_id(self) -> int | None:
        data = self.location.currentData()
        return int(data) if data is not None else None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Enter in the name field saves the room and is not passed on to the dialog (whose
        default button, in the guided set-up, would finish it)."""
        if (
            obj is self.name
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.save()
            return True
        return super().eventFilter(obj, event)

    def load(self, overview: SetupOverview) -> None:
        super().load(overview)
        keep = self.location_id()
        self.location.blockSignals(True)
        self.location.clear()
        for loc in overview.locations:
            self.location.addItem(loc.name, loc.id)
        index = self.location.findData(keep) if keep is not None else 0
        self.location.setCurrentIndex(max(0, index))
        self.location.blockSignals(False)
        self._fill_rooms()

    def _location_changed(self, _index: int) -> None:
        self.name.clear()
        self.mark_clean()
        self._fill_rooms()

    def _fill_rooms(self) -> None:
        keep = current_id(self.list)
        lid = self.location_id()
        loc = next(
            (x for x in (self.overview.locations if self.overview else []) if x.id == lid), None
        )
        self.list.blockSignals(True)
        self.list.clear()
        for room in loc.rooms if loc is not None else ():
            item = QListWidgetItem(room.name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, room.id)
        select_by_id(self.list, keep)
        self.list.blockSignals(False)
        self._update_buttons()

    def _picked(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None and not self.dirty:
            with self.filling():
                self.name.setText(item.text())
        self._update_buttons()

    def _typed(self, _text: str) -> None:
        item = self.list.currentItem()
        if self.name.text().strip() and (item is None or item.text() != self.name.text().strip()):
            self.mark_dirty()
        else:
            self.mark_clean()
            self.say("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_room = self.list.currentItem() is not None
        has_name = bool(self.name.text().strip())
        self.add_button.setEnabled(has_name and self.location_id() is not None)
        self.rename_button.setEnabled(has_room and has_name)
        self.remove_button.setEnabled(has_room)

    def add_room(self, then: Callable[[], None] | None = None) -> None:
        lid, name = self.location_id(), self.name.text().strip()
        if lid is None:
            self.refuse(BadInput(tr("add a location first: rooms belong to a location")))
            return

        def added(result: Any) -> None:
            self.list.clearSelection()
            with self.filling():
                self.name.clear()
            self._select_after = new_id(result)

        self.host.submit(
            self,
            clinic.add_room,
            lid,
            name,
            done=added,
            then=then,
            saved=arg(tr("%1 is added."), name),
        )

    def rename_room(self, then: Callable[[], None] | None = None) -> None:
        rid, name = current_id(self.list), self.name.text().strip()
        if rid is None:
            return
        self.host.submit(
            self,
            clinic_setup.edit_room,
            rid,
            name=name,
            expect_revision=self._room_revision(rid),
            then=then,
            saved=arg(tr("Renamed to %1."), name),
        )

    def remove_room(self) -> None:
        rid = current_id(self.list)
        item = self.list.currentItem()
        if rid is None or item is None:
            return
        name = item.text()

        def removed(_result: Any) -> None:
            with self.filling():
                self.name.clear()

        self.host.submit(
            self,
            clinic_setup.remove_room,
            rid,
            expect_revision=self._room_revision(rid),
            done=removed,
            saved=arg(tr("%1 is removed."), name),
        )

    def _room_revision(self, rid: int) -> int | None:
        """The revision of room ``rid`` as this page shows it (an edit from it passes it)."""
        for loc in self.overview.locations if self.overview else ():
            for room in loc.rooms:
                if room.id == rid:
                    return room.revision
        return None

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Enter in the name field (or Save when switching away): rename the room that is
        picked if the name was changed from its own, else add a room of that name."""
        if not self.name.text().strip():
            self.mark_clean()
            if then is not None:
                then()
            return
        if self.list.currentItem() is not None:
            self.rename_room(then)
        else:
            self.add_room(then)

    def discard(self) -> None:
        self.mark_clean()
        self.say("")
        item = self.list.currentItem()
        with self.filling():
            self.name.setText(item.text() if item is not None else "")
        self._update_buttons()
