"""The new-plan dialog's screening flags: what the patient's flags mean for this plan, and the
acknowledgement a needling plan (or one that targets a flagged region) needs before booking."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QVBoxLayout, QWidget

from planner.core.domain import ScreeningFlag
from planner.services.booking.plans import PlanContext
from planner.services.schedule.values import PatientRow
from planner.ui.dialogs.patient_flags import flag_text
from planner.ui.i18n import arg, tr
from planner.ui.style import WARNING, WARNING_FILL, flag_label


class FlagsBox(QFrame):
    """The patient's screening flags, prominently, with the acknowledgement when one is needed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flags")
        self.setStyleSheet(
            f"QFrame#flags {{ background: {WARNING_FILL}; border: 2px solid {WARNING};"
            " border-radius: 6px; }"
            f" QFrame#flags QLabel, QFrame#flags QCheckBox {{ color: {WARNING}; }}"
        )
        fl = QVBoxLayout(self)
        self.flags_text = QLabel(self)
        self.flags_text.setWordWrap(True)
        self.flags_text.setTextFormat(Qt.TextFormat.RichText)
        self.acknowledge = QCheckBox(
            tr(
                "I have &discussed these with the patient and the practitioner; "
                "the plan may go ahead"
            ),
            self,
        )
        fl.addWidget(self.flags_text)
        fl.addWidget(self.acknowledge)

    def show_flags(
        self,
        patient: PatientRow | None,
        ctx: PlanContext | None,
        *,
        needling: bool,
        needs_acknowledgement: bool,
    ) -> None:
        """Show the patient's flags for the plan (hide the box if there are none).

        ``ctx`` is the last preview's context for this patient, if there is one: it says which
        regions each flag names and which regions the plan targets."""
        flags = patient.flags if patient else ()
        if not flags:
            self.hide()
            return
        where = ctx.flag_regions if ctx is not None else {}

        def label(code: str) -> str:
            try:
                regions = where.get(ScreeningFlag(code))
            except ValueError:
                regions = None
            return flag_text(code, [r.code for r in regions]) if regions else flag_label(code)

        items = ", ".join(f"<b>{escape(label(f), quote=False)}</b>" for f in flags)
        targeted = ctx is not None and any(
            t.overlaps(w) for regions in where.values() for w in regions for t in ctx.regions
        )
        if needs_acknowledgement and (needling or targeted):
            text = (
                tr("⚠ <b>Screening flags.</b> %1: %2. Needling must be discussed before booking.")
                if needling
                else tr(
                    "⚠ <b>Screening flags.</b> %1: %2. The plan targets a flagged region: "
                    "discuss it before booking."
                )
            )
            self.flags_text.setText(
                arg(text, escape(patient.name, quote=False) if patient else "", items)
            )
            self.acknowledge.show()
        elif needling:
            self.flags_text.setText(
                arg(
                    tr(
                        "⚠ <b>Screening flags.</b> %1. The flagged regions (hatched red on the "
                        "map) are not targets of this plan; no acknowledgement needed."
                    ),
                    items,
                )
            )
            self.acknowledge.hide()
        else:
            self.flags_text.setText(
                arg(
                    tr(
                        "⚠ <b>Screening flags.</b> %1. This plan does not use needles; "
                        "no acknowledgement needed."
                    ),
                    items,
                )
            )
            self.acknowledge.hide()
        self.show()
