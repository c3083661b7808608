"""Option types read by a value type's own `parse` (a month, an ISO week): its ValueError,
already in Chinese, becomes the usage error."""

from __future__ import annotations

from typing import Any

import click

from xinfang.leaders.frontline import Month
from xinfang.registers.screening import IsoWeek

__all__ = ["MONTH", "WEEK", "Parsed"]


class Parsed(click.ParamType):
    def __init__(self, kind: Any, metavar: str) -> None:
        self.kind = kind
        self.name = metavar

    def convert(self, value, param, ctx):  # noqa: ANN001, ANN201
        if isinstance(value, self.kind):
            return value
        try:
            return self.kind.parse(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


MONTH = Parsed(Month, "YYYY-MM")
WEEK = Parsed(IsoWeek, "YYYY-Www")
