"""How every report says what it left out (files with errors, entries, blocked cases).

- text table: the sentence at the top of the output (and on stderr, from `open_registry`);
- Markdown: a warning block at the top;
- JSON: an object `{"left_out": [{"path", "reason"}, …], "rows": [...]}` — always that
  shape, so a program never mistakes an incomplete list for a complete one;
- CSV: stderr only, because a comment row would break CSV readers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import click

from xinfang.registry.loader import Registry


def note_at_top(registry: Registry, fmt: str) -> None:
    """Print what the registry left out at the top of a table or Markdown report."""
    omitted = registry.omitted
    if not omitted:
        return
    if fmt == "markdown":
        click.echo(omitted.markdown())
    elif fmt == "table":
        click.echo(omitted.line() + "\n")


def json_report(registry: Registry, pieces: Iterable[str]) -> Iterator[str]:
    """A JSON array (given in pieces, as `stream_table` yields it) inside the report object."""
    left_out = json.dumps(registry.omitted.as_json(), ensure_ascii=False, indent=2)
    yield '{\n"left_out": ' + left_out + ',\n"rows": '
    yield from pieces
    yield "\n}"


def echo_json(registry: Registry, pieces: Iterable[str]) -> None:
    for piece in json_report(registry, pieces):
        click.echo(piece, nl=False)
    click.echo()
