"""Paint the day list on as many A4 or Letter pages as it needs: a PDF, a printer or an image.

What the list says comes from :mod:`planner.services.day_list` (Qt-free, tested as text);
this module lays it out: the heading (clinic, whose list, the day) and the column titles on
every page, one row per session with its cells wrapped, the sessions' count, the cancelled
ones left out and "page 2 of 3" in each page's footer.

The layout is computed once in fixed units (:data:`UNITS_PER_INCH`, fonts in pixels of that
grid) and painted on each device through a scale, so a 1200 dpi PDF, a printer and the
dialog's 100 dpi preview break their pages at exactly the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)

from planner.errors import ExportFailed
from planner.services.day_list import COLUMN_KEYS, DayList, table
from planner.ui.i18n import arg, tr
from planner.ui.plan_card import (
    ACCENT,
    INK,
    MARGIN_MM,
    MUTED,
    PDF_DPI,
    RULE,
    STRIPE,
    ensure_gui_app,
    page_size_for,
    parse_paper,
)

WARN = QColor("#9a3412")
"""Screening flags and no-shows: dark orange-red, still readable on a black-and-white print."""
DONE = QColor("#2f6b3a")

UNITS_PER_INCH = 1200
"""The layout's grid: every length below is in 1/1200 inch, whatever device it is painted on."""
NOTE_LIMIT = 600
"""Characters of a session's notes printed (longer notes end in an ellipsis): a row never
grows taller than a page."""


def _pt(points: float) -> float:
    return points * UNITS_PER_INCH / 72.0


