"""The `xinfang` command line. Only this package imports click or reads the clock.

Each command lives in its own module and registers itself on the group in `app.py`;
importing this package imports them all.
"""

from xinfang.cli.app import cli, main

__all__ = ["cli", "main"]
