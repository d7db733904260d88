"""Which portal statuses (1–10, DOMAIN.md) each dossier event reports: data, not code.

A dossier event becomes portal steps in this order: first the *instant* statuses the
event passes through (``Received`` is the moment of desk receipt, status 2, before the
dossier is in processing), then the status of the state it leaves the dossier in,
mapped by :data:`domain.dossiers.status.PORTAL_STATUS` (fees due, 6, included).
An event the table names as :data:`SILENT` changes nothing the portal shows. Any other
event, or a state with no status, is :class:`Unmapped`: the dossier's sync stops there
and says why (a visible failure, never a silent skip).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from domain.dossiers.status import PORTAL_STATUS

STATE_STATUS: Mapping[str, int] = MappingProxyType(
    {
        **{state.value: number for state, number in PORTAL_STATUS.items()},
        # states other contexts add; the portal's numbers are fixed (DOMAIN.md)
        "stopped": 8,
    }
)
"""A dossier state's value → its portal status."""

INSTANT_STATUS: Mapping[str, tuple[int, ...]] = MappingProxyType({"Received": (2,)})
"""Event class name → statuses it passes through before the state it leaves."""

SILENT = frozenset({"Rated"})
"""Events that change nothing the portal shows."""

STEP_TEXT: Mapping[int, str] = MappingProxyType(
    {
        1: "Nộp hồ sơ",
        2: "Tiếp nhận hồ sơ",
        3: "Từ chối tiếp nhận hồ sơ",
        4: "Đang xử lý hồ sơ",
        5: "Yêu cầu bổ sung hồ sơ",
        6: "Chờ nộp phí, lệ phí",
        7: "Công dân rút hồ sơ",
        8: "Dừng xử lý hồ sơ",
        9: "Đã có kết quả giải quyết",
        10: "Đã trả kết quả",
    }
)
"""``NoiDungXuLy``: what the step was, in Vietnamese."""

EVENT_TEXT: Mapping[str, str] = MappingProxyType(
    {
        "Supplemented": "Công dân bổ sung hồ sơ",
        "Transferred": "Chuyển hồ sơ đến đơn vị xử lý tiếp theo",
        "Apologized": "Xin lỗi và hẹn lại ngày trả kết quả",
        "Refused": "Từ chối giải quyết hồ sơ",
        "Paid": "Công dân đã nộp phí, lệ phí",
    }
)
"""Where the event says more than its status does."""


class Unmapped(Exception):
    """An event or state the portal table does not know: the dossier's sync stops here."""


def statuses_of(event_name: str, state: str) -> tuple[int, ...]:
    """The portal statuses an event named ``event_name`` reports, leaving ``state``."""
    if event_name in SILENT:
        return ()
    status = STATE_STATUS.get(state)
    if status is None:
        raise Unmapped(f"no portal status for the dossier state {state!r} (after {event_name})")
    return (*INSTANT_STATUS.get(event_name, ()), status)


def step_text(event_name: str, status: int) -> str:
    if status in INSTANT_STATUS.get(event_name, ()):
        return STEP_TEXT[status]
    return EVENT_TEXT.get(event_name, STEP_TEXT[status])
