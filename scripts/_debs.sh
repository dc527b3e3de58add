# Debian packages planner's tests and window need: Qt's offscreen platform (and xvfb for
# real-window screenshots), and PostgreSQL for the shared-desk tests. Installed only when
# missing and only when we may (root with apt-get), so a developer's machine is left alone.
QT_DEBS="libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0 \
libx11-6 libgssapi-krb5-2 fonts-dejavu-core xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 \
libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0 libxcb-shape0 \
libxcb-xkb1 libx11-xcb1"
TEST_DEBS="postgresql poppler-utils"  # poppler-utils: pdftoppm renders the plan card to test-artifacts/

ensure_debs() {
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local missing=""
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing Debian packages:$missing" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
        echo "note: planner may need these Debian packages:$missing (sudo apt-get install ...)" >&2
    fi
}
