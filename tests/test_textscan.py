"""The text scan before parsing: hostile nesting refused fast, ordinary writing left alone."""

from __future__ import annotations

import time

import pytest

from xinfang.registry import store, textscan


@pytest.mark.parametrize(
    "text",
    [
        "summary: |\n  - - - - - - - - - - - - - - - - - - - - - - - - -\n  [[[[[[[[[[[[[[[[[[[[[[[[\n",
        'title: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\n',
        "title: 关于x[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[问题\n",
        "title: it's [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ fine\n",
        "title: 注：这是说明\n",
        "a: 1\r\nb: [1, 2]\r\n",
        "a: " + "[" * (textscan.MAX_DEPTH - 1) + "]" * (textscan.MAX_DEPTH - 1) + "\n",
        "events:\n" + "  - {date: 2026-06-03, type: received, note: '{[x'}\n" * 40,
        "# ======= 分隔 =======\na: 1\n",
    ],
)
def test_ordinary_writing_is_not_refused(text: str) -> None:
    textscan.scan(text)
    store.parse_text(text, "f.yaml")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: " + "[" * (textscan.MAX_DEPTH + 1) + "\n", 1),
        ("a:\n  b: " + "{c: " * 30 + "1" + "}" * 30 + "\n", 2),
        ("x: 1\nl: [a'b, " + "[" * 30 + "c'd" + "]" * 31 + "\n", 2),  # a quote inside a word
        ('x: ["\\"", ' + "[" * 30 + "]" * 31 + "\n", 1),  # an escaped quote
        ("".join(" " * i + "k:\n" for i in range(30)) + " " * 30 + "k: 1\n", 21),
    ],
)
def test_deep_nesting_is_refused_at_its_line(text: str, line: int) -> None:
    with pytest.raises(textscan.TextProblem) as caught:
        textscan.scan(text)
    assert caught.value.line == line
    assert "嵌套层数超过" in caught.value.message


@pytest.mark.parametrize("opener", ["[", "{a: ", "- "])
def test_a_mebibyte_of_nesting_is_refused_in_well_under_a_second(opener: str) -> None:
    text = "a:\n  " + opener * ((1 << 20) // len(opener)) + "\n"
    started = time.monotonic()
    with pytest.raises(store.FileProblem) as caught:
        store.parse_text(text, "cases/2026/XF-2026-0001.yaml")
    assert time.monotonic() - started < 1
    assert caught.value.problem.line == 2


def test_parser_english_never_reaches_the_user() -> None:
    for text in ("a: `x`\n", "a: 1\n---\nb: 2\n", 'a: "\\q"\n', "%FOO\n---\na: 1\n", "a: ]\n"):
        with pytest.raises(store.FileProblem) as caught:
            store.parse_text(text, "f.yaml")
        message = caught.value.problem.message
        assert message.startswith("YAML 语法错误：")
        assert not any("a" <= c.lower() <= "z" for c in message.replace("YAML", "")), message
