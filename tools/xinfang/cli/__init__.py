"""The `xinfang` command line. Only this package imports click or reads the clock.

Each command lives in a module of its own and registers itself on the group in `app.py`;
importing this package imports them all.
"""

from xinfang.cli import (  # noqa: F401  (they register their commands)
    assess,
    calendar_feed,
    deadlines,
    diff,
    documents,
    draft,
    edit,
    findings,
    frontline,
    ranking,
    receptions,
    screening,
    site,
    spotcheck,
    stats,
    validate,
)
from xinfang.cli.app import cli, main

__all__ = ["cli", "main"]
