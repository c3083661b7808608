"""End to end: build the site of a registry whose free text is full of names and numbers in
every writing, then grep every file of the built site; and the two scans failing the build."""

from __future__ import annotations

import gzip
import html
import json
import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_factory import AS_OF, make_site_registry
from test_site_privacy import ACCUSATION
from xinfang.cli import cli

HOSTILE_TEXT = """\
id: XF-2026-0302
title: 反映邻居叶淑芬占用通道，联系电话 139 1234 5678
received: 2026-10-12
channel: visit
kind: request
category: urban-management
unit: qingshi-town
summary: "信访人冯新民（身份证 110105 19491231 002X，卡号 6222-0212-3456-7890，\
邮箱 fxm@example.com，座机（0571）8888 6666）称叶淑芬堵路"
petitioners:
  - {name: 冯新民, phone: "13912345678", id_number: "11010519491231002X"}
  - {name: 欧阳娜娜}
headcount: 2
events:
  - {date: 2026-10-12, type: received, note: "与冯新民电话 ＋８６ １３９１２３４５６７８ 沟通"}
  - {date: 2026-10-13, type: transferred, to: qingshi-town, note: "转青石镇，联系人 139.1234.5678"}
  - {date: 2026-10-15, type: accepted, note: 欧阳娜娜补交材料}
  - {date: 2026-11-20, type: extended, days: 10, approval: "镇长孙大伟批准，电话0571-88886666"}
"""

REJECTED = """\
id: XF-2026-0303
title: 反映冯新民家宅基地纠纷
received: 2026-11-01
channel: letter
kind: request
category: land-acquisition
unit: qingshi-town
petitioners:
  - {name: 叶淑芬}
events:
  - {date: 2026-11-01, type: received}
  - {date: 2026-11-05, type: rejected, reason: "已由法院受理，可联系书记员 +86 139-1234-5678"}
"""

NAMES = ("叶淑芬", "冯新民", "欧阳娜娜", "孙大伟", "钱多多", "周晓梅")
# Digits as they would appear with every separator taken out.
DIGITS = ("139123456", "11010519491231", "6222021234567890", "057188886666")
TEXTS = ("fxm@example", "挪用补助款")


def _readable(path: Path) -> str:
    """A built file as a reader or a search engine would see it."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    text = data.decode("utf-8", "replace")
    if path.suffix == ".json":
        text = json.dumps(json.loads(text), ensure_ascii=False)
    text = html.unescape(html.unescape(text))
    text = re.sub("[\u200b-\u200f\u2060\ufeff]", "", text)
    return unicodedata.normalize("NFKC", text)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site_registry(
        tmp_path_factory.mktemp("privacy") / "registry",
        {
            "2026/XF-2026-0301.yaml": ACCUSATION,
            "2026/XF-2026-0302.yaml": HOSTILE_TEXT,
            "2026/XF-2026-0303.yaml": REJECTED,
        },
    )
    result = CliRunner().invoke(cli, ["--root", str(root), "site", "build", "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    return root / "site"


def test_no_planted_name_or_number_in_any_built_file(site):
    files = [p for p in sorted(site.rglob("*")) if p.is_file()]
    assert any(p.name == "sitemap.xml.gz" for p in files)
    assert any(p.name == "search_index.json" for p in files)
    for path in files:
        text = _readable(path)
        digits = re.sub(r"\D", "", text)
        for secret in (*NAMES, *TEXTS):
            assert secret not in text, (path, secret)
        for number in DIGITS:
            assert number not in digits, (path, number)


def test_masked_text_still_reads(site):
    page = _readable(site / "generated/cases/2026/XF-2026-0302/index.html")
    for shown in (
        "反映邻居叶**占用通道，联系电话 〔电话号码已隐去〕",
        "〔身份证号已隐去〕",
        "〔银行卡号已隐去〕",
        "〔邮箱已隐去〕",
        "镇长孙**批准",
        "冯**、欧***",
    ):
        assert unicodedata.normalize("NFKC", shown) in page, shown
    index = _readable(site / "search/search_index.json")
    assert "反映邻居叶**占用通道" in index


def test_a_confidential_case_shows_only_id_unit_dates_and_clocks(site):
    page = _readable(site / "generated/cases/2026/XF-2026-0301/index.html")
    assert "XF-2026-0301" in page and "青石镇" in page and "2026-10-02" in page
    assert "办理期限" in page
    for word in ("赵刚", "市级", "红色", "当面递交", "批准", "来访", "土地征占", "共 3 人"):
        assert word not in page, word
    baoan = _readable(site / "generated/leadership/baoan/index.html")
    assert "XF-2026-0301" not in baoan


def test_a_number_from_an_org_file_stops_the_build_before_mkdocs(tmp_path):
    root = make_site_registry(tmp_path / "registry")
    units = root / "org" / "units.yaml"
    units.write_text(
        units.read_text(encoding="utf-8").replace("青石镇", "青石镇（值班 0571-88886666）"),
        encoding="utf-8",
    )
    (root / "site").mkdir()  # an earlier build, now stale
    result = CliRunner().invoke(cli, ["--root", str(root), "site", "build", "--as-of", AS_OF])
    assert result.exit_code == 1
    assert "隐私检查未通过：生成的页面中" in result.output
    assert "site_src/generated/" in result.output and "固定电话" in result.output
    assert "88886666" not in result.output
    assert not (root / "site_src" / "generated").exists()
    assert not (root / "site").exists()


def test_a_number_in_a_hand_written_page_fails_after_mkdocs(tmp_path):
    root = make_site_registry(tmp_path / "registry")
    page = root / "site_src" / "policy" / "editing.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n值班手机：+86 139-1234-5678\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["--root", str(root), "site", "build", "--as-of", AS_OF])
    assert result.exit_code == 1
    assert "隐私检查未通过：构建结果中" in result.output
    assert "site/policy/editing/index.html" in result.output and "手机号码" in result.output
    assert "site/search/search_index.json" in result.output
    assert "1234" not in result.output
    assert not (root / "site_src" / "generated").exists()
    assert not (root / "site").exists()
