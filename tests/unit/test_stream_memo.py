"""The memo of values derived from streams: the latest version of the latest streams."""

from __future__ import annotations

from uuid import uuid4

from projections.stream_memo import StreamMemo


def test_it_keeps_each_streams_latest_version_and_forgets_the_stalest_stream() -> None:
    memo: StreamMemo[str] = StreamMemo(streams=2)
    first, second, third = uuid4(), uuid4(), uuid4()
    memo.put(first, 1, "first@1")
    memo.put(first, 2, "first@2")
    assert (memo.get(first, 1), memo.get(first, 2)) == (None, "first@2")
    memo.put(second, 1, "second@1")
    memo.put(first, 3, "first@3")  # the first stream changed last...
    memo.put(third, 1, "third@1")  # ...so the second one makes room
    assert memo.get(second, 1) is None
    assert (memo.get(first, 3), memo.get(third, 1)) == ("first@3", "third@1")
