"""The `xinfang` command line. Only this package imports click or reads the clock."""

from xinfang.cli.app import cli, main

__all__ = ["cli", "main"]
