"""Paint the patient's plan card on one page: a PDF (QPdfWriter), a printer or an image.

What the card says comes from :func:`planner.services.plan_card.card_blocks` (Qt-free and
tested as text); this module only lays the blocks out. The page is A4, or US Letter where
the locale uses it (:func:`page_size_for`). The card always fits one page: when a long plan
does not fit, the session table goes to two or three columns and the type gets smaller, and
only when even that is not enough are the last sessions summed up in one line.

Coordinates are device pixels of the paint rectangle (inside the margins); fonts are set in
points, which Qt converts with the device's own resolution, so a 1200 dpi PDF, a printer and
a 150 dpi preview image show the same page.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
)

from planner.errors import ExportFailed
from planner.services.plan_card import Block, PlanCard, card_blocks

ACCENT = QColor("#1f5f9e")
INK = QColor("#1f2328")
MUTED = QColor("#5f6670")
RULE = QColor("#c9d1da")
STRIPE = QColor("#f1f5f9")
DONE = QColor("#8a9199")

MARGIN_MM = 16.0
PDF_DPI = 1200

# Countries whose paper is US Letter (the Americas, mostly, and the Philippines).
_LETTER_TERRITORIES = {
    "UnitedStates",
    "Canada",
    "Mexico",
    "Philippines",
    "Chile",
    "Colombia",
    "Venezuela",
    "CostaRica",
    "Guatemala",
    "Panama",
    "PuertoRico",
    "DominicanRepublic",
    "ElSalvador",
    "Nicaragua",
    "Honduras",
}


def page_size_for(locale: object | None = None) -> QPageSize:
    """A4, or US Letter for a locale of a country that prints on Letter."""
    from PySide6.QtCore import QLocale

    loc = locale if isinstance(locale, QLocale) else QLocale()
    if loc.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    if loc.territory().name in _LETTER_TERRITORIES:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def parse_paper(text: str | None) -> QPageSize | None:
    """``a4`` or ``letter`` (the command line's ``--paper``); None for the locale's."""
    if not text:
        return None
    key = text.strip().lower()
    if key == "a4":
        return QPageSize(QPageSize.PageSizeId.A4)
    if key in ("letter", "us-letter"):
        return QPageSize(QPageSize.PageSizeId.Letter)
    from planner.errors import BadInput

    raise BadInput(f"unknown paper size '{text}'; use a4 or letter")


def ensure_gui_app() -> QGuiApplication:
    """An application for painting text (the command line has none; offscreen when no
    display is there). A QApplication, not a QGuiApplication: a process that made one
    could never show a widget afterwards."""
    from PySide6.QtWidgets import QApplication

    app = QGuiApplication.instance()
    if app is None:
        if (
            sys.platform.startswith("linux")
            and not os.environ.get("QT_QPA_PLATFORM")
            and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        ):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication(["planner"])
        global _APP
        _APP = app
    assert isinstance(app, QGuiApplication)
    return app


_APP: QGuiApplication | None = None


# -- layout ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    scale: float
    """Multiplies every point size (1.0, then smaller for long plans)."""
    columns: int
    """Columns of the session table."""

    def font(self, points: float, *, bold: bool = False) -> QFont:
        f = QFont()
        f.setPointSizeF(points * self.scale)
        f.setBold(bold)
        return f


_STYLES = [
    _Style(1.0, 1),
    _Style(0.92, 1),
    _Style(0.84, 1),
    _Style(0.84, 2),
    _Style(0.76, 2),
    _Style(0.7, 3),
    _Style(0.62, 3),
]


class _Card:
    """Lays the blocks out on one device; :meth:`paint` draws, :meth:`height` measures."""

    def __init__(self, device: QPaintDevice, blocks: Sequence[Block], width: float) -> None:
        self.device = device
        self.blocks = list(blocks)
        self.width = width
        self.pt = device.logicalDpiY() / 72.0
        """Device pixels per point."""

    # measuring ---------------------------------------------------------------------------
    def fm(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.device)

    def text_height(self, font: QFont, text: str, width: float) -> float:
        r = self.fm(font).boundingRect(
            QRectF(0, 0, width, 1e7), int(Qt.TextFlag.TextWordWrap), text
        )
        return r.height()

    def _fonts(self, st: _Style) -> dict[str, QFont]:
        return {
            "clinic": st.font(17, bold=True),
            "contact": st.font(10),
            "phone": st.font(12, bold=True),
            "title": st.font(20, bold=True),
            "subtitle": st.font(11),
            "heading": st.font(12.5, bold=True),
            "text": st.font(10),
            "cell": st.font(10),
            "cell_bold": st.font(10, bold=True),
            "head": st.font(8.5, bold=True),
            "footer": st.font(8),
        }

    def _rows(self, st: _Style, table: Block) -> Sequence[tuple[str, ...]]:
        """The long rows for one column, the short ones for several."""
        return table.rows if st.columns == 1 or not table.compact else table.compact

    def _table_geometry(
        self, st: _Style, rows: Sequence[tuple[str, ...]]
    ) -> tuple[list[float], float, float]:
        """Column widths (content and padding), the width of one table column, row height."""
        fonts = self._fonts(st)
        pad = 8 * self.pt * st.scale
        between = 16 * self.pt * st.scale
        widths = []
        for c in range(len(rows[0])):
            w = 0.0
            for i, row in enumerate(rows):
                font = fonts["head"] if i == 0 else fonts["cell_bold" if c == 3 else "cell"]
                w = max(w, self.fm(font).horizontalAdvance(row[c]))
            widths.append(w + (pad if w else 0))
        col_w = (self.width - between * (st.columns - 1)) / st.columns
        row_h = self.fm(fonts["cell"]).height() * 1.5
        return widths, col_w, row_h

    def _fits_width(self, st: _Style, rows: Sequence[tuple[str, ...]]) -> bool:
        """The table's columns fit without cutting anything but the last (the note)."""
        widths, col_w, _row_h = self._table_geometry(st, rows)
        return sum(widths[:-1]) <= col_w

    def height(self, st: _Style, shown: int | None = None) -> float:
        """Height of the whole card in this style (with ``shown`` session rows)."""
        return self._layout(st, None, shown)

    # painting ----------------------------------------------------------------------------
    def paint(self, painter: QPainter, page_height: float) -> None:
        table = next((b for b in self.blocks if b.kind == "sessions"), None)
        usable = [
            st
            for st in _STYLES
            if table is None or len(table.rows) < 2 or self._fits_width(st, self._rows(st, table))
        ] or [_STYLES[-1]]
        for st in usable:
            if self.height(st) <= page_height:
                self._layout(st, painter, None, page_height)
                return
        # Even the smallest style is too tall: show as many sessions as fit, in the style
        # that shows the most.
        assert table is not None
        best: tuple[int, _Style] = (0, usable[-1])
        for st in usable:
            lo, hi = 0, len(table.rows) - 1
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if self.height(st, mid) <= page_height:
                    lo = mid
                else:
                    hi = mid - 1
            if lo > best[0]:
                best = (lo, st)
        self._layout(best[1], painter, best[0], page_height)

    def _layout(
        self,
        st: _Style,
        painter: QPainter | None,
        shown: int | None,
        page_height: float | None = None,
    ) -> float:
        fonts = self._fonts(st)
        pt = self.pt * st.scale
        y = 0.0
        footer: Block | None = None
        for b in self.blocks:
            if b.kind == "header":
                y = self._header(painter, b, fonts, y, pt)
            elif b.kind == "title":
                y += 14 * pt
                y = self._text(painter, b.text, fonts["title"], y, ACCENT)
            elif b.kind == "subtitle":
                y += 2 * pt
                y = self._text(painter, b.text, fonts["subtitle"], y, MUTED)
            elif b.kind == "heading":
                y += 14 * pt
                y = self._text(painter, b.text, fonts["heading"], y, INK)
                y += 3 * pt
            elif b.kind == "text":
                y += 3 * pt
                y = self._text(painter, b.text, fonts["text"], y, INK)
            elif b.kind == "sessions" and len(b.rows) > 1:
                y += 6 * pt
                y = self._table(painter, st, self._rows(st, b), fonts, y, shown)
            elif b.kind == "footer":
                footer = b
        if footer is not None:
            fh = self.fm(fonts["footer"]).height()
            y += 18 * pt + fh
            if painter is not None and page_height is not None:
                painter.setFont(fonts["footer"])
                painter.setPen(MUTED)
                top = page_height - fh
                painter.setPen(QPen(RULE, max(1.0, 0.6 * self.pt)))
                painter.drawLine(QPointF(0, top - 5 * pt), QPointF(self.width, top - 5 * pt))
                painter.setPen(MUTED)
                painter.drawText(
                    QRectF(0, top, self.width, fh),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    footer.text,
                )
        return y

    def _text(
        self, painter: QPainter | None, text: str, font: QFont, y: float, colour: QColor
    ) -> float:
        h = self.text_height(font, text, self.width)
        if painter is not None:
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(
                QRectF(0, y, self.width, h),
                int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft),
                text,
            )
        return y + h

    def _header(
        self, painter: QPainter | None, b: Block, fonts: dict[str, QFont], y: float, pt: float
    ) -> float:
        """The clinic's name and address on the left, the phone number large on the right."""
        lines = [row[0] for row in b.rows]
        phone = next((row[0] for row in b.rows if row[-1] == "phone"), "")
        contact = [x for x in lines if x is not phone]
        name_h = self.fm(fonts["clinic"]).height()
        line_h = self.fm(fonts["contact"]).height()
        phone_font = fonts["phone"]
        phone_w = self.fm(phone_font).horizontalAdvance(phone.split("  ·  ")[0]) if phone else 0
        left_w = self.width - phone_w - 16 * pt
        h = name_h + sum(self.text_height(fonts["contact"], x, left_w) for x in contact)
        if phone and "  ·  " in phone:
            h = max(h, name_h + line_h * 2)
        if painter is not None:
            painter.setFont(fonts["clinic"])
            painter.setPen(INK)
            painter.drawText(
                QRectF(0, y, left_w, name_h),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                b.text,
            )
            yy = y + name_h
            painter.setFont(fonts["contact"])
            painter.setPen(MUTED)
            for x in contact:
                lh = self.text_height(fonts["contact"], x, left_w)
                painter.drawText(
                    QRectF(0, yy, left_w, lh),
                    int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft),
                    x,
                )
                yy += lh
            if phone:
                parts = phone.split("  ·  ")
                painter.setFont(phone_font)
                painter.setPen(ACCENT)
                painter.drawText(
                    QRectF(0, y, self.width, name_h),
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                    parts[0],
                )
                painter.setFont(fonts["contact"])
                painter.setPen(MUTED)
                for i, extra in enumerate(parts[1:]):
                    painter.drawText(
                        QRectF(0, y + name_h + i * line_h, self.width, line_h),
                        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                        extra,
                    )
        y += h + 8 * pt
        if painter is not None:
            painter.setPen(QPen(ACCENT, 2.2 * pt))
            painter.drawLine(QPointF(0, y), QPointF(self.width, y))
        return y + 2.2 * pt

    def _table(
        self,
        painter: QPainter | None,
        st: _Style,
        rows: Sequence[tuple[str, ...]],
        fonts: dict[str, QFont],
        y: float,
        shown: int | None,
    ) -> float:
        head, body = rows[0], list(rows[1:])
        hidden = 0
        if shown is not None and shown < len(body):
            hidden = len(body) - shown
            body = body[:shown]
        widths, col_w, row_h = self._table_geometry(st, rows)
        widths = list(widths)
        spare = col_w - sum(widths)
        if spare >= 0:  # the spare width goes to the session's name and the note
            session = 4
            widths[session] += spare * 0.5
            widths[-1] += spare * 0.5
        else:  # the note takes what is left, cut short with an ellipsis
            widths[-1] = max(0.0, widths[-1] + spare)
        per_col = -(-len(body) // st.columns) if body else 0
        head_h = self.fm(fonts["head"]).height() * 1.5
        between = (self.width - col_w * st.columns) / max(1, st.columns - 1)
        for c in range(st.columns):
            x0 = c * (col_w + between)
            chunk = body[c * per_col : (c + 1) * per_col]
            if painter is not None and (chunk or c == 0):
                self._table_row(painter, head, widths, x0, y, head_h, fonts, header=True)
            for i, row in enumerate(chunk):
                ry = y + head_h + i * row_h
                if painter is not None:
                    if i % 2 == 0:
                        painter.fillRect(QRectF(x0, ry, col_w, row_h), STRIPE)
                    self._table_row(painter, row, widths, x0, ry, row_h, fonts)
        y += head_h + per_col * row_h
        if painter is not None:
            painter.setPen(QPen(RULE, max(1.0, 0.6 * self.pt)))
            painter.drawLine(QPointF(0, y), QPointF(self.width, y))
        if hidden:
            text = (
                f"… and {hidden} more session{'s' if hidden != 1 else ''}, the last on "
                f"{rows[-1][1]} {rows[-1][2]}: ask us for the full list."
            )
            y = self._text(painter, text, fonts["text"], y + 4 * self.pt * st.scale, MUTED)
        return y

    def _table_row(
        self,
        painter: QPainter,
        row: Sequence[str],
        widths: Sequence[float],
        x0: float,
        y: float,
        h: float,
        fonts: dict[str, QFont],
        *,
        header: bool = False,
    ) -> None:
        x = x0
        done = not header and row[-1].endswith("done")
        inset = 4 * self.pt
        for c, text in enumerate(row):
            if header:
                font, colour = fonts["head"], MUTED
            else:
                font = fonts["cell_bold" if c == 3 else "cell"]
                colour = DONE if done or c in (0, len(row) - 1) else INK
            painter.setFont(font)
            painter.setPen(colour)
            if c == 0:  # the number, right-aligned against the day
                cell = QRectF(x, y, max(0.0, widths[c] - inset), h)
                align = Qt.AlignmentFlag.AlignRight
            else:
                cell = QRectF(x + inset, y, max(0.0, widths[c] - inset), h)
                align = Qt.AlignmentFlag.AlignLeft
            shown = self.fm(font).elidedText(text, Qt.TextElideMode.ElideRight, cell.width() + 1)
            painter.drawText(cell, int(align | Qt.AlignmentFlag.AlignVCenter), shown)
            x += widths[c]


# -- devices -------------------------------------------------------------------------------------


def paint_card(painter: QPainter, card: PlanCard, paint_rect: QRectF) -> None:
    """Paint the card into ``paint_rect`` (device pixels) of the painter's device."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.translate(paint_rect.topLeft())
    layout = _Card(painter.device(), card_blocks(card), paint_rect.width())
    layout.paint(painter, paint_rect.height())
    painter.restore()


def _layout_for(page_size: QPageSize) -> QPageLayout:
    return QPageLayout(
        page_size,
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def write_card_pdf(card: PlanCard, path: Path | str, *, page_size: QPageSize | None = None) -> Path:
    """Write the card as a one-page PDF, atomically (the old file stays if anything fails)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from planner.ics.atomic import AtomicFile

    ensure_gui_app()
    target = Path(path)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(_layout_for(page_size or page_size_for()))
    writer.setTitle(
        card.words.gettext("Plan card, {modality} plan for {patient}").format(
            modality=card.modality_label.lower(), patient=card.patient
        )
    )
    writer.setCreator("planner")
    painter = QPainter()
    if not painter.begin(writer):  # pragma: no cover - Qt could not start the PDF
        raise ExportFailed(f"cannot write {target}: Qt could not start the PDF")
    try:
        rect = writer.pageLayout().paintRectPixels(writer.resolution())
        paint_card(painter, card, QRectF(0, 0, rect.width(), rect.height()))
    finally:
        painter.end()
    buf.close()
    with AtomicFile(target) as f:
        f.write(bytes(data.data()))
        f.commit()
    return target


def print_card(card: PlanCard, printer: object) -> None:
    """Paint the card on a QPrinter (set up by a print dialog) as one page."""
    from PySide6.QtPrintSupport import QPrinter

    assert isinstance(printer, QPrinter)
    painter = QPainter()
    if not painter.begin(printer):
        raise ExportFailed("cannot print: the printer could not be started")
    try:
        rect = printer.pageLayout().paintRectPixels(printer.resolution())
        paint_card(painter, card, QRectF(0, 0, rect.width(), rect.height()))
    finally:
        painter.end()


def new_printer(page_size: QPageSize | None = None) -> object:
    """A QPrinter with the card's page (A4 or Letter by locale) and margins."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_layout_for(page_size or page_size_for()))
    printer.setDocName("Plan card")
    return printer


def render_card_image(
    card: PlanCard, *, dpi: int = 110, page_size: QPageSize | None = None
) -> QImage:
    """The page as an image (the preview in the window, and for looking at it in tests)."""
    layout = _layout_for(page_size or page_size_for())
    full = layout.fullRectPixels(dpi)
    paint = layout.paintRectPixels(dpi)
    image = QImage(full.width(), full.height(), QImage.Format.Format_RGB32)
    dpm = round(dpi / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        paint_card(painter, card, QRectF(paint.x(), paint.y(), paint.width(), paint.height()))
    finally:
        painter.end()
    return image


__all__ = [
    "new_printer",
    "page_size_for",
    "paint_card",
    "parse_paper",
    "print_card",
    "render_card_image",
    "write_card_pdf",
]