def _font(points: float, *, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(round(_pt(points)))
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # the same on every device
    return f


def _wrapped(text: str, font: QFont, width: float) -> tuple[QTextLayout, float]:
    """``text`` laid out in lines of ``width``: broken between words, and inside a word only
    when the word alone is wider than the line (QPainter.drawText offers one or the other)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout, y


@dataclass(frozen=True)
class _Line:
    text: str
    font: QFont
    colour: QColor


class _Layout:
    """The day list laid out on pages of ``page_size``; :meth:`paint_page` draws one."""

    def __init__(self, dl: DayList, page_size: QPageSize) -> None:
        ensure_gui_app()
        self.dl = dl
        self.page = page_layout(page_size)
        r = self.page.paintRect(QPageLayout.Unit.Inch)
        self.width = r.width() * UNITS_PER_INCH
        self.height = r.height() * UNITS_PER_INCH
        self.fonts = {
            "clinic": _font(10, bold=True),
            "title": _font(16, bold=True),
            "day": _font(14, bold=True),
            "detail": _font(9),
            "head": _font(7.5, bold=True),
            "cell": _font(8.5),
            "cell_bold": _font(8.5, bold=True),
            "small": _font(7.5),
            "empty": _font(12),
            "footer": _font(7.5),
        }
        self._wrap_cache: dict[tuple[str, str, float], tuple[QTextLayout, float]] = {}
        self.pad_x = _pt(3.5)
        self.pad_y = _pt(3)
        self.titles, body = table(dl)
        self.cells = [self._cell_lines(row) for row in body]
        self.widths = self._column_widths()
        self.header_h = self._header(None)
        self.head_h = self._head_height()
        self.footer_h = self._line_h(self.fonts["footer"]) + _pt(8)
        self.body_h = max(_pt(36), self.height - self.header_h - self.head_h - self.footer_h)
        self.row_heights = [min(self._row_height(c), self.body_h) for c in self.cells]
        self.pages = self._paginate()

    # measuring ---------------------------------------------------------------------------
    def fm(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font)

    def _line_h(self, font: QFont) -> float:
        return self.fm(font).height()

    def _text(self, line: _Line, width: float) -> tuple[QTextLayout, float]:
        key = (line.text, line.font.key(), round(width, 2))
        if key not in self._wrap_cache:
            self._wrap_cache[key] = _wrapped(line.text, line.font, width)
        return self._wrap_cache[key]

    def _cell_lines(self, row: Sequence[tuple[str, ...]]) -> list[list[_Line]]:
        """Each cell's lines with their font and colour, by what the column holds."""
        f = self.fonts
        out: list[list[_Line]] = []
        for key, lines in zip(COLUMN_KEYS, row, strict=True):
            styled: list[_Line] = []
            for i, text in enumerate(lines):
                if key == "time":
                    styled.append(_Line(text, f["cell_bold"], INK))
                elif key == "patient":
                    styled.append(
                        _Line(text, f["cell_bold"], INK)
                        if i == 0
                        else _Line(text, f["small"], MUTED)
                    )
                elif key == "session" and i > 0:
                    colour = WARN if text == "No-show" else DONE
                    styled.append(_Line(text, f["cell_bold"], colour))
                elif key == "flags":
                    styled.append(_Line(f"⚠ {text}", f["cell_bold"], WARN))
                elif key == "notes":
                    short = text if len(text) <= NOTE_LIMIT else text[: NOTE_LIMIT - 1] + "…"
                    styled.append(_Line(short, f["cell"], INK))
                else:
                    styled.append(_Line(text, f["cell"], INK))
            out.append(styled)
        return out

    def _column_widths(self) -> list[float]:
        """Widths the way a browser sizes an automatic table: every column gets at least
        its longest word (and its title), then the width left goes to the columns in
        proportion to how much more they would need to show every line unbroken."""
        head = self.fm(self.fonts["head"])
        natural = [head.horizontalAdvance(t.upper()) for t in self.titles]
        least = [max(head.horizontalAdvance(w) for w in t.upper().split()) for t in self.titles]
        for cells in self.cells:
            for c, lines in enumerate(cells):
                for ln in lines:
                    fm = self.fm(ln.font)
                    natural[c] = max(natural[c], fm.horizontalAdvance(ln.text))
                    # A short line ("No room", "Room 12") is kept whole; others break
                    # between words.
                    words = [ln.text] if len(ln.text) <= 12 else ln.text.split() or [""]
                    least[c] = max(least[c], *(fm.horizontalAdvance(w) for w in words))
        if self.cells and any(cells[-1] for cells in self.cells):  # notes, when there are any
            least[-1] = max(least[-1], 0.16 * self.width)
        cap = 0.3 * self.width  # a very long word is broken rather than squeeze the rest
        least = [min(w, cap) + 2 * self.pad_x + _pt(0.5) for w in least]  # + rounding
        # A column never asks for more than a fair share, so one long flag or note does not
        # squeeze every other column down to its longest word.
        share = [0.22 * self.width] * (len(natural) - 1) + [self.width]
        natural = [
            max(min(w, cap_) + 2 * self.pad_x, m)
            for w, cap_, m in zip(natural, share, least, strict=True)
        ]
        if sum(natural) <= self.width:
            widths = natural
            spare = self.width - sum(widths)
            widths[-1] += spare  # room to write on the printed list, when there are no notes
            return widths
        room = self.width - sum(least)
        if room <= 0:
            return [w * self.width / sum(least) for w in least]
        wants = [nat - m for nat, m in zip(natural, least, strict=True)]
        return [m + room * w / sum(wants) for m, w in zip(least, wants, strict=True)]

    def _cell_height(self, lines: Sequence[_Line], width: float) -> float:
        inner = max(1.0, width - 2 * self.pad_x)
        return sum(self._text(ln, inner)[1] for ln in lines)

    def _row_height(self, cells: Sequence[Sequence[_Line]]) -> float:
        tallest = max(
            [self._line_h(self.fonts["cell"])]
            + [self._cell_height(c, w) for c, w in zip(cells, self.widths, strict=True)]
        )
        return tallest + 2 * self.pad_y

    def _paginate(self) -> list[list[int]]:
        """The rows of each page: as many as fit under the heading (at least one page)."""
        pages: list[list[int]] = [[]]
        used = 0.0
        for i, h in enumerate(self.row_heights):
            if pages[-1] and used + h > self.body_h:
                pages.append([])
                used = 0.0
            pages[-1].append(i)
            used += h
        return pages

    @property
    def page_count(self) -> int:
        return len(self.pages)

    # painting ----------------------------------------------------------------------------
    def paint_page(self, painter: QPainter, index: int) -> None:
        """Page ``index`` (0-based) in the painter's current coordinates (layout units)."""
        y = self._header(painter)
        rows = self.pages[index]
        if not self.cells:
            painter.setFont(self.fonts["empty"])
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(0, y + _pt(14), self.width, self._line_h(self.fonts["empty"])),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                tr("No sessions booked."),
            )
        else:
            y = self._table_head(painter, y)
            for n, i in enumerate(rows):
                y = self._row(painter, i, y, stripe=n % 2 == 1)
            painter.setPen(QPen(RULE, _pt(0.6)))
            painter.drawLine(QPointF(0, y), QPointF(self.width, y))
        self._footer(painter, index)

    def _header(self, painter: QPainter | None) -> float:
        """Clinic and printed time; whose list and the day; the detail line; a rule."""
        dl, f = self.dl, self.fonts
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        y = 0.0
        lines = [
            ((dl.clinic_name, f["clinic"], ACCENT), (dl.printed_text, f["footer"], MUTED)),
            ((dl.title, f["title"], INK), (dl.day_text, f["day"], ACCENT)),
            ((dl.detail, f["detail"], MUTED), ("", f["detail"], MUTED)),
        ]
        for (ltext, lfont, lcol), (rtext, rfont, rcol) in lines:
            if not ltext and not rtext:
                continue
            h = max(self._line_h(lfont), self._line_h(rfont))
            if painter is not None:
                rw = self.fm(rfont).horizontalAdvance(rtext) if rtext else 0.0
                lw = max(0.0, self.width - rw - (_pt(12) if rtext else 0))
                painter.setFont(lfont)
                painter.setPen(lcol)
                shown = self.fm(lfont).elidedText(ltext, Qt.TextElideMode.ElideRight, lw)
                painter.drawText(QRectF(0, y, lw, h), left, shown)
                if rtext:
                    painter.setFont(rfont)
                    painter.setPen(rcol)
                    painter.drawText(QRectF(0, y, self.width, h), right, rtext)
            y += h + _pt(1.5)
        y += _pt(3)
        if painter is not None:
            painter.setPen(QPen(ACCENT, _pt(1.6)))
            painter.drawLine(QPointF(0, y), QPointF(self.width, y))
        return y + _pt(6)

    def _head_lines(self) -> list[_Line]:
        return [_Line(t.upper(), self.fonts["head"], MUTED) for t in self.titles]

    def _head_height(self) -> float:
        return (
            max(
                self._text(ln, max(1.0, w - 2 * self.pad_x))[1]
                for ln, w in zip(self._head_lines(), self.widths, strict=True)
            )
            + 2 * self.pad_y
        )

    def _table_head(self, painter: QPainter, y: float) -> float:
        x = 0.0
        for ln, w in zip(self._head_lines(), self.widths, strict=True):
            text, lh = self._text(ln, max(1.0, w - 2 * self.pad_x))
            painter.setPen(ln.colour)
            text.draw(painter, QPointF(x + self.pad_x, y + self.head_h - self.pad_y - lh))
            x += w
        y += self.head_h
        painter.setPen(QPen(INK, _pt(0.8)))
        painter.drawLine(QPointF(0, y), QPointF(self.width, y))
        return y

    def _row(self, painter: QPainter, i: int, y: float, *, stripe: bool) -> float:
        h = self.row_heights[i]
        if stripe:
            painter.fillRect(QRectF(0, y, self.width, h), STRIPE)
        x = 0.0
        for lines, w in zip(self.cells[i], self.widths, strict=True):
            inner = max(1.0, w - 2 * self.pad_x)
            painter.save()
            painter.setClipRect(QRectF(x, y, w, h))  # a row cut to the page's height
            yy = y + self.pad_y
            for ln in lines:
                text, lh = self._text(ln, inner)
                painter.setPen(ln.colour)
                text.draw(painter, QPointF(x + self.pad_x, yy))
                yy += lh
            painter.restore()
            x += w
        painter.setPen(QPen(RULE, _pt(0.4)))
        painter.drawLine(QPointF(0, y + h), QPointF(self.width, y + h))
        return y + h

    def _footer(self, painter: QPainter, index: int) -> None:
        fh = self._line_h(self.fonts["footer"])
        top = self.height - fh
        painter.setPen(QPen(RULE, _pt(0.6)))
        painter.drawLine(QPointF(0, top - _pt(4)), QPointF(self.width, top - _pt(4)))
        painter.setFont(self.fonts["footer"])
        painter.setPen(MUTED)
        page = arg(tr("page %1 of %2"), index + 1, self.page_count)
        pw = self.fm(self.fonts["footer"]).horizontalAdvance(page)
        left = f"{self.dl.subject}  ·  {self.dl.day_text}  ·  {self.dl.summary}"
        shown = self.fm(self.fonts["footer"]).elidedText(
            left, Qt.TextElideMode.ElideRight, self.width - pw - _pt(12)
        )
        v = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRectF(0, top, self.width, fh), int(Qt.AlignmentFlag.AlignLeft | v), shown)
        painter.drawText(QRectF(0, top, self.width, fh), int(Qt.AlignmentFlag.AlignRight | v), page)


