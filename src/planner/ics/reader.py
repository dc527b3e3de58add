"""A streaming, strict reader of iCalendar text that knows the line of everything it reads.

Files to import come from other programs and may be tens of megabytes. This reader holds one
component at a time (a VEVENT with its alarms, a VTIMEZONE), never the whole file, and reads
physical lines in bounded chunks, so neither a huge file nor one enormous line exhausts
memory. Every problem raises :class:`~planner.errors.CalendarFileError` naming the physical
line where the broken content line starts.

What it checks (RFC 5545 section 3.1 and 3.4-3.6): UTF-8 text (a UTF-8 byte order mark is
skipped); unfolding of lines continued by a space or a tab; ``name *(;param) : value`` with
property and parameter names of letters, digits and dashes, parameter values plain or quoted;
BEGIN and END properly nested, nothing outside ``BEGIN:VCALENDAR`` ... ``END:VCALENDAR``, and
a calendar that ends before the file does. Bare LF line ends are accepted as well as CRLF
(many exporters write them). Several calendars in one file are read one after the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from planner.errors import CalendarFileError

MAX_LINE_BYTES = 4 * 1024 * 1024
"""The longest content line kept (an inline attachment may be big; a date is not)."""
KEPT_WHEN_LONG = frozenset({"ATTACH", "DESCRIPTION", "X-ALT-DESC", "COMMENT", "IMAGE"})
"""Properties whose over-long values are dropped instead of refused (nothing here needs them)."""
_CHUNK = 64 * 1024

_NAME = re.compile(r"[A-Za-z0-9-]+")
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_NAMED_CHARS = 60
"""How much of a UID or SUMMARY an error quotes."""
_PARAM_SAFE = re.compile(r'[^";:,\x00-\x08\x0a-\x1f\x7f]*')


class LineSource(Protocol):
    """What reading needs of a file: binary lines (an open file, or a wrapper that hashes)."""

    def readline(self, limit: int = -1, /) -> bytes: ...


@dataclass(slots=True)
class ContentLine:
    """One unfolded content line: ``NAME;PARAM=a,b:value`` (names upper-cased)."""

    line: int
    name: str
    params: dict[str, list[str]]
    value: str

    def param(self, name: str) -> str | None:
        values = self.params.get(name)
        return values[0] if values else None


@dataclass(slots=True)
class Component:
    """A component with its properties and sub-components, as read."""

    name: str
    line: int
    props: list[ContentLine] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)
    error: CalendarFileError | None = None
    """With ``tolerant`` reading: the first line inside it that could not be read (that line
    is left out); the caller decides whether the component could matter."""

    def get(self, name: str) -> ContentLine | None:
        for p in self.props:
            if p.name == name:
                return p
        return None

    def all(self, name: str) -> list[ContentLine]:
        return [p for p in self.props if p.name == name]

    def text(self, name: str) -> str:
        """A TEXT property's value, unescaped ('' when absent)."""
        p = self.get(name)
        return unescape_text(p.value).strip() if p is not None else ""

    def blame(self, exc: CalendarFileError) -> CalendarFileError:
        """``exc`` naming this component by its UID and SUMMARY, as a person finds it in the
        calendar program that wrote it."""
        uid, summary = self.text("UID"), self.text("SUMMARY")
        return exc.naming(describe(self.name, uid, summary), uid=uid, summary=summary)


def unescape_text(text: str) -> str:
    """TEXT unescaping (RFC 5545 section 3.3.11): ``\\n`` is a newline, ``\\x`` is ``x``."""
    if "\\" not in text:
        return text
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def describe(kind: str, uid: str, summary: str) -> str | None:
    """``VEVENT 'Team meeting' (UID 123@example.com)``: what an error names a component by,
    so it can be found and fixed in the program that wrote it (None when it has neither)."""
    if not uid and not summary:
        return None
    parts = [kind]
    if summary:
        parts.append(f"'{_clip(' '.join(summary.split()), _NAMED_CHARS)}'")
    if uid:
        parts.append(f"(UID {_clip(uid, _NAMED_CHARS)})")
    return " ".join(parts)


@dataclass(slots=True)
class CalendarProperty:
    """A property of the VCALENDAR itself (VERSION, PRODID, X-WR-TIMEZONE, ...)."""

    prop: ContentLine


