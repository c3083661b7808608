"""What the demo county's registers show as of 2026-11-22 (scripts/generate_registers_demo.py
plants these problems): the real commands on the repository's own data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from xinfang.cli import cli
from xinfang.registers.findings import register_findings
from xinfang.registry.loader import load_registry

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-22"


def run(*args: str):
    return CliRunner().invoke(
        cli, ["--root", str(REPO), "--no-cache", *args], catch_exceptions=False
    )


def test_demo_screening_week_47() -> None:
    result = run("screening", "--week", "2026-W47", "--as-of", TODAY, "--format", "json")
    body = json.loads(result.stdout)
    missing = {u["unit"]: u["daily"] for u in body["units"] if u["status"] == "missing"}
    assert missing == {
        "education-bureau": ["2026-11-19"],
        "ecology-environment-bureau": ["2026-11-18", "2026-11-19", "2026-11-20"],
    }
    assert [(s["unit"], s["found"]) for s in body["stale"]] == [("housing-bureau", "2026-10-12")]


def test_demo_rota_december() -> None:
    result = run("receptions", "--rota", "--month", "2026-12", "--format", "json", "--check")
    assert result.exit_code == 1
    body = json.loads(result.stdout)
    gaps = {g["slot"]: g["count"] for g in body["gaps"]}
    assert gaps == {None: 1, "longquan-town": 23, "ecology-environment-bureau": 23}
    assert body["days_off"] == [
        {"date": "2026-12-26", "day": "休息日", "slot": None, "leader": "feng-li"}
    ]


def test_demo_findings_by_rule() -> None:
    registry = load_registry(REPO, use_cache=False).registry
    found = register_findings(registry, as_of=dt.date(2026, 11, 22))
    spot = [(f.rule, f.case) for f in found if f.rule.startswith("spotcheck.")]
    assert sorted(spot) == [
        ("spotcheck.accountability", "XF-2026-0171"),
        ("spotcheck.review", "XF-2026-0186"),
    ]
    rules = {f.rule for f in found}
    assert rules == {
        "screening.missing",
        "screening.stale",
        "rota.gap",
        "rota.day_off",
        "spotcheck.review",
        "spotcheck.accountability",
    }
