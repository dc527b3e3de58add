"""A practitioner's CalDAV calendar address as it is kept (checked without the caldav
library, so the set-up edits do not load it)."""

from __future__ import annotations

from urllib.parse import urlsplit

from planner.errors import BadInput

__all__ = ["check_caldav_url"]


def check_caldav_url(url: str) -> str:
    """A CalDAV collection URL as it is kept: http(s), with a host, ending in ``/``; "" (no
    calendar) stays ""."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadInput(
            f"'{url}' is not a calendar address; give the http:// or https:// URL of the "
            "calendar, e.g. https://cal.example.com/dav/ingrid/work/"
        )
    if parts.username or parts.password:
        raise BadInput(
            "leave the user name and password out of the calendar address; give --caldav-user, "
            "and the password through the keyring or PLANNER_CALDAV_PASSWORD"
        )
    if parts.query or parts.fragment:
        raise BadInput(f"'{url}' has a query or fragment; give the calendar's plain address")
    if len(url) > 399:
        raise BadInput("the calendar address is too long (at most 399 characters)")
    return url if url.endswith("/") else url + "/"
