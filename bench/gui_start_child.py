"""One start-up of the window for ``bench_gui.py``: prints ``BENCH-READY`` once the filled week
is painted, then quits.

A separate, small script so that the planner process imports only what ``planner.ui.app.main``
imports (the bare-window baseline imports only PySide6); ``bench_gui.py`` itself pulls in the
measuring machinery (subprocess, statistics, tracemalloc, ...), which is no part of start-up.

    python bench/gui_start_child.py DB
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

MARK = "BENCH-READY"


def main(db: str) -> int:
    """Run the real start-up path (as ``planner.ui.app.main``, in the same order)."""
    from PySide6.QtCore import QSettings

    from planner.ui import app as gui
    from planner.ui.errors import install_excepthook, setup_logging
    from planner.ui.settings import AppSettings

    qapp = gui.application()
    log = Path(tempfile.gettempdir()) / "planner-bench-gui.log"
    gui.after_first_paint(lambda: setup_logging(log))
    holder: dict[str, Any] = {}
    install_excepthook(lambda: holder.get("window"))
    settings = AppSettings(
        QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    )

    def watch(window: Any) -> None:
        holder["window"] = window

        def shown() -> None:
            if window.view.visible_items() > 0:
                print(MARK, window.view.visible_items(), flush=True)
                qapp.quit()

        window.sig_week_shown.connect(shown)

    args = gui.build_parser().parse_args(["--db", db])
    window = gui.launch(args, settings=settings, on_window=watch)
    rc = qapp.exec()
    window.worker.wait()
    return rc


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
