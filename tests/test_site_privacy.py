"""Personal numbers in every writing, and their near misses; names masked by list and by
tagger, leaders kept; the allow-list of a confidential case; `confidential: false` refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from registry_factory import REPO, make_registry
from site_factory import INVALID_ID, VALID_ID
from xinfang.registry.loader import load_registry
from xinfang.site import privacy
from xinfang.site.names import NameMasker
from xinfang.site.privacy import (
    BANK_CARD,
    EMAIL,
    ID_NUMBER,
    LANDLINE,
    MOBILE,
    find_numbers,
    leaks_in_file,
    mask_numbers,
)
from xinfang.site.public import CONFIDENTIAL_TITLE, PublicCases, site_words

XINFANG = Path(sys.executable).parent / "xinfang"
ZW = "\u200b"  # zero-width space


@pytest.mark.parametrize(
    ("text", "kind", "number"),
    [
        ("电话13912345678。", MOBILE, "13912345678"),
        ("电话 139-1234-5678", MOBILE, "139-1234-5678"),
        ("电话 139 1234 5678", MOBILE, "139 1234 5678"),
        ("电话 139.1234.5678", MOBILE, "139.1234.5678"),
        ("电话+86 139 1234 5678", MOBILE, "+86 139 1234 5678"),
        ("电话（+86）13912345678", MOBILE, "（+86）13912345678"),
        ("电话0086-139-1234-5678", MOBILE, "0086-139-1234-5678"),
        ("电话８６１３９１２３４５６７８", MOBILE, "８６１３９１２３４５６７８"),
        ("电话１３９１２３４５６７８", MOBILE, "１３９１２３４５６７８"),
        (f"电话139{ZW}1234{ZW}5678", MOBILE, f"139{ZW}1234{ZW}5678"),
        ("电话 139－1234－5678", MOBILE, "139－1234－5678"),
        ("请回电 13912345678 2 次", MOBILE, "13912345678"),
        ("座机 0571-88886666", LANDLINE, "0571-88886666"),
        ("座机（0571）8888 6666", LANDLINE, "（0571）8888 6666"),
        ("座机 (010)12345678", LANDLINE, "(010)12345678"),
        ("座机 +86 571 8888 6666", LANDLINE, "+86 571 8888 6666"),
        ("座机 0571-88886666-123 转", LANDLINE, "0571-88886666"),
        ("邮箱 zhang.san+x@mail.example.com.cn。", EMAIL, "zhang.san+x@mail.example.com.cn"),
        ("邮箱 ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", EMAIL, "ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ"),
        (f"身份证{VALID_ID}", ID_NUMBER, VALID_ID),
        (f"身份证{VALID_ID.lower()}", ID_NUMBER, VALID_ID.lower()),
        (f"身份证{INVALID_ID}", ID_NUMBER, INVALID_ID),  # wrong check digit: still personal
        ("身份证 110105 19491231 002X", ID_NUMBER, "110105 19491231 002X"),
        ("身份证 110105-1949-1231-002X", ID_NUMBER, "110105-1949-1231-002X"),
        ("旧身份证 110105491231002", ID_NUMBER, "110105491231002"),
        ("卡号 6222 0212 3456 7890 123", BANK_CARD, "6222 0212 3456 7890 123"),
        ("卡号6222021234567890", BANK_CARD, "6222021234567890"),
        ("卡号 6222-0212-3456-7890", BANK_CARD, "6222-0212-3456-7890"),
    ],
)
def test_every_writing_is_found_and_masked(text, kind, number):
    found = find_numbers(text)
    assert [(f.kind, text[f.start : f.end]) for f in found] == [(kind, number)]
    masked = mask_numbers(text)
    assert number not in masked and "〔" in masked
    assert not find_numbers(masked)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-22",
        "2026-11-22 2026-11-23",
        "2026.11.22 至 2026.12.01",
        "2026/11/22",
        "2026年11月22日 15:30",
        "XF-2026-0137",
        "XF-2026-0137 2026-11-22",
        "XF-2026-000137 XF-2026-0138",
        "补偿款 138123456.78 元",
        "补偿款 1,380,000 元",
        "补偿款 12000000 元",
        "时间戳 1391234567890",
        "坐标 x=113912345678",
        "第 12 件 13 人 2026 年",
        "得分 98.5 分，排名 3 / 12",
        "提交 86ebad2f0c13912345678a",
        "座机 12345678901",
        "号码 +1 415 555 0100",
    ],
)
def test_near_misses_are_left_alone(text):
    assert find_numbers(text) == []
    assert mask_numbers(text) == text


def test_output_scan_sees_through_references_tags_json_and_svg():
    phone = "".join(f"&#{ord(c)};" for c in "139-1234-5678")
    assert [leak.kind for leak in leaks_in_file("a.html", f"<p>{phone}</p>")] == [MOBILE]
    assert [leak.kind for leak in leaks_in_file("a.html", "<p>139<b>1234</b>5678</p>")] == [MOBILE]
    index = '{"docs": [{"text": "\\u7535\\u8bdd 139\\u200b1234\\u200b5678"}]}'
    assert [leak.kind for leak in leaks_in_file("search/search_index.json", index)] == [MOBILE]
    icon = '<svg viewBox="0 0 24 24"><path d="M13.9 12.34 5.67 8-1.23 4.5"/></svg>'
    assert leaks_in_file("a.html", icon) == []


@pytest.fixture(scope="module")
def masker() -> NameMasker:
    return NameMasker(known=["金春生", "欧阳娜娜"], keep=["张建国", "李伟"], words=["青石镇"])


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("信访人金春生反映", "信访人金**反映"),
        ("欧阳娜娜、金春生联名来信", "欧***、金**联名来信"),
        ("县委书记张建国接访，副县长李伟参加", "县委书记张建国接访，副县长李伟参加"),
        ("约见冯新民，听取意见", "约见冯**，听取意见"),
        ("反映邻居叶淑芬违规搭建", "反映邻居叶**违规搭建"),
        ("青石镇李家湾村苗木基地查明阳光房违建", "青石镇李家湾村苗木基地查明阳光房违建"),
        ("张某某反映", "张某某反映"),
    ],
)
def test_names_masked_leaders_and_places_kept(masker, text, shown):
    assert masker.mask(text) == shown


def test_tagger_false_positives_on_the_demo_registry():
    """The figure in the README: the tagger masks no word of the demo's free text that is
    not a name (its petitioners are masked from the list, not by the tagger)."""
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "measure_names.py"), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "误认为人名（假阳性）：0 处" in done.stdout, done.stdout
    found = done.stdout.split("未告知姓名时找出的人名：")[1].split(" / ")[0]
    assert int(found) >= 300, done.stdout


ACCUSATION = """\
id: XF-2026-0301
title: 检举青石镇干部钱多多挪用补助款
received: 2026-10-02
channel: visit
kind: accusation
category: land-acquisition
unit: qingshi-town
summary: 检举人周某某（电话 13912345678）称钱多多挪用补助款
petitioners:
  - {name: 周晓梅, phone: "13912345678"}
