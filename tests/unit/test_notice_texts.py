"""Each event that concerns the applicant has its short Vietnamese notice; the others none."""

from __future__ import annotations

from datetime import date, timedelta

from domain.dossiers.status import Channel, Rating
from projections.outbound.notices.texts import notice_text
from tests.examples import BIRTH, CALENDAR, CLERK, LEADER, MONDAY_9AM, received_dossier


def test_received_supplement_new_date_and_result_each_have_their_notice() -> None:
    dossier = received_dossier()
    events = []
    dossier.request_supplement("thiếu", ("Bản sao",), CLERK, MONDAY_9AM)
    events += dossier.collect_events()
    later = MONDAY_9AM + timedelta(days=1)
    dossier.apologize("quá tải", date(2027, 3, 1), LEADER, later, CALENDAR)
    events += dossier.collect_events()
    told = [notice_text(event, dossier) for event in events]
    kinds = [t[0].kind if t else None for t in told]
    assert kinds == [None, "received", "supplement_requested", "new_date"]
    _, subject, body = told[-1]  # type: ignore[misc]
    assert dossier.code in subject and "01/03/2027" in body
    assert "Nguyễn" not in body and "quá tải" not in body  # no name, no reason


def test_a_decision_either_way_tells_the_result_is_ready_and_a_rating_tells_nothing() -> None:
    approved, refused = received_dossier(BIRTH), received_dossier(BIRTH)
    approved.collect_events(), refused.collect_events()
    approved.approve({"number": 1}, None, LEADER, MONDAY_9AM)
    refused.refuse("không đủ điều kiện", LEADER, MONDAY_9AM)
    for dossier in (approved, refused):
        (event,) = dossier.collect_events()
        told = notice_text(event, dossier)
        assert told is not None and told[0].kind == "result_ready"
        assert "đã có kết quả" in told[2] and "không đủ" not in told[2]
    approved.return_result(Channel.DESK, CLERK, MONDAY_9AM)
    approved.rate(Rating.SATISFIED, None, CLERK, MONDAY_9AM)
    assert [notice_text(e, approved) for e in approved.collect_events()] == [None, None]
