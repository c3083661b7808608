"""The `xinfang` command line. Only this package imports click or reads the clock.

Each command lives in a module of its own and registers itself on the group in `app.py`;
the group imports a command's module only when that command runs (`COMMAND_MODULES`), so
that a quick command does not pay for the libraries of the others.
"""

from xinfang.cli.app import cli, main

__all__ = ["cli", "main"]
