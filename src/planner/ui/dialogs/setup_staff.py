"""The clinic set-up's practitioners page: who they are, where they work and when.

A practitioner works at one or more locations, with weekly hours at each; a weekday without
hours is a day off there. The form has one tab per location with *Works here* and an hours
editor; saving sends every checked location with its hours (``workplaces``) in one call, and
a refusal (hours outside a location's opening hours, needling for a profession that cannot
be licensed) is shown under the form with every field kept as typed.

Their own calendar on a CalDAV server (address, user name, the password to the keyring) and
*Publish now* are the form's calendar group (:mod:`.setup_calendar`), saved with the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.core import vocabulary
from planner.core.domain import Profession
from planner.errors import BadInput
from planner.services import clinic
from planner.ui.dialogs.setup_base import PageHost, SetupPage, select_by_id
from planner.ui.dialogs.setup_calendar import (
    CalendarGroup,
    Published,
    Saved,
    password_where,
    publish_now,
    save_practitioner,
)
from planner.ui.dialogs.setup_pages import buttons_row, hours_words, new_id
from planner.ui.i18n import arg, tr, ui_words
from planner.ui.widgets.hours_editor import HoursEditor

if TYPE_CHECKING:
    from planner.services.clinic_setup import PractitionerInfo, SetupOverview


@dataclass
class Workplace:
    """One location's tab in the practitioner form."""

    location_id: int
    name: str
    opening: str
    page: QWidget
    works: QCheckBox
    hours: HoursEditor
    same: QPushButton


