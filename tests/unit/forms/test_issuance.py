"""Which step issues which form (Circular 03/2025, Annex I)."""

from __future__ import annotations

from application.forms.issuance import (
    ISSUED_BY_COMMAND,
    ISSUED_BY_EVENT,
    FormNumber,
    IssuedForm,
    available_forms,
    issued_forms,
)
from domain.dossiers.dossier import Dossier
from tests.form_examples import refused_history, returned_history, stopped_history


def test_every_command_that_issues_a_form_names_an_event_of_the_dossier() -> None:
    assert set(ISSUED_BY_COMMAND.values()) == set(ISSUED_BY_EVENT.values())
    for name in ISSUED_BY_EVENT:
        assert isinstance(getattr(Dossier, name), type)


def test_a_returned_dossier_issued_a_receipt_a_supplement_request_and_an_apology() -> None:
    forms = issued_forms(returned_history())
    assert forms == (
        IssuedForm(FormNumber.RECEIPT, 2),
        IssuedForm(FormNumber.SUPPLEMENT_REQUEST, 3),
        IssuedForm(FormNumber.APOLOGY, 7),
    )


def test_the_control_slip_exists_from_the_receipt_on() -> None:
    assert FormNumber.CONTROL_SLIP in available_forms(returned_history())
    assert FormNumber.CONTROL_SLIP in available_forms(stopped_history())
    # Refused at intake: never received, so only the refusal slip.
    assert available_forms(refused_history()) == (FormNumber.INTAKE_REFUSAL,)
    assert available_forms(stopped_history()) == (
        FormNumber.RECEIPT,
        FormNumber.STOP_NOTICE,
        FormNumber.CONTROL_SLIP,
    )
