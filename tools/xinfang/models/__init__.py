"""pydantic models: the contract of every registry file. No I/O here."""

from xinfang.models.case import EVENT_TYPES, Case, Event, Petitioner
from xinfang.models.common import (
    Channel,
    ClosedHow,
    Kind,
    Level,
    Priority,
    Rank,
    Rating,
    Supervision,
    UnitType,
)
from xinfang.models.org import Leader, Leaders, Unit, Units
from xinfang.models.policy import (
    Basis,
    CalendarYear,
    Categories,
    Category,
    ClockRule,
    DeadlinePolicy,
    HolidaySpan,
)

__all__ = [
    "EVENT_TYPES",
    "Basis",
    "CalendarYear",
    "Case",
    "Categories",
    "Category",
    "Channel",
    "ClockRule",
    "ClosedHow",
    "DeadlinePolicy",
    "Event",
    "HolidaySpan",
    "Kind",
    "Leader",
    "Leaders",
    "Level",
    "Petitioner",
    "Priority",
    "Rank",
    "Rating",
    "Supervision",
    "Unit",
    "UnitType",
    "Units",
]
