"""The server's pace for the garbage collector, and its undoing."""

from __future__ import annotations

import gc

from interfaces.collector import SERVER_THRESHOLDS, server_pace


def test_the_server_freezes_what_is_alive_collects_less_often_and_restores_both() -> None:
    before = gc.get_threshold()
    with server_pace():
        assert gc.get_threshold() == SERVER_THRESHOLDS != before
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
