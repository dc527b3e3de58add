"""Calendar files (iCalendar, RFC 5545): export to and import from other calendar programs.

Qt-free plain functions for the command line and the window alike:

* :func:`planner.ics.export.export_calendar`: sessions of a plan, patient, practitioner,
  location or the clinic as an .ics file, in a profile (what it reveals) and a shape (one
  event per session, or recurring events per plan phase); see :mod:`planner.ics.export`.
* :func:`planner.ics.importer.import_calendar`: a practitioner's busy calendar as blocked
  time, or a closure calendar as a location's closures; see :mod:`planner.ics.importer`.

The pieces: :mod:`~planner.ics.content` (what each profile says), :mod:`~planner.ics.series`
(the series shape), :mod:`~planner.ics.render` (writing with icalendar's typed API),
:mod:`~planner.ics.timezones` (VTIMEZONE from the zone's real rules),
:mod:`~planner.ics.reader` and :mod:`~planner.ics.expand` (streaming, line-numbered reading
and bounded recurrence expansion), :mod:`~planner.ics.atomic` (safe file replacement) and
:mod:`~planner.ics.settings` (the clinic's name, phone and e-mail).
"""
