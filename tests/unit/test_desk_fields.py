"""The desk's forms, derived from the commands' dataclasses, and their mistakes in words."""

from __future__ import annotations

from pydantic import ValidationError

from application.dossiers import commands as c
from interfaces.http.bodies import body_adapter
from interfaces.web.desk.fields import Widget, body_of, form_fields, iso_day
from interfaces.web.desk.mistakes import mistakes_of
from interfaces.web.i18n import Translator


def test_each_field_gets_the_widget_of_its_kind() -> None:
    widgets = {field.name: field.widget for field in form_fields(c.Apologize)}
    assert widgets == {"reason": Widget.PARAGRAPHS, "new_due_date": Widget.DATE}
    channel = form_fields(c.ReturnResult)[0]
    assert channel.widget is Widget.CHOICE and channel.choices == ("desk", "online", "post")
    assert form_fields(c.Transfer)[0].widget is Widget.UNIT
    assert [field.required for field in form_fields(c.Transfer)] == [True, False]


def test_dates_are_typed_day_first_whatever_the_browser() -> None:
    assert iso_day("1/3/2027") == "2027-03-01"
    assert iso_day(" 31/12/2026 ") == "2026-12-31"
    assert iso_day("31/02/2027") == "31/02/2027"  # no such day: left for validation to name
    assert iso_day("03/01") == "03/01"


def test_a_form_becomes_the_apis_body_and_the_same_command() -> None:
    body = body_of(c.Supplement, {"documents": "Bản sao CCCD\n\n  Sổ hộ khẩu \n"})
    assert body == {"documents": [{"name": "Bản sao CCCD"}, {"name": "Sổ hộ khẩu"}]}
    assert body_of(c.Transfer, {"to_unit": "080", "note": "  "}) == {"to_unit": "080"}
    approve = body_adapter(c.Approve).validate_python(body_of(c.Approve, {"result": "QĐ 1"}))
    assert approve == c.Approve({"decision": "QĐ 1"})


def test_a_refusal_is_a_sentence_next_to_the_field_it_names() -> None:
    form = {"reason": "", "new_due_date": "31/02/2027"}
    try:
        body_adapter(c.Apologize).validate_python(body_of(c.Apologize, form))
    except ValidationError as error:
        said = mistakes_of(error, Translator("vi"))
        english = mistakes_of(error, Translator("en"))
    assert said is not None and english is not None
    assert said.fields == {
        "reason": "Vui lòng điền mục này.",
        "new_due_date": "Ngày chưa đúng: hãy viết theo dạng dd/mm/yyyy, ví dụ 31/12/2026.",
    }
    assert english.fields["reason"] == "Please fill this in."
    assert mistakes_of(KeyError("x"), Translator("vi")) is None  # not the form's mistake
