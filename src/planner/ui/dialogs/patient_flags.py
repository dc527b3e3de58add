"""The patient form's screening flags: a check box per flag, its regions on the body map.

Each :class:`~planner.core.domain.ScreeningFlag` has a check box. The regions a ticked flag
concerns are picked on one body map: *Regions of* chooses which ticked flag the map shows
(ticking a flag chooses it), and a flag with no region picked concerns the whole body. Each
check box names the regions it has (``Lymphoedema (left arm)``). The flags come out as the
specs the services read (``lymphoedema:shoulder-left,elbow-left,wrist-hand-left``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from planner.core.domain import ScreeningFlag
from planner.core.regions import BodyRegion, Region, Side, parse_region
from planner.services.clinic import flag_spec, parse_flag_regions
from planner.services.patient_records import FlagRecord
from planner.ui.i18n import arg, tr
from planner.ui.style import TEXT_MUTED, flag_label, region_word
from planner.ui.widgets.body_map import BodyMap

_ARM: tuple[Region, ...] = (Region.SHOULDER, Region.ELBOW, Region.WRIST_HAND)
_LEG: tuple[Region, ...] = (Region.HIP, Region.KNEE, Region.FOOT)


def _limb_word(limb: tuple[Region, ...], side: Side) -> str:
    words = {
        (_ARM, Side.LEFT): tr("left arm"),
        (_ARM, Side.RIGHT): tr("right arm"),
        (_ARM, Side.BOTH): tr("both arms"),
        (_LEG, Side.LEFT): tr("left leg"),
        (_LEG, Side.RIGHT): tr("right leg"),
        (_LEG, Side.BOTH): tr("both legs"),
    }
    return words[(limb, side)]


def flag_regions_words(codes: Sequence[str] | None) -> str:
    """``left arm``, ``right knee, right foot``, ``both arms`` (``venstre arm``...) in the
    window's language; empty for the whole body (as :func:`~planner.services.clinic.
    flag_regions_text` says it in English)."""
    if not codes:
        return ""
    regions = {parse_region(c) for c in codes}
    words: list[str] = []
    for limb in (_ARM, _LEG):
        sides = [
            sd for sd in (Side.LEFT, Side.RIGHT) if all(BodyRegion(r, sd) in regions for r in limb)
        ]
        if len(sides) == 2:
            words.append(_limb_word(limb, Side.BOTH))
        elif sides:
            words.append(_limb_word(limb, sides[0]))
        for sd in sides:
            regions -= {BodyRegion(r, sd) for r in limb}
    pairs = {(r.region, r.side) for r in regions}
    for region in Region:
        present = [sd for sd in (None, Side.LEFT, Side.RIGHT) if (region, sd) in pairs]
        if present == [Side.LEFT, Side.RIGHT]:
            both = region_word(BodyRegion(region, Side.BOTH).code)
            words.append(arg(tr("both %1", "both sides of a body region"), both))
        else:
            words += [region_word(BodyRegion(region, sd).code) for sd in present]
    return ", ".join(words)


def flag_text(flag: str, codes: Sequence[str] | None = None) -> str:
    """``Lymphoedema (left arm)``; ``Takes anticoagulants`` for a whole-body flag; in the
    window's language."""
    label = flag_label(flag)
    where = flag_regions_words(codes)
    return arg(tr("%1 (%2)", "a screening flag (its regions)"), label, where) if where else label


class FlagsEditor(QGroupBox):
    """Screening flags with the regions each concerns."""

    sig_changed = Signal()
    """A flag was ticked or cleared, or its regions changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Screening &flags"), parent)
        self._regions: dict[ScreeningFlag, tuple[str, ...]] = {}
        self._showing_map_for: ScreeningFlag | None = None
        self._usable = True
        lay = QVBoxLayout(self)
        self.flag_boxes: dict[ScreeningFlag, QCheckBox] = {}
        for flag in ScreeningFlag:
            cb = QCheckBox(flag_label(flag.value), self)
            cb.toggled.connect(lambda on, f=flag: self._flag_toggled(f, on))
            lay.addWidget(cb)
            self.flag_boxes[flag] = cb
        row = QHBoxLayout()
        self.region_flag = QComboBox(self)
        self.region_flag.setAccessibleName(tr("Flag whose regions the body map shows"))
        regions_label = QLabel(tr("&Regions of"), self)
        regions_label.setBuddy(self.region_flag)
        row.addWidget(regions_label)
        row.addWidget(self.region_flag, 1)
        lay.addLayout(row)
        self.body_map = BodyMap(self)
        self.body_map.setMinimumSize(200, 230)
        lay.addWidget(self.body_map, 1)
        self.region_hint = QLabel(self)
        self.region_hint.setWordWrap(True)
        self.region_hint.setStyleSheet(f"color: {TEXT_MUTED}")
        # A wrapped label gets no height for its second and third lines in this layout unless
        # it asks for them: the hint was cut off under the body map.
        self.region_hint.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 4)
        lay.addWidget(self.region_hint)
        self.region_flag.currentIndexChanged.connect(lambda _i: self._show_map_for_current())
        self.body_map.sig_changed.connect(self._map_changed)
        self._refresh()

    # -- value ------------------------------------------------------------------------------------
    def set_flags(self, flags: Iterable[FlagRecord]) -> None:
        """Tick exactly these flags, with their regions."""
        wanted: dict[ScreeningFlag, tuple[str, ...]] = {}
        for f in flags:
            try:
                wanted[ScreeningFlag(f.flag)] = tuple(f.regions or ())
            except ValueError:
                continue  # a flag this planner does not know is left as it is in the database
        self._regions = dict(wanted)
        for flag, cb in self.flag_boxes.items():
            cb.blockSignals(True)
            cb.setChecked(flag in wanted)
            cb.blockSignals(False)
        self._refresh()
        self.sig_changed.emit()

    def specs(self) -> tuple[str, ...]:
        """The ticked flags as specs (``lymphoedema:shoulder-left,...``), in flag order."""
        return tuple(
            flag_spec(f.value, self._regions.get(f) or None)
            for f, cb in self.flag_boxes.items()
            if cb.isChecked()
        )

    def set_usable(self, on: bool) -> None:
        """Enable or disable every part (while the patient is read, the map stays off)."""
        self._usable = on
        for cb in self.flag_boxes.values():
            cb.setEnabled(on)
        self._refresh()

    # -- the map shows one ticked flag's regions ------------------------------------------------
    def _flag_toggled(self, flag: ScreeningFlag, on: bool) -> None:
        self._refresh(select=flag if on else None)
        self.sig_changed.emit()

    def _refresh(self, select: ScreeningFlag | None = None) -> None:
        current = select or self.current_flag()
        ticked = [f for f, cb in self.flag_boxes.items() if cb.isChecked()]
        self.region_flag.blockSignals(True)
        self.region_flag.clear()
        for f in ticked:
            self.region_flag.addItem(flag_label(f.value), f.value)
        if current in ticked:
            self.region_flag.setCurrentIndex(ticked.index(current))
        self.region_flag.blockSignals(False)
        enabled = bool(ticked) and self._usable
        self.region_flag.setEnabled(enabled)
        self.body_map.setEnabled(enabled)
        for f, cb in self.flag_boxes.items():
            cb.setText(
                flag_text(f.value, self._regions.get(f)) if cb.isChecked() else flag_label(f.value)
            )
        self._show_map_for_current()

    def current_flag(self) -> ScreeningFlag | None:
        """The flag whose regions the map shows (None: no flag is ticked)."""
        code = self.region_flag.currentData()
        return ScreeningFlag(code) if code else None

    def _show_map_for_current(self) -> None:
        flag = self.current_flag()
        self._showing_map_for = None  # the map's change below is not an edit of a flag
        self.body_map.set_value(self._regions.get(flag, ()) if flag else ())
        self._showing_map_for = flag
        if flag is None:
            self.region_hint.setText(tr("Tick a flag to mark the regions it concerns."))
        elif self._regions.get(flag):
            self.region_hint.setText(flag_text(flag.value, self._regions[flag]) + ".")
        else:
            self.region_hint.setText(
                arg(
                    tr(
                        "%1: no region chosen, so it concerns the whole body. "
                        "Click the regions it concerns (or Tab, arrows and Space)."
                    ),
                    flag_label(flag.value),
                )
            )

    def _map_changed(self) -> None:
        flag = self._showing_map_for
        if flag is None:
            return
        chosen = self.body_map.value()
        self._regions[flag] = parse_flag_regions(",".join(chosen)) if chosen else ()
        self.flag_boxes[flag].setText(flag_text(flag.value, self._regions[flag]))
        self._show_map_for_current()
        self.sig_changed.emit()
