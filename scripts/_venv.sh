# Shared by scripts/start and scripts/test: find Python 3.11+ and make .venv with it.
VENV=${PLANNER_VENV:-.venv}

find_python() {
    for py in "${PYTHON:-}" python3 python3.13 python3.12 python3.11; do
        [ -n "$py" ] || continue
        if command -v "$py" >/dev/null 2>&1 &&
            "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
            echo "$py"
            return 0
        fi
    done
    echo "planner needs Python 3.11 or newer; install it (Debian: apt-get install python3 python3-venv)" >&2
    return 1
}

ensure_venv() {
    if [ ! -x "$VENV/bin/python" ]; then
        local py
        py=$(find_python)
        "$py" -m venv "$VENV" || {
            echo "could not create $VENV; on Debian install python3-venv" >&2
            return 1
        }
    fi
}
