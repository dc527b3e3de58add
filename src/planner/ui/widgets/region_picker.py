"""Pick body regions with their side: a compact grid of check boxes, keyboard friendly."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QWidget

from planner.core import vocabulary
from planner.core.regions import BodyRegion, Region, Side, parse_region
from planner.errors import PlannerError
from planner.ui.i18n import tr, ui_words


class RegionPicker(QWidget):
    """Regions as check boxes: one for a midline region, left and right for a sided one."""

    sig_changed = Signal()
    """The chosen regions changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        self._boxes: dict[tuple[Region, Side | None], QCheckBox] = {}
        w = ui_words()
        side_letters = {
            Side.LEFT: tr("L", "the left side of a body region (a check box)"),
            Side.RIGHT: tr("R", "the right side of a body region (a check box)"),
        }
        regions = list(Region)
        half = (len(regions) + 1) // 2
        for i, region in enumerate(regions):
            row, block = i % half, (i // half) * 3
            name = vocabulary.region(region, w)
            label = QLabel(name, self)
            grid.addWidget(label, row, block)
            if region.sided:
                for j, side in enumerate((Side.LEFT, Side.RIGHT)):
                    box = QCheckBox(side_letters[side], self)
                    sided = vocabulary.body_region(BodyRegion(region, side), w)
                    box.setToolTip(sided)
                    box.setAccessibleName(sided)
                    grid.addWidget(box, row, block + 1 + j)
                    self._boxes[(region, side)] = box
            else:
                box = QCheckBox(self)
                box.setToolTip(name)
                box.setAccessibleName(name)
                grid.addWidget(box, row, block + 1)
                self._boxes[(region, None)] = box
            label.setBuddy(self._boxes[(region, Side.LEFT if region.sided else None)])
        grid.setColumnStretch(6, 1)
        for box in self._boxes.values():
            box.toggled.connect(lambda _on: self.sig_changed.emit())

    def value(self) -> list[str]:
        """Region codes in body order (``shoulders`` when both sides are ticked)."""
        out: list[str] = []
        for region in Region:
            if region.sided:
                left = self._boxes[(region, Side.LEFT)].isChecked()
                right = self._boxes[(region, Side.RIGHT)].isChecked()
                if left and right:
                    out.append(BodyRegion(region, Side.BOTH).code)
                elif left or right:
                    out.append(BodyRegion(region, Side.LEFT if left else Side.RIGHT).code)
            elif self._boxes[(region, None)].isChecked():
                out.append(region.value)
        return out

    def set_value(self, codes: list[str] | tuple[str, ...]) -> None:
        chosen: set[tuple[Region, Side | None]] = set()
        for code in codes:
            try:
                r = parse_region(code)
            except PlannerError:
                continue
            if r.side is Side.BOTH:
                chosen.update({(r.region, Side.LEFT), (r.region, Side.RIGHT)})
            else:
                chosen.add((r.region, r.side))
        self.blockSignals(True)
        for key, box in self._boxes.items():
            box.blockSignals(True)
            box.setChecked(key in chosen)
            box.blockSignals(False)
        self.blockSignals(False)
        self.sig_changed.emit()

    def box(self, region: Region, side: Side | None = None) -> QCheckBox:
        return self._boxes[(region, side)]
