"""Patients at the desk: dates of birth as typed, duplicates, edits in one transaction, undo,
and search by date of birth with each patient's next booked session."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from planner.core.patient_input import dob_text, parse_date_of_birth, parse_language
from planner.db.models import Patient, PatientFlag
from planner.db.store import Store
from planner.errors import BadInput, InvalidState, NotFound
from planner.services import clinic
from planner.services.booking.plans import PlanRequest, book
from planner.services.listings import patients as list_patients
from planner.services.patient_records import (
    FlagRecord,
    PatientFields,
    edit_patient,
    find_duplicates,
    patient_record,
    recreate_patient,
    register_patient,
    remove_new_patient,
    restore_patient,
    same_phone,
    save_patient,
)
from planner.services.schedule.patients import patient_detail, patient_row, search_patients

from ..conftest import Clinic

TODAY = date(2026, 12, 1)


# -- dates of birth as typed ------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["13.05.1973", "13.5.1973", "1973-05-13", "130573", "13051973", "13/05/1973", " 13.05.73 "],
)
def test_every_form_the_desk_types_reads_the_same_day(typed: str) -> None:
    assert parse_date_of_birth(typed, today=TODAY) == date(1973, 5, 13)


@pytest.mark.parametrize(
    ("typed", "born"),
    [
        ("010120", date(2020, 1, 1)),  # recent: this century
        ("011226", date(2026, 12, 1)),  # today itself: a newborn
        ("021226", date(1926, 12, 2)),  # tomorrow in 2026 would be the future: 1926
        ("311299", date(1999, 12, 31)),
        ("01.01.00", date(2000, 1, 1)),
    ],
)
def test_a_two_digit_year_is_the_latest_year_not_in_the_future(typed: str, born: date) -> None:
    assert parse_date_of_birth(typed, today=TODAY) == born


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("30.02.1980", "February 1980 has 29 days"),
        ("29.02.2001", "February 2001 has 28 days"),
        ("31.04.1990", "April 1990 has 30 days"),
        ("12.13.1990", "no month 13"),
        ("02.12.2026", "in the future"),
        ("01.01.2030", "in the future"),
        ("31.12.1899", "before 1900"),
        ("13 May 1973", "cannot read the date of birth"),
        ("1234567", "cannot read"),
        ("", "type the date of birth as dd.mm.yyyy"),
    ],
)
def test_impossible_dates_are_refused_in_one_line_never_rolled_over(typed: str, says: str) -> None:
    with pytest.raises(BadInput, match=says) as err:
        parse_date_of_birth(typed, today=TODAY)
    assert "\n" not in err.value.message


def test_dates_of_birth_are_written_dd_mm_yyyy_and_languages_read() -> None:
    assert dob_text(date(1973, 5, 3)) == "03.05.1973"
    assert dob_text(None) == ""
    assert [parse_language(x) for x in ("en", "nb", "Norsk bokmål", "no", "English")] == [
        "en",
        "nb",
        "nb",
        "nb",
        "en",
    ]
    with pytest.raises(BadInput, match="unknown language 'de'"):
        parse_language("de")


# -- registering ------------------------------------------------------------------------------


def test_a_new_patient_keeps_language_and_flags(store: Store) -> None:
    rec = register_patient(
        store,
        PatientFields(
            "  Astrid   Berg ",
            date_of_birth=date(1973, 5, 13),
            phone="412 34 567",
            language="nb",
            flags=("anticoagulants", "lymphoedema:arm-left"),
        ),
    )
    assert rec == patient_record(store, rec.id)
    assert (rec.name, rec.language, rec.chart_number) == ("Astrid Berg", "nb", None)
    assert rec.flags == (
        FlagRecord("anticoagulants"),
        FlagRecord("lymphoedema", ("shoulder-left", "elbow-left", "wrist-hand-left")),
    )
    assert rec.flags[1].text == "Lymphoedema (left arm)"
    assert clinic.add_patient(store, "Ola").language == "en"


def test_a_new_patient_with_a_bad_field_is_refused(store: Store) -> None:
    with pytest.raises(BadInput, match="unknown language"):
        clinic.add_patient(store, "Astrid Berg", language="sv")
    with pytest.raises(BadInput, match="before 1900"):
        clinic.add_patient(store, "Astrid Berg", date_of_birth=date(1899, 1, 1))
    with store.read() as s:
        assert s.scalar(select(Patient.id)) is None


# -- duplicates -------------------------------------------------------------------------------


@pytest.fixture
def astrids(store: Store) -> dict[str, int]:
    ids = {}
    for key, name, born, phone in [
        ("berg", "Astrid Berg", date(1973, 5, 13), "412 34 567"),
        ("berg_young", "Astrid Berg", date(1990, 1, 2), "+47 922 00 111"),
        ("øye", "Åse Øye", date(1960, 3, 4), ""),
    ]:
        ids[key] = clinic.add_patient(store, name, date_of_birth=born, phone=phone).id
    return ids


def test_same_name_and_birth_is_a_duplicate_whatever_the_case_and_spaces(
    store: Store, astrids: dict[str, int]
) -> None:
    found = find_duplicates(store, "astrid   BERG", date(1973, 5, 13), "")
    assert [(d.id, d.reason) for d in found] == [(astrids["berg"], "name and date of birth")]
    assert found[0].describe() == "Astrid Berg, born 13.05.1973, 412 34 567"
    # Non-ASCII names fold too (SQLite's lower() would not).
    assert [d.id for d in find_duplicates(store, "åse øye", date(1960, 3, 4), "")] == [
        astrids["øye"]
    ]


def test_same_name_on_another_birthday_is_not_a_duplicate(
    store: Store, astrids: dict[str, int]
) -> None:
    assert find_duplicates(store, "Astrid Berg", date(1973, 5, 14), "") == []
    assert find_duplicates(store, "Astrid Berg", None, "") == []


def test_same_phone_digits_is_a_duplicate_with_or_without_the_country_code(
    store: Store, astrids: dict[str, int]
) -> None:
    for typed in ("41234567", "+47 41 23 45 67", "0047-412-34-567"):
        found = find_duplicates(store, "Someone Else", None, typed)
        assert [(d.id, d.reason) for d in found] == [(astrids["berg"], "phone number")], typed
    both = find_duplicates(store, "Astrid Berg", date(1990, 1, 2), "92200111")
    assert [(d.id, d.reason) for d in both] == [
        (astrids["berg_young"], "name and date of birth and phone number")
    ]
    assert find_duplicates(store, "X", None, "4123") == []
    assert same_phone("123", "123") and not same_phone("123", "1234") and not same_phone("", "")


def test_the_patient_being_edited_is_not_their_own_duplicate(
    store: Store, astrids: dict[str, int]
) -> None:
    assert (
        find_duplicates(store, "Astrid Berg", date(1973, 5, 13), "412 34 567", astrids["berg"])
        == []
    )


# -- editing ----------------------------------------------------------------------------------


def _rows(store: Store) -> list[Any]:
    """Every patient and flag row, to prove a refused edit changed nothing."""
    with store.read() as s:
        return [
            tuple(r)
            for r in s.execute(
                select(
                    Patient.id,
                    Patient.name,
                    Patient.date_of_birth,
                    Patient.phone,
                    Patient.email,
                    Patient.chart_number,
                    Patient.language,
                    Patient.notes,
                ).order_by(Patient.id)
            )
        ] + [
            tuple(r)
            for r in s.execute(
                select(PatientFlag.patient_id, PatientFlag.flag, PatientFlag.regions).order_by(
                    PatientFlag.id
                )
            )
        ]


def test_an_edit_changes_only_what_it_names_and_returns_before_and_after(oslo: Clinic) -> None:
    store = oslo.store
    edit = edit_patient(
        store,
        oslo.ola,
        date_of_birth=date(1950, 6, 1),
        language="nb",
        chart_number=" C-17 ",
        add_flags=["lymphoedema:knee-right"],
        remove_flags=["anticoagulants"],
    )
    assert edit.changed
    assert edit.before.flag_specs == ("anticoagulants",)
    assert edit.before.date_of_birth is None and edit.before.language == "en"
    after = patient_record(store, oslo.ola)
    assert after == edit.after
    assert (after.name, after.phone, after.chart_number) == ("Ola Hansen", "+47 900 00 002", "C-17")
    assert after.flag_specs == ("lymphoedema:knee-right",)
    # Regions added to a flag the patient has join its regions.
    more = edit_patient(store, oslo.ola, add_flags=["lymphoedema:foot-right"])
    assert more.after.flag_specs == ("lymphoedema:knee-right,foot-right",)
    # Clearing: None or "" empties a field.
    cleared = edit_patient(store, oslo.ola, date_of_birth=None, chart_number="", phone="")
    assert (cleared.after.date_of_birth, cleared.after.chart_number, cleared.after.phone) == (
        None,
        None,
        "",
    )


def test_the_form_replaces_the_whole_set_of_flags(oslo: Clinic) -> None:
    fields = PatientFields(
        "Ola Hansen",
        phone="+47 900 00 002",
        flags=("seizures", "lymphoedema:arm-right"),
        notes="Prefers mornings",
    )
    edit = save_patient(oslo.store, oslo.ola, fields)
    assert edit.after.flag_specs == (
        "seizures",
        "lymphoedema:shoulder-right,elbow-right,wrist-hand-right",
    )
    assert edit.after.notes == "Prefers mornings"


@pytest.mark.parametrize(
    "change",
    [
        {"name": "   "},
        {"phone": "call me"},
        {"email": "nobody"},
        {"chart_number": "K-1"},  # Kari's
        {"language": "fr"},
        {"date_of_birth": date(2099, 1, 1)},
        {"add_flags": ["not-a-flag"]},
        {"remove_flags": ["seizures"]},  # Ola has no such flag
        {"add_flags": ["seizures"], "remove_flags": ["seizures"]},
        {"add_flags": ["lymphoedema:tail"]},
    ],
)
def test_a_refused_edit_changes_nothing(oslo: Clinic, change: dict[str, Any]) -> None:
    store = oslo.store
    edit_patient(store, oslo.kari, chart_number="K-1")
    before = _rows(store)
    # Valid changes beside the refused one are not written either: one transaction.
    with pytest.raises(BadInput):
        edit_patient(store, oslo.ola, notes="a valid change", **change)
    assert _rows(store) == before


def test_an_edit_of_a_missing_patient_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="no patient with id 42"):
        edit_patient(store, 42, name="X")
    with pytest.raises(NotFound):
        patient_record(store, 42)


# -- undo -------------------------------------------------------------------------------------


def test_restoring_the_before_record_undoes_an_edit(oslo: Clinic) -> None:
    store = oslo.store
    edit = edit_patient(store, oslo.ola, name="Ola K. Hansen", remove_flags=["anticoagulants"])
    assert restore_patient(store, edit.before, expect=edit.after) == edit.before
    assert patient_record(store, oslo.ola) == edit.before
    # Redo writes the "after" back.
    assert restore_patient(store, edit.after, expect=edit.before) == edit.after


def test_an_undo_does_not_overwrite_a_change_made_since(oslo: Clinic) -> None:
    store = oslo.store
    edit = edit_patient(store, oslo.ola, name="Ola K. Hansen")
    edit_patient(store, oslo.ola, phone="+47 999 99 999")  # another desk
    now = _rows(store)
    with pytest.raises(InvalidState, match="changed again since"):
        restore_patient(store, edit.before, expect=edit.after)
    assert _rows(store) == now


def test_a_registration_is_undone_until_the_patient_has_a_plan(oslo: Clinic) -> None:
    store = oslo.store
    rec = register_patient(store, PatientFields("Astrid Berg", flags=("seizures",)))
    assert remove_new_patient(store, rec.id, expect=rec) == rec
    with pytest.raises(NotFound):
        patient_record(store, rec.id)
    # Redo registers them again under the same id, flags and all.
    assert recreate_patient(store, rec) == rec
    book(
        store,
        PlanRequest(
            patient_id=rec.id,
            practitioner_id=oslo.practitioner,
            start="2027-03-02T10:00",
            template="Fibromyalgia acupuncture",
            acknowledge_flags=True,
        ),
        now=datetime(2027, 1, 5, 12, 0),
    )
    before = _rows(store)
    with pytest.raises(InvalidState, match="has a treatment plan now"):
        remove_new_patient(store, rec.id, expect=rec)
    assert _rows(store) == before


def test_a_redo_refuses_when_the_id_was_taken_meanwhile(oslo: Clinic) -> None:
    store = oslo.store
    rec = register_patient(store, PatientFields("Astrid Berg"))
    remove_new_patient(store, rec.id)
    other = clinic.add_patient(store, "Nils Nilsen")
    if other.id == rec.id:  # SQLite reuses the highest id
        with pytest.raises(InvalidState, match="another patient was registered since"):
            recreate_patient(store, rec)
    else:  # pragma: no cover - PostgreSQL's sequences never reuse an id
        assert recreate_patient(store, rec) == rec


# -- search -----------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["13.05.1973", "13.5.1973", "1973-05-13", "130573", "13051973"])
def test_search_finds_the_patient_born_that_day(
    store: Store, astrids: dict[str, int], typed: str
) -> None:
    assert [r.id for r in search_patients(store, typed)] == [astrids["berg"]]
    assert [d["id"] for d in list_patients(store, typed)] == [astrids["berg"]]


def test_search_still_finds_by_name_phone_and_chart(store: Store, astrids: dict[str, int]) -> None:
    edit_patient(store, astrids["øye"], chart_number="AX-9")
    assert {r.id for r in search_patients(store, "astrid")} == {
        astrids["berg"],
        astrids["berg_young"],
    }
    assert [r.id for r in search_patients(store, "412 34")] == [astrids["berg"]]
    assert [r.id for r in search_patients(store, "ax-9")] == [astrids["øye"]]
    # An impossible date finds nobody by birth (and does not fail).
    assert search_patients(store, "30.02.1980") == []


def test_search_rows_carry_the_next_booked_session_after_now(oslo: Clinic) -> None:
    store = oslo.store
    booked = book(
        store,
        PlanRequest(
            patient_id=oslo.kari,
            practitioner_id=oslo.practitioner,
            start="2027-03-02T10:00",
            template="Fibromyalgia acupuncture",
        ),
        now=datetime(2027, 1, 5, 12, 0),
    )
    starts = sorted(datetime.fromisoformat(a["local_start"]) for a in booked.appointments)
    rows = {r.id: r for r in search_patients(store, "", now=datetime(2027, 1, 5, 12, 0))}
    assert rows[oslo.kari].next_session == starts[0] == datetime(2027, 3, 2, 10, 0)
    assert rows[oslo.ola].next_session is None
    # After the first session (in UTC), the next one is the second.
    later = starts[0] - timedelta(hours=1) + timedelta(minutes=1)
    row = patient_row(store, oslo.kari, now=later)
    assert row.next_session == starts[1]
    assert patient_detail(store, oslo.kari).language == "en"


def test_search_for_next_sessions_is_one_query_whatever_the_number_of_patients(
    oslo: Clinic,
) -> None:
    from sqlalchemy import event

    store = oslo.store
    for i in range(30):
        clinic.add_patient(store, f"Patient {i:02d}")
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        rows = search_patients(store, "", 50)
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    assert len(rows) == 33
    appointment_queries = [q for q in statements if "appointments" in q]
    assert len(appointment_queries) == 1
