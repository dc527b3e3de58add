"""A refusal the window shows reads in the window's language when it was raised as a phrase."""

from __future__ import annotations

from typing import Any

from planner.core.typed_dates import read_date
from planner.errors import BadInput
from planner.ui.i18n import said


def _refusal() -> BadInput:
    try:
        read_date("31.04.2027")
    except BadInput as exc:
        return exc
    raise AssertionError("31 April was read")


def test_said_follows_the_window(in_language: Any) -> None:
    exc = _refusal()
    assert said(exc) == "'31.04.2027' is not a date: April 2027 has 30 days"
    in_language("nb")
    assert said(exc) == "«31.04.2027» er ingen dato: april 2027 har 30 dager"
    assert said(BadInput("only English")) == "only English"
    assert said(ValueError("boom")) == "boom"