# -- devices -------------------------------------------------------------------------------------


def page_layout(page_size: QPageSize | None = None) -> QPageLayout:
    """Portrait A4 or Letter (by the locale unless given) with the plan card's margins."""
    return QPageLayout(
        page_size or page_size_for(),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def _paint_all(painter: QPainter, device: QPagedPaintDevice, layout: _Layout, dpi: int) -> None:
    scale = dpi / UNITS_PER_INCH
    for index in range(layout.page_count):
        if index and not device.newPage():  # pragma: no cover - the device refused a page
            raise ExportFailed("cannot start a new page")
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.scale(scale, scale)
        layout.paint_page(painter, index)
        painter.restore()


def count_pages(dl: DayList, page_size: QPageSize | None = None) -> int:
    """How many pages the list takes on ``page_size`` (the same on every device)."""
    return _Layout(dl, page_size or page_size_for()).page_count


def write_day_list_pdf(dl: DayList, path: Path | str, page_size: QPageSize | None = None) -> Path:
    """Write the list as a PDF, atomically and private (a 0600 file renamed into place: the
    old file stays if anything fails)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from planner.ics.atomic import AtomicFile

    layout = _Layout(dl, page_size or page_size_for())
    target = Path(path)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(layout.page)
    writer.setTitle(", ".join((dl.title, dl.day_text)))
    writer.setCreator("planner")
    painter = QPainter()
    if not painter.begin(writer):  # pragma: no cover - Qt could not start the PDF
        raise ExportFailed(f"cannot write {target}: Qt could not start the PDF")
    try:
        _paint_all(painter, writer, layout, writer.resolution())
    finally:
        painter.end()
    buf.close()
    with AtomicFile(target) as f:
        f.write(bytes(data.data()))
        f.commit()
    return target


def new_printer(dl: DayList | None = None, page_size: QPageSize | None = None) -> object:
    """A QPrinter with the list's page (A4 or Letter by locale) and margins."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(page_size))
    printer.setDocName(", ".join((dl.title, dl.day_text)) if dl else tr("Day list"))
    return printer


def print_day_list(dl: DayList, printer: object) -> int:
    """Paint the list on a QPrinter (set up by a print dialog); the number of pages."""
    from PySide6.QtPrintSupport import QPrinter

    assert isinstance(printer, QPrinter)
    layout = _Layout(dl, printer.pageLayout().pageSize())
    painter = QPainter()
    if not painter.begin(printer):
        raise ExportFailed("cannot print: the printer could not be started")
    try:
        _paint_all(painter, printer, layout, printer.resolution())
    finally:
        painter.end()
    return layout.page_count


def _render(layout: _Layout, page: int, dpi: int) -> QImage:
    full = layout.page.fullRectPixels(dpi)
    paint = layout.page.paintRectPixels(dpi)
    image = QImage(full.width(), full.height(), QImage.Format.Format_RGB32)
    dpm = round(dpi / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.translate(paint.x(), paint.y())
        painter.scale(dpi / UNITS_PER_INCH, dpi / UNITS_PER_INCH)
        layout.paint_page(painter, page)
    finally:
        painter.end()
    return image


def render_day_list_image(
    dl: DayList, *, page: int = 0, dpi: int = 110, page_size: QPageSize | None = None
) -> QImage:
    """Page ``page`` (0-based) as an image, for looking at it in tests."""
    layout = _Layout(dl, page_size or page_size_for())
    if not 0 <= page < layout.page_count:
        raise IndexError(f"page {page} of a {layout.page_count}-page list")
    return _render(layout, page, dpi)


def render_day_list_pages(
    dl: DayList, *, dpi: int = 110, page_size: QPageSize | None = None
) -> list[QImage]:
    """Every page as an image (the dialog's preview shows them one under the other)."""
    layout = _Layout(dl, page_size or page_size_for())
    return [_render(layout, i, dpi) for i in range(layout.page_count)]


__all__ = [
    "count_pages",
    "new_printer",
    "page_layout",
    "page_size_for",
    "parse_paper",
    "print_day_list",
    "render_day_list_image",
    "render_day_list_pages",
    "write_day_list_pdf",
]
