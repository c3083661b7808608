"""The JSON Schemas exported to schema/ for editors (pure: models → text)."""

from __future__ import annotations

import json

from pydantic import BaseModel

from xinfang.models import (
    ActionLog,
    CalendarYear,
    Case,
    Categories,
    DeadlinePolicy,
    Leaders,
    RankingPolicy,
    Units,
)
from xinfang.models.accountability import AccountabilityPolicy
from xinfang.models.leadership import (
    FrontlineLedger,
    FrontlinePolicy,
    OwnershipPolicy,
    Receptions,
    RotaPolicy,
)
from xinfang.models.ledger import LedgerPolicy
from xinfang.models.screening import ScreeningLedger, ScreeningPolicy
from xinfang.models.spotcheck import SpotCheckLog, SpotCheckPolicy

SCHEMA_DIR = "schema"
# file name → (model, what the file describes)
SCHEMAS: dict[str, type[BaseModel]] = {
    "case.schema.json": Case,
    "units.schema.json": Units,
    "leaders.schema.json": Leaders,
    "categories.schema.json": Categories,
    "deadlines.schema.json": DeadlinePolicy,
    "calendar.schema.json": CalendarYear,
    "ranking.schema.json": RankingPolicy,
    "actions.schema.json": ActionLog,
    "receptions.schema.json": Receptions,
    "frontline-ledger.schema.json": FrontlineLedger,
    "frontline-policy.schema.json": FrontlinePolicy,
    "ownership.schema.json": OwnershipPolicy,
    "screening.schema.json": ScreeningLedger,
    "screening-policy.schema.json": ScreeningPolicy,
    "rota-policy.schema.json": RotaPolicy,
    "spotchecks.schema.json": SpotCheckLog,
    "spotcheck-policy.schema.json": SpotCheckPolicy,
    "ledger.schema.json": LedgerPolicy,
    "accountability.schema.json": AccountabilityPolicy,
}


def render_schema(model: type[BaseModel], name: str) -> str:
    body = model.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://xinfang-registry.invalid/{name}",
        **body,
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def render_all() -> dict[str, str]:
    """File name → exact text of every schema file."""
    return {name: render_schema(model, name) for name, model in SCHEMAS.items()}
