"""The HTTP side of a practitioner's CalDAV calendar, through the caldav library's client.

:class:`CalendarServer` speaks to one calendar collection: it lists it (PROPFIND depth 1,
RFC 4918 section 9.1) after checking that it is a calendar (RFC 4791 section 4.2), reads a
resource and its ETag, and writes and deletes with the precondition it is given
(``If-None-Match: *``, ``If-Match``; RFC 7232 section 3), returning a 412 rather than raising
it. Every failure becomes one :class:`~planner.errors.CalDavFailed` line that never holds the
password: a server that does not answer, a 5xx or a 429 is transient, a refused password or an
address that is not a calendar is permanent.

:func:`normal` makes a resource comparable whatever the server did to its text (servers
reorder, refold and re-escape what they store): its events parsed and written again by
icalendar, without DTSTAMP and SEQUENCE.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from caldav.davclient import DAVClient
from caldav.lib import error as dav_error
from caldav.lib import http_sync
from icalendar import Calendar as ICalendar

from planner.errors import CalDavFailed

PASSWORD_ENV = "PLANNER_CALDAV_PASSWORD"
TIMEOUT_S = 15
_CALDAV_NS = "{urn:ietf:params:xml:ns:caldav}calendar"
_ICS = "text/calendar; charset=utf-8"


def normal(data: bytes | str) -> list[list[bytes]] | None:
    """A resource's events as comparable lines: parsed and written again by icalendar (so a
    server that reorders or refolds them compares equal), DTSTAMP and SEQUENCE left out.
    None when it cannot be read."""
    try:
        cal = ICalendar.from_ical(data)
    except ValueError:
        return None
    out = []
    for ev in cal.walk("VEVENT"):
        lines = ev.to_ical().replace(b"\r\n ", b"").split(b"\r\n")
        out.append(
            sorted(ln for ln in lines if ln and not ln.startswith((b"DTSTAMP", b"SEQUENCE")))
        )
    return sorted(out)


def sequence_of(data: str) -> int:
    try:
        cal = ICalendar.from_ical(data)
        return max((int(ev.get("SEQUENCE", 0)) for ev in cal.walk("VEVENT")), default=0)
    except (ValueError, TypeError):
        return 0


class CalendarServer:
    """The calendar collection at ``url``; every failure becomes one CalDavFailed line."""

    def __init__(self, url: str, user: str, password: str | None, who: str) -> None:
        self.url = url
        self.who = who
        parts = urlsplit(url)
        self.host = parts.hostname or url
        if parts.port:
            self.host += f":{parts.port}"
        self.client = DAVClient(
            url=url,
            username=user or None,
            password=password,
            timeout=TIMEOUT_S,
            enable_rfc6764=False,
        )
        self.user = user
        self.password = password

    def close(self) -> None:
        self.client.close()

    def _down(self) -> CalDavFailed:
        return CalDavFailed(
            f"the calendar server at {self.host} did not answer; nothing more was changed "
            "there, try again",
            permanent=False,
        )

    def request(
        self, method: str, url: str, body: str = "", headers: dict[str, str] | None = None
    ) -> Any:
        url = urljoin(self.url, url)
        try:
            if method == "PROPFIND":
                depth = (headers or {}).get("Depth", "0")
                resp = self.client.propfind(
                    url, props=["getetag", "resourcetype"], depth=int(depth)
                )
            else:
                resp = self.client.request(url, method, body, headers or {})
        except dav_error.AuthorizationError:
            if self.password is None:
                raise CalDavFailed(
                    f"no password for {self.who}'s calendar ({self.user or 'no user name'} at "
                    f"{self.host}); set {PASSWORD_ENV} or keep it in the keyring with "
                    "'planner practitioner edit ID --store-password'",
                    permanent=True,
                ) from None
            raise CalDavFailed(
                f"the calendar server refused the user name or password for {self.who}'s "
                f"calendar ({self.user or 'no user name'} at {self.host}); check them with "
                "'planner practitioner edit'",
                permanent=True,
            ) from None
        except (dav_error.RateLimitError, http_sync.requests.exceptions.RequestException, OSError):
            raise self._down() from None
        if resp.status >= 500:
            raise self._down()
        return resp

    def listing(self) -> list[tuple[str, str]]:
        """The resources in the collection (href, ETag) after checking it is a calendar."""
        resp = self.request("PROPFIND", self.url, headers={"Depth": "1"})
        not_calendar = CalDavFailed(
            f"{self.url} is not a calendar on {self.host}; give {self.who}'s calendar address "
            "with 'planner practitioner edit ID --caldav-url URL'",
            permanent=True,
        )
        if resp.status == 404 or resp.status >= 400:
            raise not_calendar
        own = urlsplit(self.url).path.rstrip("/")
        found: list[tuple[str, str]] = []
        is_calendar = False
        for r in getattr(resp, "results", None) or []:
            path = urlsplit(r.href).path
            kinds = r.properties.get("{DAV:}resourcetype") or []
            if unquote(path).rstrip("/") == unquote(own):
                is_calendar = _CALDAV_NS in kinds
                continue
            if "{DAV:}collection" in kinds:
                continue
            found.append((r.href, str(r.properties.get("{DAV:}getetag") or "")))
        if not is_calendar:
            raise not_calendar
        return found

    def etag_of(self, href: str) -> str | None:
        """The resource's current ETag (HEAD); None when it does not exist."""
        resp = self.request("HEAD", href)
        if resp.status == 404:
            return None
        return str(resp.headers.get("ETag") or "") or self._propfind_etag(href)

    def _propfind_etag(self, href: str) -> str:
        resp = self.request("PROPFIND", href, headers={"Depth": "0"})
        for r in getattr(resp, "results", None) or []:
            return str(r.properties.get("{DAV:}getetag") or "")
        return ""

    def get(self, href: str) -> tuple[str, str] | None:
        """The resource's data and ETag; None when it does not exist."""
        resp = self.request("GET", href)
        if resp.status == 404:
            return None
        self._ok(resp, "read", href)
        return str(resp.raw), str(resp.headers.get("ETag") or "")

    def put(self, href: str, body: bytes, precondition: dict[str, str]) -> tuple[int, str]:
        """PUT with a precondition: (status, new ETag); 412 is returned, not raised."""
        headers = {"Content-Type": _ICS, **precondition}
        resp = self.request("PUT", href, body.decode("utf-8"), headers)
        if resp.status == 412:
            return 412, ""
        self._ok(resp, "write", href)
        etag = str(resp.headers.get("ETag") or "")
        return resp.status, etag or (self.etag_of(href) or "")

    def delete(self, href: str, etag: str) -> int:
        """DELETE with If-Match: the status (412 and 404 are returned, not raised)."""
        resp = self.request("DELETE", href, headers={"If-Match": etag} if etag else None)
        if resp.status in (404, 412):
            return int(resp.status)
        self._ok(resp, "remove", href)
        return int(resp.status)

    def _ok(self, resp: Any, what: str, href: str) -> None:
        if 200 <= resp.status < 300:
            return
        if resp.status == 404:
            raise CalDavFailed(
                f"{self.url} is not a calendar on {self.host} (it has no place for events); "
                f"give {self.who}'s calendar address with 'planner practitioner edit ID "
                "--caldav-url URL'",
                permanent=True,
            )
        raise CalDavFailed(
            f"the calendar server at {self.host} would not {what} an event of {self.who}'s "
            f"calendar (HTTP {resp.status}); nothing more was changed there",
            permanent=resp.status not in (408, 423, 425, 429),
        )
