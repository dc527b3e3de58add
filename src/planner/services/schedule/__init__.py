"""Read-only queries the front-desk window needs, as plain values (Qt-free).

The window never holds ORM objects: every query opens one read session, asks the database
for exactly what one view shows, and returns frozen dataclasses that are safe to hand from a
worker thread to the GUI thread. Import each name from the module where it lives:

* :mod:`.values`: the frozen read-model values (``RangeData``, ``Block``, ``ClinicDirectory``,
  ``PatientDetail``, ``SessionInfo`` ...), ``NO_ROOM`` and ``region_label``.
* :mod:`.week`: ``load_range`` (the week or day of one location), ``day_infos``,
  ``clinic_directory`` and ``is_empty``.
* :mod:`.first_look`: ``peek_range`` and ``sqlite_file_of``, the week read with sqlite3 alone
  while the database layer loads at start-up; it mirrors ``load_range``.
* :mod:`.rows`: the steps from rows to values that ``load_range`` and the first look share.
* :mod:`.patients`: ``search_patients``, ``patient_detail``, ``session_info`` and
  ``later_booked_ids``.
* :mod:`.next_free`: ``next_free_start``, the new-plan dialog's "next free slot".

The window imports these modules while it starts, so none of them imports SQLAlchemy, the
database models or the holiday calendars at module level (a test holds this); the queries
import them inside the functions that need them.
"""
