"""The clinic's name, phone and e-mail: one copy, in the database."""

from __future__ import annotations

import pytest

from planner.db.store import Store
from planner.errors import BadInput
from planner.services.clinic_settings import get_settings, set_settings


def test_several_settings_are_saved_together_and_an_empty_value_clears_one(store: Store) -> None:
    set_settings(store, {"clinic_name": "  Nordlys   Klinikk ", "clinic_phone": "+47 22 00 00 00"})
    assert get_settings(store) == {
        "clinic_name": "Nordlys Klinikk",
        "clinic_phone": "+47 22 00 00 00",
    }
    set_settings(store, {"clinic_phone": "", "clinic_email": "desk@clinic.example"})
    assert get_settings(store) == {
        "clinic_name": "Nordlys Klinikk",
        "clinic_email": "desk@clinic.example",
    }


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"colour": "red"}, "unknown setting 'colour'"),
        ({"clinic_phone": "9" * 201}, "too long"),
    ],
)
def test_one_bad_value_changes_nothing(store: Store, bad: dict[str, str], message: str) -> None:
    set_settings(store, {"clinic_name": "Nordlys Klinikk"})
    with pytest.raises(BadInput, match=message):
        set_settings(store, {"clinic_name": "Another name", **bad})
    assert get_settings(store) == {"clinic_name": "Nordlys Klinikk"}
