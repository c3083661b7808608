"""The fast loader's resolver answers YAML 1.2 at once; it must read every file exactly as
ruamel's own C safe loader does (which falls back to 1.2 itself)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from xinfang.registry import store

ROOT = Path(__file__).resolve().parents[1]


def _stock() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = store._DatesAsText
    return yaml


TRICKY = [
    "a: yes\nb: no\nc: on\nd: off\ne: y\nf: true\ng: False\n",
    "a: 010\nb: 0o10\nc: 0x1F\nd: 1_000\ne: 1e3\nf: .inf\ng: -.Inf\nh: .nan\n",
    "a: ~\nb: null\nc:\nd: ''\ne: 2026-01-01\nf: 2026-13-45\ng: 12:30\nh: 1:20:30\n",
    "%YAML 1.1\n---\na: yes\nb: 010\nc: 1:20\n",
    "%YAML 1.2\n---\n- [1, 2.5, '3']\n- {x: !!str 5}\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_scalars_read_as_the_stock_loader_reads_them(text):
    assert store._fast_loader().load(text) == _stock().load(text)


def test_every_file_of_the_demo_registry_reads_the_same():
    paths = [
        p for folder in ("cases", "org", "policy") for p in sorted((ROOT / folder).rglob("*.yaml"))
    ]
    assert len(paths) > 250
    fast, stock = store._fast_loader(), _stock()
    for path in paths:
        data = path.read_bytes()
        assert fast.load(data) == stock.load(data), path