def _physical_lines(fh: LineSource, source: str) -> Iterator[tuple[int, str, bool]]:
    """(line number, text without line end, truncated) for each physical line."""
    number = 0
    first = True
    while True:
        chunk = fh.readline(_CHUNK)
        if not chunk:
            return
        number += 1
        parts = [chunk]
        size = len(chunk)
        truncated = False
        while not parts[-1].endswith(b"\n"):
            more = fh.readline(_CHUNK)
            if not more:
                break
            size += len(more)
            if size > MAX_LINE_BYTES:
                truncated = True
                parts = [parts[0]]
                # Skip the rest of this physical line without keeping it.
                while more and not more.endswith(b"\n"):
                    more = fh.readline(_CHUNK)
                break
            parts.append(more)
        raw = b"".join(parts)
        if first:
            first = False
            if raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
        raw = raw.rstrip(b"\n").rstrip(b"\r")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CalendarFileError(
                f"{source}: line {number}: the text is not UTF-8 (byte {exc.start + 1} of the "
                "line); iCalendar files must be UTF-8, export the calendar again",
                line=number,
            ) from None
        yield number, text, truncated


def _logical_lines(fh: LineSource, source: str) -> Iterator[tuple[int, str]]:
    """Unfolded content lines with the number of the physical line each starts on."""
    start = 0
    parts: list[str] = []
    size = 0
    dropped = False
    for number, text, truncated in _physical_lines(fh, source):
        if text[:1] in (" ", "\t") and parts:
            if dropped:
                continue
            size += len(text)
            if size > MAX_LINE_BYTES:
                name = re.split(r"[;:]", parts[0], maxsplit=1)[0].upper()
                if name not in KEPT_WHEN_LONG:
                    raise CalendarFileError(
                        f"{source}: line {start}: the {name} line is longer than "
                        f"{MAX_LINE_BYTES // (1024 * 1024)} MB; this is not a calendar a "
                        "program wrote",
                        line=start,
                    )
                dropped = True
                continue
            parts.append(text[1:])
            continue
        if parts:
            yield start, "".join(parts)
        if text == "":
            parts, start, size, dropped = [], number, 0, False
            continue
        if text[:1] in (" ", "\t"):
            raise CalendarFileError(
                f"{source}: line {number}: a continuation line (starting with a space) "
                "follows no content line",
                line=number,
            )
        start, parts, size, dropped = number, [text], len(text), truncated
        if truncated:
            name = re.split(r"[;:]", text, maxsplit=1)[0].upper()
            if name not in KEPT_WHEN_LONG:
                raise CalendarFileError(
                    f"{source}: line {number}: the {name} line is longer than "
                    f"{MAX_LINE_BYTES // (1024 * 1024)} MB; this is not a calendar a program wrote",
                    line=number,
                )
    if parts:
        yield start, "".join(parts)


def parse_content_line(text: str, line: int, source: str) -> ContentLine:
    """``NAME *(";" param) ":" value`` (RFC 5545 section 3.1)."""
    m = _NAME.match(text)
    if not m:
        raise CalendarFileError(
            f"{source}: line {line}: '{_clip(text)}' is not a content line (NAME:value)",
            line=line,
        )
    name = m.group(0).upper()
    pos = m.end()
    params: dict[str, list[str]] = {}
    while pos < len(text) and text[pos] == ";":
        pm = _NAME.match(text, pos + 1)
        if not pm or pm.end() >= len(text) or text[pm.end()] != "=":
            raise CalendarFileError(
                f"{source}: line {line}: a parameter of {name} is not written as NAME=value",
                line=line,
            )
        pname = pm.group(0).upper()
        pos = pm.end() + 1
        values: list[str] = []
        while True:
            if pos < len(text) and text[pos] == '"':
                end = text.find('"', pos + 1)
                if end < 0:
                    raise CalendarFileError(
                        f"{source}: line {line}: the quoted {pname} parameter of {name} "
                        "has no closing quote",
                        line=line,
                    )
                values.append(text[pos + 1 : end])
                pos = end + 1
            else:
                vm = _PARAM_SAFE.match(text, pos)
                assert vm is not None
                values.append(vm.group(0))
                pos = vm.end()
            if pos < len(text) and text[pos] == ",":
                pos += 1
                continue
            break
        params[pname] = values
    if pos >= len(text) or text[pos] != ":":
        raise CalendarFileError(
            f"{source}: line {line}: the {name} line has no ':' before its value",
            line=line,
        )
    return ContentLine(line, name, params, text[pos + 1 :])


