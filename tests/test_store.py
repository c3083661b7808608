"""store.py: the quick top-level locator agrees with the round-trip parse, or declines."""

from __future__ import annotations

import pytest

from registry_factory import DATA
from xinfang.registry import store

EXAMPLE = (DATA / "valid" / "XF-2026-0137.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("key", ["id", "title", "channel", "unit", "leader", "priority", "events"])
@pytest.mark.parametrize("at_key", [False, True])
def test_quick_locator_agrees_with_round_trip(key: str, at_key: bool) -> None:
    quick = store.locate_top_level(EXAMPLE, key, at_key=at_key)
    if quick is None:  # only a value on the next line (events:) is left to the parser
        assert key == "events" and not at_key
        return
    assert quick == store.locate(EXAMPLE, (key,), at_key=at_key)


@pytest.mark.parametrize(
    "text",
    [
        '"leader": li-wei\n',  # quoted key
        "{leader: li-wei}\n",  # flow mapping
        "leader:\n  li-wei\n",  # value on the next line
        "leader: # 包案领导\n  li-wei\n",  # only a comment on the line
        "summary: |\n  leader: 不是键\n",  # inside a block scalar
    ],
)
def test_quick_locator_declines_what_it_cannot_read(text: str) -> None:
    assert store.locate_top_level(text, "leader") is None
