"""The memo of values derived from streams: per version, bounded in streams and depth."""

from __future__ import annotations

from uuid import uuid4

from projections.stream_memo import StreamMemo


def test_it_answers_for_the_versions_it_kept_and_forgets_the_oldest() -> None:
    memo: StreamMemo[str] = StreamMemo(streams=2, depth=2)
    first, second, third = uuid4(), uuid4(), uuid4()
    for version in (1, 2, 3):
        memo.put(first, version, f"first@{version}")
    assert memo.get(first, 1) is None  # deeper than two versions
    assert (memo.get(first, 2), memo.get(first, 3)) == ("first@2", "first@3")
    memo.put(second, 1, "second@1")
    memo.put(first, 4, "first@4")  # the first stream changed last...
    memo.put(third, 1, "third@1")  # ...so the second one makes room
    assert memo.get(second, 1) is None
    assert (memo.get(first, 4), memo.get(third, 1)) == ("first@4", "third@1")
    assert memo.get(third, 2) is None
