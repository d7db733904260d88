"""The server's pace for the garbage collector, and its undoing.

Each test paces with a pace of its own: another app of the test session (the pages'
server, in its thread) may be running under the shared one."""

from __future__ import annotations

import gc
from contextlib import ExitStack

from interfaces.collector import SERVER_THRESHOLDS, CollectorPace


def test_the_server_freezes_what_is_alive_collects_less_often_and_restores_it() -> None:
    pace, before = CollectorPace(), gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        with pace():
            assert gc.get_threshold() == SERVER_THRESHOLDS
            assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_overlapping_servers_restore_the_collector_when_the_last_one_stops() -> None:
    pace, before = CollectorPace(), gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    first, second = ExitStack(), ExitStack()
    try:
        first.enter_context(pace())
        second.enter_context(pace())
        first.close()  # the first app stops while the second still serves
        assert gc.get_threshold() == SERVER_THRESHOLDS
        second.close()
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)
