"""A refusal raised with a phrase: English for the command line, the reader's words in the
window, from the one error."""

from __future__ import annotations

import pytest

from planner.core.i18n import words
from planner.core.typed_dates import read_date
from planner.errors import BadInput
from planner.services.clinic_checks import check_email


def test_a_date_that_does_not_exist_in_both_languages() -> None:
    with pytest.raises(BadInput) as caught:
        read_date("30.02.2027", "the first day")
    assert caught.value.message == "'30.02.2027' is not a date: February 2027 has 28 days"
    assert str(caught.value) == caught.value.message
    assert caught.value.said is not None
    nb = caught.value.said.text(words("nb"))
    assert nb == "«30.02.2027» er ingen dato: februar 2027 har 28 dager"


def test_a_plain_message_has_no_phrase() -> None:
    err = BadInput("plain")
    assert err.message == "plain" and err.said is None


def test_an_email_refusal_in_bokmal() -> None:
    with pytest.raises(BadInput) as caught:
        check_email("nope", "e-mail")
    assert "does not look like an e-mail address" in caught.value.message
    assert caught.value.said is not None
    assert "ser ikke ut som en e-postadresse" in caught.value.said.text(words("nb"))


def test_a_date_of_birth_in_the_future_in_bokmal() -> None:
    from datetime import date, timedelta

    from planner.core.patient_input import check_date_of_birth

    with pytest.raises(BadInput) as caught:
        check_date_of_birth(date.today() + timedelta(days=400))
    assert "is in the future" in caught.value.message
    assert caught.value.said is not None
    assert "er fram i tid" in caught.value.said.text(words("nb"))
