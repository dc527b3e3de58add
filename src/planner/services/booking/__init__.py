"""Booking: preview and book plans, and the operations on their sessions (Qt-free).

Each operation is one transaction. Booking re-runs the whole conflict check inside the write
transaction (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: the practitioner, patient and room rows
are locked ``FOR UPDATE``), so two desks booking the same practitioner at the same moment
cannot both succeed. A refused operation raises before anything is committed. Import each
name from the module where it lives:

* :mod:`.plans`: ``PlanRequest``, ``preview`` and ``book`` (with ``PlanContext``, ``Preview``,
  ``BookedPlan``, ``Ref``).
* :mod:`.edits`: ``move``, ``cancel``, ``cancel_rest`` and the undo of desk actions:
  ``restore``, ``revert_cancel``, ``reopen``, ``delete_plan`` (with ``MoveResult``,
  ``CancelResult``).
* :mod:`.scores`: ``attend``, ``record_baseline`` and ``no_show``.
* :mod:`.conflicts`: ``DbBookings`` (the engine's view of existing bookings and busy time),
  ``clinic_calendar`` and the row locks.
* :mod:`.appointments`: the session row: ``appointment_json``, ``number_sessions``,
  ``list_appointments``, and the helpers every operation uses to find, check and mark it.
"""