class PractitionersPage(SetupPage):
    """Practitioners: the list, and a form with their workplaces and weekly hours."""

    @property
    def title(self) -> str:
        return tr("Practitioners")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.editing: int | None = None
        self._wants_new = True
        self.places: list[Workplace] = []
        body, right = self.list_and_form(
            tr("Practitioners"), tr("New practitione&r"), self.new_practitioner
        )
        form = QFormLayout()
        self.name = QLineEdit(body)
        self.name.setPlaceholderText(tr("e.g. Ingrid Hansen"))
        self.profession = QComboBox(body)
        for p in Profession:
            self.profession.addItem(vocabulary.profession(p, ui_words()), p.value)
        self.may_needle = QCheckBox(tr("May n&eedle (licensed and trained in needling)"), body)
        self.email = QLineEdit(body)
        self.email.setPlaceholderText(tr("name@example.no"))
        self.phone = QLineEdit(body)
        self.phone.setPlaceholderText(tr("e.g. +47 900 00 000"))
        form.addRow(tr("&Name:"), self.name)
        form.addRow(tr("Professi&on:"), self.profession)
        form.addRow("", self.may_needle)
        form.addRow(tr("E-m&ail:"), self.email)
        form.addRow(tr("&Contact phone:"), self.phone)
        right.addLayout(form)
        right.addWidget(
            QLabel(tr("Where they work, and their hours there (an empty day is a day off):"), body)
        )
        self.tabs = QTabWidget(body)
        self.tabs.setDocumentMode(True)
        right.addWidget(self.tabs)
        self.no_locations = QLabel(tr("Add a location first: a practitioner works at one."), body)
        right.addWidget(self.no_locations)
        self.calendar = CalendarGroup(body)
        right.addWidget(self.calendar)
        self.save_button = QPushButton(tr("&Save"), body)
        self.save_button.clicked.connect(lambda: self.save())
        self.discard_button = QPushButton(tr("&Discard changes"), body)
        self.discard_button.clicked.connect(self.discard)
        right.addLayout(buttons_row(self.save_button, self.discard_button))
        right.addWidget(self.status)
        right.addStretch(1)
        self.place_form(body)

        self.name.textEdited.connect(self.mark_dirty)
        self.email.textEdited.connect(self.mark_dirty)
        self.phone.textEdited.connect(self.mark_dirty)
        self.may_needle.toggled.connect(self.mark_dirty)
        self.profession.currentIndexChanged.connect(self._profession_changed)
        for edit in (self.calendar.url, self.calendar.user, self.calendar.password):
            edit.textEdited.connect(self.mark_dirty)
        self.calendar.publish_button.clicked.connect(self.publish)

    def default_button(self) -> QPushButton:
        return self.save_button

    def first_field(self) -> QWidget:
        return self.name

    def practitioners(self) -> list[PractitionerInfo]:
        return list(self.overview.practitioners) if self.overview is not None else []

    # -- the workplaces' tabs --------------------------------------------------------------------
    def _build_tabs(self, overview: SetupOverview) -> None:
        """One tab per location (rebuilt when the locations change)."""
        wanted = [(loc.id, loc.name, loc.hours) for loc in overview.locations]
        if [(w.location_id, w.name, w.opening) for w in self.places] == wanted:
            return
        self.tabs.clear()
        for w in self.places:
            w.page.deleteLater()
        self.places = []
        for lid, name, opening in wanted:
            page = QWidget(self.tabs)
            lay = QVBoxLayout(page)
            works = QCheckBox(arg(tr("Wor&ks at %1"), name), page)
            hours = HoursEditor(page, closed_word=tr("day off"))
            same = QPushButton(tr("Same as openin&g hours"), page)
            same.setToolTip(arg(tr("%1 is open %2"), name, hours_words(opening)))
            opening_note = QLabel(arg(tr("%1 is open %2."), name, hours_words(opening)), page)
            opening_note.setStyleSheet("color: #5f6670")
            lay.addWidget(works)
            lay.addWidget(opening_note)
            lay.addWidget(hours)
            lay.addLayout(buttons_row(same))
            place = Workplace(lid, name, opening, page, works, hours, same)
            works.toggled.connect(lambda on, p=place: self._works_toggled(p, on))
            hours.sig_changed.connect(self.mark_dirty)
            same.clicked.connect(lambda _c=False, p=place: self._same_as_opening(p))
            self.tabs.addTab(page, name)
            self.places.append(place)
        self.no_locations.setVisible(not self.places)
        self.tabs.setVisible(bool(self.places))

    def _works_toggled(self, place: Workplace, on: bool) -> None:
        place.hours.setEnabled(on)
        place.same.setEnabled(on)
        if self._loading:
            return
        if on and not any(place.hours.hours().days):
            place.hours.set_hours_text(place.opening)
        self._update_tab_titles()
        self.mark_dirty()

    def _same_as_opening(self, place: Workplace) -> None:
        place.hours.set_hours_text(place.opening)
        self.mark_dirty()

    def _update_tab_titles(self) -> None:
        for i, w in enumerate(self.places):
            self.tabs.setTabText(i, w.name + " ✓" if w.works.isChecked() else w.name)

    def _profession_changed(self, _index: int) -> None:
        prof = Profession(self.profession.currentData())
        self._needling_allowed(prof)
        if self._loading:
            return
        if self.editing is None:  # a new practitioner: the profession's usual licence
            self.may_needle.setChecked(prof.needles_by_default)
        self.mark_dirty()

    def _needling_allowed(self, prof: Profession) -> None:
        """A profession that cannot be licensed to needle cannot be ticked to."""
        allowed = prof.may_be_licensed_to_needle
        self.may_needle.setEnabled(allowed)
        if not allowed:
            self.may_needle.setChecked(False)
        self.may_needle.setToolTip(
            ""
            if allowed
            else arg(
                tr("A %1 cannot be licensed to needle"),
                vocabulary.profession(prof, ui_words()).lower(),
            )
        )

    # -- loading ---------------------------------------------------------------------------------
    def load(self, overview: SetupOverview) -> None:
        super().load(overview)
        if not self.dirty:
            with self.filling():
                self._build_tabs(overview)
        keep = self.editing
        self.list.blockSignals(True)
        self.list.clear()
        for p in overview.practitioners:
            where = ", ".join(overview_location_name(overview, w.location_id) for w in p.workplaces)
            item = QListWidgetItem(p.name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            label = vocabulary.profession(Profession(p.profession), ui_words())
            item.setToolTip(" · ".join((label, where)))
        self.list.blockSignals(False)
        if self.dirty:
            select_by_id(self.list, keep)
            return
        if keep is None and overview.practitioners and not self._wants_new:
            keep = overview.practitioners[0].id
        if keep is not None and select_by_id(self.list, keep):
            self.show_item(keep)
        else:
            self.new_practitioner()

    def show_item(self, ident: int) -> None:
        p = next((x for x in self.practitioners() if x.id == ident), None)
        if p is None:
            return
        self.editing = ident
        self._wants_new = False
        hours_at = {w.location_id: w.hours for w in p.workplaces}
        with self.filling():
            self.heading.setText(p.name)
            self.name.setText(p.name)
            self.profession.setCurrentIndex(max(0, self.profession.findData(p.profession)))
            self._needling_allowed(Profession(p.profession))
            self.may_needle.setChecked(p.may_needle)
            self.email.setText(p.email)
            self.phone.setText(p.phone)
            for w in self.places:
                works = w.location_id in hours_at
                w.works.setChecked(works)
                w.hours.set_hours_text(hours_at.get(w.location_id, ""))
                w.hours.setEnabled(works)
                w.same.setEnabled(works)
            self._update_tab_titles()
            first = next((i for i, w in enumerate(self.places) if w.works.isChecked()), 0)
            self.tabs.setCurrentIndex(first)
            self.calendar.show_practitioner(p)
        self.mark_clean()
        self.say("")
        if p.caldav_url:  # where its password comes from (the keyring is asked on the worker)
            self.host.fetch(
                password_where,
                p.id,
                p.caldav_url,
                p.caldav_user,
                done=partial(self._where_read, p.id),
                page=self,
            )

    def _where_read(self, practitioner_id: int, text: str) -> None:
        if practitioner_id == self.editing and not self.calendar.password.text():
            self.calendar.where.setText(text)

    def new_practitioner(self) -> None:
        """An empty form; they work at the first location, its opening hours to start from."""
        if not self.start_new(self.new_practitioner, tr("A new practitioner")):
            return
        with self.filling():
            for edit in (self.name, self.email, self.phone):
                edit.clear()
            self.profession.setCurrentIndex(0)
            first = Profession(self.profession.currentData())
            self._needling_allowed(first)
            self.may_needle.setChecked(first.needles_by_default)
            for i, w in enumerate(self.places):
                w.works.setChecked(i == 0)
                w.hours.set_hours_text(w.opening if i == 0 else "")
                w.hours.setEnabled(i == 0)
                w.same.setEnabled(i == 0)
            self._update_tab_titles()
            self.tabs.setCurrentIndex(0)
            self.calendar.show_practitioner(None)
        self.mark_clean()
        self.say("")
        if self.isVisible():  # not while a hidden page loads: the shown one keeps the keys
            self.name.setFocus()

    # -- saving ----------------------------------------------------------------------------------
    def workplaces(self) -> dict[int, str]:
        """Location id -> weekly hours text for every location they work at; BadInput (and
        the tab and day shown) for hours the window cannot read."""
        out: dict[int, str] = {}
        for i, w in enumerate(self.places):
            if not w.works.isChecked():
                continue
            problem = w.hours.first_problem()
            if problem is not None:
                self.tabs.setCurrentIndex(i)
                w.hours.focus_day(problem[0])
                raise BadInput(
                    arg(tr("%1, %2", "a location, a problem with its hours"), w.name, problem[1])
                )
            text = w.hours.hours_text()
            if not text:
                self.tabs.setCurrentIndex(i)
                raise BadInput(
                    arg(tr("give the hours they work at %1, or clear 'Works at %1'"), w.name)
                )
            out[w.location_id] = text
        if not out:
            raise BadInput(tr("tick 'Works at' for at least one location, with the hours there"))
        return out

    def save(self, then: Callable[[], None] | None = None) -> None:
        try:
            places = self.workplaces()
        except BadInput as exc:
            self.refuse(exc)
            return
        name = self.name.text().strip()
        fields: dict[str, Any] = {
            "may_needle": self.may_needle.isChecked(),
            "email": self.email.text().strip(),
            "phone": self.phone.text().strip(),
            "workplaces": places,
        }
        profession = str(self.profession.currentData())
        if self.editing is None:

            def added(result: Any) -> None:
                self.editing = new_id(result)
                self._wants_new = False

            self.host.submit(
                self,
                clinic.add_practitioner,
                name,
                profession,
                **fields,
                done=added,
                then=then,
                saved=arg(tr("%1 is added."), name),
            )
        else:
            try:
                calendar = self.calendar.values()
            except BadInput as exc:
                self.refuse(exc)
                self.calendar.password.setFocus()
                return
            shown = next((x for x in self.practitioners() if x.id == self.editing), None)

            def said(result: Saved) -> str:
                return f"{arg(tr('%1 is saved.'), name)} {result.note}".strip()

            self.host.submit(
                self,
                save_practitioner,
                self.editing,
                name=name,
                profession=profession,
                **fields,
                caldav_url=calendar["caldav_url"],
                caldav_user=calendar["caldav_user"],
                password=calendar["password"],
                expect_revision=shown.revision if shown is not None else None,
                then=then,
                saved=said,
            )

    # -- publishing ------------------------------------------------------------------------------
    def publish(self) -> None:
        """*Publish now*: save what is typed first, then publish on the worker."""
        if self.editing is None or self.host.busy:
            return
        if self.dirty:
            self.save(then=self._publish)
        else:
            self._publish()

    def _publish(self) -> None:
        pid = self.editing
        if pid is None:
            return
        self.calendar.publish_button.setEnabled(False)
        self.calendar.say(arg(tr("Publishing to %1…"), self.calendar.server()))
        self.publishing = True
        self.host.fetch(publish_now, pid, done=self._published, page=self)

    publishing = False
    """True while Publish now runs (tests wait on it)."""

    def _published(self, result: Published) -> None:
        self.publishing = False
        self.calendar.publish_button.setEnabled(bool(self.calendar.url.text().strip()))
        self.calendar.say(result.text, warning=result.failed, ok=not result.failed)

    def discard(self) -> None:
        self.mark_clean()
        if self.editing is None:
            self.new_practitioner()
        else:
            self.show_item(self.editing)

    def wizard_problem(self) -> str | None:
        if not self.practitioners():
            return tr("Add the first practitioner: name, profession and hours, then Next.")
        return None


def overview_location_name(overview: SetupOverview, location_id: int) -> str:
    return next((loc.name for loc in overview.locations if loc.id == location_id), "")
