"""The rule tables on the policy pages come from policy/, and the 年度考核 page lists units."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from xinfang.registry.loader import load_registry
from xinfang.site.build import plan_site
from xinfang.site.data import collect

DEMO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 30)
INC = "generated/_include"


def _plan(root: Path) -> dict[str, str]:
    registry = load_registry(root, use_cache=False).registry
    return plan_site(collect(registry, registry.calendar, as_of=AS_OF, commit="x"))


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html).replace("&#46;", ".")


def _copy_demo(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    for name in ("cases", "org", "policy"):
        shutil.copytree(DEMO / name, root / name)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_policy_changes_show_up_in_the_generated_tables(tmp_path: Path) -> None:
    root = _copy_demo(tmp_path)
    before = _plan(root)
    own, acc, rank = (
        _text(before[f"{INC}/{n}-table.md"]) for n in ("ownership", "accountability", "ranking")
    )
    assert "县委、县政府主要领导包案" in own and "乡镇或部门主要领导" in own
    assert "红色风险的重点案件" in own and "本县自定" in own
    assert "ownership.missing" in acc and "进京上访 30 人以上" in acc
    assert "年度通报中结案率低于 90%" in rank and "按期办结率" in rank
    # the county changes its rules: the pages follow
    _edit(root / "policy/ownership.yaml", "red: top", "red: in-charge")
    _edit(
        root / "policy/accountability.yaml",
        "admonition_national_headcount: 30",
        "admonition_national_headcount: 25",
    )
    _edit(
        root / "policy/ranking.yaml", "metric: year-end, below: 90", "metric: year-end, below: 85"
    )
    _edit(root / "policy/ranking.yaml", "  handling: 40", "  handling: 45")
    after = _plan(root)
    own2 = _text(after[f"{INC}/ownership-table.md"])
    assert "红色、黄色风险的重点案件" in own2
    assert own2.index("红色") > own2.index("县分管领导包案")
    assert "进京上访 25 人以上" in _text(after[f"{INC}/accountability-table.md"])
    rank2 = _text(after[f"{INC}/ranking-table.md"])
    assert "年度通报中结案率低于 85%" in rank2 and "年度通报中结案率低于 90%" not in rank2
    assert re.search(r"按期办结率.*?45", rank2, re.S)


def test_assessment_page_lists_every_demo_unit() -> None:
    files = _plan(DEMO)
    page = files["generated/assessment.md"]
    registry = load_registry(DEMO).registry
    assert "2026 年度考核" in page
    for key in registry.units:
        assert f"units/{key}/" in page, key
    assert "通报排名靠后" in page and "合计" in page


def test_policy_pages_include_the_tables() -> None:
    for page, include in (
        ("baoan", "ownership"),
        ("accountability", "accountability"),
        ("notices", "ranking"),
    ):
        text = (DEMO / "site_src/policy" / f"{page}.md").read_text(encoding="utf-8")
        assert f'--8<-- "{INC}/{include}-table.md"' in text
