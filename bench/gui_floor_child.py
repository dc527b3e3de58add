"""The floor for ``bench_gui.py``'s start-up: the least a window can do to show a filled week.

Reads this week's sessions of the first location straight from the SQLite file (one query,
no numbering, regions or hours), then shows a ``QMainWindow`` with a menu bar, a status bar
and a scroll area that paints one rectangle with the patient's elided name per session, and
prints ``BENCH-READY`` when that paint is done. No real window can show the week in less:
it is what planner's start-up is measured against besides the bare window, to tell how much
of the gap is the planner and how much is showing any week at all.

    python bench/gui_floor_child.py DB
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, datetime, timedelta


def main(db: str) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    today = datetime.now(UTC).replace(tzinfo=None)
    monday = (today - timedelta(days=today.weekday())).replace(hour=0, minute=0, second=0)
    (location,) = con.execute("SELECT id FROM locations ORDER BY id LIMIT 1").fetchone()
    rows = con.execute(
        "SELECT p.name, a.start_local, a.duration_min, a.practitioner_id"
        " FROM appointments a JOIN patients p ON p.id = a.patient_id"
        " WHERE a.location_id = ? AND a.start_utc >= ? AND a.start_utc < ?"
        " AND a.status != 'cancelled'",
        (location, str(monday), str(monday + timedelta(days=7))),
    ).fetchall()
    con.close()

    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFontMetrics, QPainter, QStaticText
    from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QMainWindow

    app = QApplication(sys.argv[:1])

    class Week(QAbstractScrollArea):
        def __init__(self) -> None:
            super().__init__()
            fm = QFontMetrics(self.font())
            self.items = []
            for name, start, minutes, practitioner in rows:
                s = datetime.fromisoformat(start)
                x = 60 + s.weekday() * 210 + (practitioner % 3) * 70
                rect = QRectF(x, (s.hour - 7) * 60 + s.minute, 68, minutes)
                text = QStaticText(fm.elidedText(name, Qt.TextElideMode.ElideRight, 60))
                text.prepare()
                self.items.append((rect, text))

        def paintEvent(self, event: object) -> None:
            p = QPainter(self.viewport())
            p.fillRect(self.viewport().rect(), QColor("#ffffff"))
            fill = QColor("#cfe3f7")
            for rect, text in self.items:
                p.fillRect(rect, fill)
                p.drawStaticText(rect.topLeft() + QPointF(4, 2), text)
            p.end()
            if self.items:
                print("BENCH-READY", len(self.items), flush=True)
                app.quit()

    window = QMainWindow()
    window.resize(1600, 1000)
    window.setCentralWidget(Week())
    window.menuBar().addMenu("&File")
    window.statusBar().showMessage(f"{len(rows)} sessions")
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
