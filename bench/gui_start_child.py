"""One start-up of the window for ``bench_gui.py``: runs ``planner gui --db DB`` and prints
``BENCH-READY`` once the filled week is painted, then quits.

It goes through the real command (``planner.cli.main``, as the ``planner`` script does), so
everything a user's start pays for is measured. The only addition is a watcher on the window
(``planner.ui.app.launch`` is wrapped to pass ``on_window``). ``bench_gui.py`` points
``XDG_CONFIG_HOME`` at an empty folder so the settings are the defaults, never the user's.
A separate, small script so that the process imports nothing of the benchmark's own
machinery (subprocess, statistics, tracemalloc, ...).

    python bench/gui_start_child.py DB
"""

from __future__ import annotations

import sys
from typing import Any

MARK = "BENCH-READY"


def main(db: str) -> int:
    from planner import cli
    from planner.ui import app as gui

    launch = gui.launch

    def watched(args: Any, **kw: Any) -> Any:
        own = kw.pop("on_window", None)

        def watch(window: Any) -> None:
            if own is not None:
                own(window)

            def shown() -> None:
                if window.view.visible_items() > 0:
                    print(MARK, window.view.visible_items(), flush=True)
                    window.close()

            window.sig_week_shown.connect(shown)

        return launch(args, on_window=watch, **kw)

    gui.launch = watched
    return cli.main(["gui", "--db", db])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
