"""The iCalendar file format (RFC 5545), and nothing else: no database, no services, no Qt.

* :mod:`~planner.ics.model`: the plain values an export is made of (profiles, shapes,
  session events, calendar metadata).
* :mod:`~planner.ics.content`: what each profile says about a session.
* :mod:`~planner.ics.series`: the series shape (one recurring event per plan phase).
* :mod:`~planner.ics.render`: writing events with icalendar's typed API.
* :mod:`~planner.ics.timezones`: VTIMEZONE components from the zone's real rules.
* :mod:`~planner.ics.reader`, :mod:`~planner.ics.event` and :mod:`~planner.ics.expand`:
  streaming, line-numbered reading of a calendar that comes in, its events' values checked,
  and bounded recurrence expansion.
* :mod:`~planner.ics.incoming`: such a calendar as busy time or closed days (the pure half
  of an import).
* :mod:`~planner.ics.atomic`: replacing a file safely.

Reading the database for an export and writing an import into it are services:
:mod:`planner.services.calendar_export` and :mod:`planner.services.calendar_import`.
"""
