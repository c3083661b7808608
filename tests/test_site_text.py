"""The escaping function, name masking and the privacy scanner, with hostile inputs."""

from __future__ import annotations

import html
import re

import markdown
import pytest

from site_factory import INVALID_ID, VALID_ID
from xinfang.site.privacy import BANK_CARD, ID_NUMBER, MOBILE, find_leaks, is_valid_id_number
from xinfang.site.text import escape, mask_name

HOSTILE = [
    "<script>alert(1)</script>",
    "**x** | y",
    "[点我](javascript:alert(1))",
    "![img](http://example.com/x.png)",
    "`code` _em_ ~~del~~ #标题",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    "a\nb\r\nc\n\nd",
    '--8<-- "/etc/passwd"',
    "{: onclick=alert(1) }",
    "&lt;script&gt; &amp; &#60;",
    "<!-- comment --> <![CDATA[x]]>",
    "1. 列表\n- 列表\n+ 列表\n> 引用",
    "| a | b |\n|---|---|",
    "\x00\x07控制字符\x1b",
]

# Markdown as the site configures it, for rendering escaped text in every context it is used.
_MD_EXTENSIONS = ["tables", "attr_list", "admonition", "toc"]


def _render(source: str) -> str:
    return markdown.markdown(source, extensions=_MD_EXTENSIONS)


def _visible_text(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_has_no_markup_characters(text):
    out = re.sub(r"&#[0-9]+;", "", escape(text))
    assert not set(out) & set("<>\"'|*_[]`#&\n\r{}\\~-.")


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize(
    "template",
    [
        "{x}",  # a paragraph
        "# 标题 {x}",  # a Markdown heading
        "| 列 | 列 |\n| --- | --- |\n| {x} | 2 |",  # a Markdown table cell
        '<div class="c">{x}</div>',  # raw HTML
        '<table><tr><td data-sort="{x}">{x}</td></tr></table>',  # an attribute and a cell
        '!!! note "说明"\n    {x}',  # an admonition body
    ],
)
def test_escaped_text_renders_as_itself_everywhere(text, template):
    rendered = _render(template.format(x=escape(text)))
    assert "<script" not in rendered
    assert "<img" not in rendered
    assert "<strong" not in rendered and "<em" not in rendered and "<code" not in rendered
    assert "<a " not in rendered
    assert "onmouseover=" not in rendered and "onclick=" not in rendered
    # What the reader sees is the original text (control characters dropped, newlines as
    # spaces or line breaks).
    expected = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text).replace("\r", "")
    seen = _visible_text(rendered)
    for piece in expected.split():
        assert piece in seen.replace("\n", " ") or piece in seen


def test_escape_keeps_chinese_and_digits():
    assert escape("反映 2026 年工资拖欠") == "反映 2026 年工资拖欠"


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("徐某某", "徐**"),
        ("欧阳娜娜", "欧***"),
        ("王五", "王*"),
        ("李", "李"),
        ("匿名", "匿名"),
        (VALID_ID, "1" + "*" * 17),
        ("<img src=x>", "<**********"),
    ],
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_id_number_check_digit():
    assert is_valid_id_number(VALID_ID)
    assert is_valid_id_number(VALID_ID.lower())
    assert not is_valid_id_number(INVALID_ID)
    assert not is_valid_id_number("12345")


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (f"身份证 {VALID_ID} 号", [ID_NUMBER]),
        (f"身份证{VALID_ID}", [ID_NUMBER]),
        # A mistyped check character is still somebody's number.
        (f"校验位不对 {INVALID_ID}", [ID_NUMBER]),
        (f"更长的数字串 9{VALID_ID}", []),
        (f"19 位 9{VALID_ID[:-1]}", [BANK_CARD]),
        ("电话 13912345678。", [MOBILE]),
        ("电话:13912345678", [MOBILE]),
        ("<td>19912345678</td>", [MOBILE]),
        ("座机 12345678901", []),  # 12… is not a mobile prefix
        ("时间戳 1391234567890", []),  # embedded in a longer run of digits
        ("坐标 x=113912345678", []),
        (f"两样都有 13800000000 和 {VALID_ID}", [MOBILE, ID_NUMBER]),
        ("XF-2026-0137 2026-11-22", []),
    ],
)
def test_find_leaks(text, kinds):
    assert [leak.kind for leak in find_leaks(text)] == kinds


def test_leak_report_names_the_place_but_not_the_number():
    leaks = find_leaks(f"第一行\n第二行 {VALID_ID}\n13912345678")
    assert [(leak.line, leak.kind) for leak in leaks] == [(2, ID_NUMBER), (3, MOBILE)]
    for leak in leaks:
        described = leak.describe("site/x/index.html")
        assert "site/x/index.html" in described
        assert VALID_ID not in described and "13912345678" not in described
