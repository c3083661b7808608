"""One finding of a register: plain data, so `xinfang findings` can take it as it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xinfang.models import Basis


@dataclass(frozen=True)
class RegisterFinding:
    rule: str
    unit: str | None  # None: the county (the 群众工作中心 rota)
    case: str | None
    leader: str | None
    detail: str  # Chinese, for people
    basis: Basis
    due: dt.date | None  # when the duty fell due