def _clip(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n] + "..."


def _begin(
    cl: ContentLine, line: int, source: str, stack: list[Component], in_calendar: bool
) -> Component | None:
    """The component a BEGIN opens (None: it opens the calendar itself), or the error."""
    what = cl.value.strip().upper()
    if not _NAME.fullmatch(what):
        raise CalendarFileError(
            f"{source}: line {line}: BEGIN needs a component name such as VEVENT",
            line=line,
        )
    if not in_calendar:
        if what != "VCALENDAR":
            raise CalendarFileError(
                f"{source}: line {line}: BEGIN:{what} outside a calendar; the file must "
                "start with BEGIN:VCALENDAR",
                line=line,
            )
        return None
    if what == "VCALENDAR":
        raise CalendarFileError(
            f"{source}: line {line}: a calendar inside a calendar (BEGIN:VCALENDAR "
            "before END:VCALENDAR)",
            line=line,
        )
    if len(stack) >= 4:
        raise CalendarFileError(f"{source}: line {line}: components nested too deeply", line=line)
    return Component(what, line)


def read_calendar(
    fh: LineSource, source: str, *, tolerant: bool = False
) -> Iterator[CalendarProperty | Component]:
    """The properties and top-level components of the calendar(s) in ``fh``, as they come.

    A component is yielded when its END is read, with everything inside it; only one
    top-level component is held at a time. A line that cannot be read is an error, except
    with ``tolerant`` inside a component: then the line is left out and the first such error
    is kept on the top-level component (:attr:`Component.error`). The file's structure
    (BEGIN and END) is never tolerated when broken.
    """
    stack: list[Component] = []
    in_calendar = False
    seen_calendar = False
    for line, text in _logical_lines(fh, source):
        try:
            cl = parse_content_line(text, line, source)
        except CalendarFileError as exc:
            if not (tolerant and stack):
                raise
            if stack[0].error is None:
                stack[0].error = exc
            continue
        if cl.name == "BEGIN":
            opened = _begin(cl, line, source, stack, in_calendar)
            if opened is None:
                in_calendar, seen_calendar = True, True
            else:
                stack.append(opened)
            continue
        if cl.name == "END":
            what = cl.value.strip().upper()
            if stack:
                top = stack[-1]
                if what != top.name:
                    raise stack[0].blame(
                        CalendarFileError(
                            f"{source}: line {line}: END:{what} but the {top.name} begun on line "
                            f"{top.line} is still open",
                            line=line,
                        )
                    )
                stack.pop()
                if stack:
                    stack[-1].children.append(top)
                else:
                    yield top
                continue
            if in_calendar and what == "VCALENDAR":
                in_calendar = False
                continue
            raise CalendarFileError(
                f"{source}: line {line}: END:{what} without a matching BEGIN", line=line
            )
        if not in_calendar:
            raise CalendarFileError(
                f"{source}: line {line}: '{_clip(text)}' is outside BEGIN:VCALENDAR ... "
                "END:VCALENDAR",
                line=line,
            )
        if stack:
            stack[-1].props.append(cl)
        else:
            yield CalendarProperty(cl)
    if stack:
        top = stack[-1]
        first = stack[0]
        uid, summary = first.text("UID"), first.text("SUMMARY")
        named = describe(top.name, uid, summary) if top is first else None
        raise CalendarFileError(
            f"{source}: the {named or top.name} begun on line {top.line} never ends "
            f"(no END:{top.name}); the file is cut short",
            line=top.line,
            details={"uid": uid, "summary": summary} if named else None,
        )
    if in_calendar:
        raise CalendarFileError(
            f"{source}: the calendar never ends (no END:VCALENDAR); the file is cut short",
            line=None,
        )
    if not seen_calendar:
        raise CalendarFileError(
            f"{source}: this is not an iCalendar file (no BEGIN:VCALENDAR)", line=None
        )
