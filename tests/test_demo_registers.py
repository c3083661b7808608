"""What the demo county's registers show as of 2026-11-22 (scripts/generate_registers_demo.py
plants these problems): the real commands on the repository's own data."""

from __future__ import annotations

import datetime as dt
import html
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
    # 县环境分局 has no leader on file; 龙泉镇's 党委书记 (a second owner of 包案) is on duty
    assert gaps == {None: 1, "ecology-environment-bureau": 23}
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


def test_demo_registers_page_shows_each_register_without_free_text() -> None:
    from xinfang.site.data import collect
    from xinfang.site.registers import render_registers_page

    registry = load_registry(REPO, use_cache=False).registry
    data = collect(registry, registry.calendar, as_of=dt.date(2026, 11, 22), commit="test")
    page = html.unescape(render_registers_page(data))
    assert "| 县环境分局 | 未报告 | 2026-11-18、2026-11-19、2026-11-20 |" in page
    assert "| 县住建局 | 2026-10-12 | 红色 | 41 |" in page
    assert "| 县群众工作中心 | 冯莉排在休息日 | 1 | 2026-12-26 |" in page
    assert "| XF-2026-0171 | 问题件追责 | 2026-11-13 | 逾期 |" in page
    assert "开发商" not in page and "未书面告知" not in page  # matter and problem texts stay out
