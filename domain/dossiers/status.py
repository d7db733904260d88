"""Dossier states, and how they map onto the national portal's ten statuses."""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class Status(StrEnum):
    SUBMITTED = "submitted"
    IN_PROCESSING = "in_processing"
    AWAITING_SUPPLEMENT = "awaiting_supplement"
    AWAITING_PAYMENT = "awaiting_payment"
    """Received, its fee not paid yet: the statutory clock waits for the citizen."""
    APPROVED = "approved"
    REFUSED = "refused"
    RESULT_RETURNED = "result_returned"
    INTAKE_REFUSED = "intake_refused"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"


TERMINAL = frozenset(
    {Status.RESULT_RETURNED, Status.INTAKE_REFUSED, Status.WITHDRAWN, Status.STOPPED}
)
UNDECIDED = frozenset(
    {Status.SUBMITTED, Status.IN_PROCESSING, Status.AWAITING_SUPPLEMENT, Status.AWAITING_PAYMENT}
)
DECIDED = frozenset({Status.APPROVED, Status.REFUSED})

ALLOWED_IN: dict[str, frozenset[Status]] = {
    "receive": frozenset({Status.SUBMITTED}),
    # and from awaiting_supplement while the dossier is paused at intake (the aggregate knows)
    "refuse_intake": frozenset({Status.SUBMITTED}),
    "request_supplement": frozenset({Status.SUBMITTED, Status.IN_PROCESSING}),
    "supplement": frozenset({Status.AWAITING_SUPPLEMENT}),
    "transfer": frozenset({Status.IN_PROCESSING}),
    "approve": frozenset({Status.IN_PROCESSING}),
    "refuse": frozenset({Status.IN_PROCESSING}),
    "apologize": frozenset({Status.IN_PROCESSING, Status.AWAITING_SUPPLEMENT}),
    "return_result": DECIDED,
    "withdraw": UNDECIDED,
    "rate": frozenset({Status.RESULT_RETURNED}),
    "correct": DECIDED | {Status.RESULT_RETURNED},
    "attach": UNDECIDED,
    "follow_calendar": UNDECIDED,
    "stop": frozenset({Status.IN_PROCESSING, Status.AWAITING_SUPPLEMENT, Status.AWAITING_PAYMENT}),
    "pay": frozenset({Status.AWAITING_PAYMENT}),
}
"""The states in which each command may be run by anyone at all."""


def overdue(status: Status, due_date: date | None, today: date) -> bool:
    """Still being handled after its due date (the clock stops while waiting)."""
    return status == Status.IN_PROCESSING and due_date is not None and today > due_date


PORTAL_STATUS: dict[Status, int] = {
    Status.SUBMITTED: 1,
    # 2 "received" is the instant of desk receipt: the dossier goes straight to processing.
    Status.INTAKE_REFUSED: 3,
    Status.IN_PROCESSING: 4,
    Status.AWAITING_SUPPLEMENT: 5,
    Status.AWAITING_PAYMENT: 6,
    Status.WITHDRAWN: 7,
    # 8 is "dừng xử lý", processing stopped. A refusal (từ chối giải quyết) is a decision:
    # processing finished with a written refusal as its result, like an approval (9).
    Status.STOPPED: 8,
    Status.REFUSED: 9,
    Status.APPROVED: 9,
    Status.RESULT_RETURNED: 10,
}


class Channel(StrEnum):
    DESK = "desk"
    ONLINE = "online"
    POST = "post"


class Rating(StrEnum):
    SATISFIED = "satisfied"
    ACCEPTABLE = "acceptable"
    DISSATISFIED = "dissatisfied"