headcount: 3
leader: zhao-gang
supervision: city
priority: red
events:
  - {date: 2026-10-02, type: received, note: 当面递交材料}
  - {date: 2026-10-03, type: transferred, to: qingshi-town}
  - {date: 2026-10-05, type: accepted}
  - {date: 2026-11-20, type: extended, days: 15, approval: 镇长孙大伟批准}
"""


def test_a_confidential_case_keeps_only_its_allow_list(tmp_path):
    root = make_registry(tmp_path / "r", {"2026/XF-2026-0301.yaml": ACCUSATION})
    registry = load_registry(root).registry
    shown = PublicCases(registry).shown(registry.case("XF-2026-0301"))
    assert shown.title == CONFIDENTIAL_TITLE
    assert shown.summary is None and shown.petitioners == []
    assert shown.leader is None and shown.supervision is None and shown.priority is None
    assert [(e.date.isoformat(), e.type) for e in shown.events] == [
        ("2026-10-02", "received"),
        ("2026-10-03", "transferred"),
        ("2026-10-05", "accepted"),
        ("2026-11-20", "extended"),
    ]
    assert all(e.note is None for e in shown.events)
    assert shown.events[3].days == 15 and "孙大伟" not in shown.events[3].approval
    assert "钱多多" not in repr(shown) and "周晓梅" not in repr(shown)


def test_site_words_cover_units_and_categories(tmp_path):
    registry = load_registry(make_registry(tmp_path / "r")).registry
    assert {"青石镇", "住建局", "住房和城乡建设局", "拖欠工资"} <= site_words(registry)


def test_confidential_false_is_refused_for_an_accusation(tmp_path):
    text = ACCUSATION.replace("priority: red\n", "priority: red\nconfidential: false\n")
    root = make_registry(tmp_path / "r", {"2026/XF-2026-0301.yaml": text})
    done = subprocess.run(
        [str(XINFANG), "--root", str(root), "validate", str(root / "cases/2026/XF-2026-0301.yaml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "cases/2026/XF-2026-0301.yaml:15:" in done.stdout + done.stderr
    assert "检举控告类事项一律保密" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def _normalise_char_by_char(text: str) -> tuple[str, list[int]]:
    """The folding as first written (one character at a time), to compare against."""
    import unicodedata

    out, where = [], []
    for i, ch in enumerate(text):
        if ord(ch) in privacy._INVISIBLE:
            continue
        for part in unicodedata.normalize("NFKC", ch) if ord(ch) > 0x7F else ch:
            out.append(part)
            where.append(i)
    return "".join(out), where


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain ascii 138 1234 5678",
        "信访人来电：１３９\u200b１２３４\u00ad５６７８，（住址略）。",
        "ﬁle ㈱ 豈 Ⅻ ① ｶ \u2060\u202e139-1234-5678\ufeff 末尾",
        "<td>电话：<b>１３９</b>12345678</td>\n第二行：４４０１０６１９９００３０７３４１Ｘ",
    ],
)
def test_folding_in_slices_agrees_with_folding_each_character(text: str) -> None:
    norm, where = privacy._normalise(text)
    assert (norm, list(where)) == _normalise_char_by_char(text)
