"""ruamel's and libyaml's error messages, in Chinese: no parser English reaches a user.

Both the C loader (libyaml's wording) and the pure-Python parser (ruamel's wording) can
raise; the table matches a distinctive part of either. What is not in the table still gets
a Chinese message at the parser's line and column.
"""

from __future__ import annotations

from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from xinfang.rules.problems import Problem

_MESSAGES = (
    ("mapping values are not allowed", "此处不能出现“键: 值”（值里有冒号时请给整个值加引号）"),
    ("did not find expected key", "缩进不一致，找不到预期的键"),
    ("did not find expected ',' or ']'", "方括号列表没有正确结束（缺少逗号或 ]）"),
    ("did not find expected ',' or '}'", "花括号映射没有正确结束（缺少逗号或 }）"),
    ("expected ',' or ']'", "方括号列表没有正确结束（缺少逗号或 ]）"),
    ("expected ',' or '}'", "花括号映射没有正确结束（缺少逗号或 }）"),
    ("that cannot start any token", "这个字符不能出现在值的开头（如是文字请给整个值加引号）"),
    ("could not find expected ':'", "缺少冒号"),
    ("found unexpected end of stream", "文件意外结束（引号或括号没有闭合）"),
    ("expected <block end>", "列表项或键的缩进不一致"),
    ("block sequence entries are not allowed", "此处不能开始列表项（- ），请检查缩进"),
    ("found undefined alias", "不允许使用别名"),
    ("another document", "一个文件只能有一个 YAML 文档（请删除多余的 ---）"),
    ("expected a single document", "一个文件只能有一个 YAML 文档（请删除多余的 ---）"),
    ("<document start>", "文档结束标记（...）之后不能再有内容"),
    (
        "unknown escape character",
        "双引号里的反斜杠转义无效（要写反斜杠本身请写成 \\\\，或改用单引号）",
    ),
    ("incompatible YAML document", "不支持这个 YAML 版本声明，请删除 %YAML 行"),
    ("unknown directive", "未知的 % 指令，请删除该行"),
    ("duplicate YAML directive", "%YAML 指令重复"),
    ("tag handle", "不允许使用标签"),
    ("expected alphabetic or numeric character", "& 或 * 后面缺少名称（不允许使用锚点和别名）"),
    ("expected the node content", "此处缺少内容"),
    ("did not find expected node content", "此处缺少内容（多余的括号或逗号？）"),
    ("did not find expected '-' indicator", "列表项的缩进不一致"),
    ("found unexpected ':'", "冒号的位置不对（值里有冒号时请给整个值加引号）"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("found a tab character", "不能用制表符缩进，请改用空格"),
    ("'\\t'", "不能用制表符缩进，请改用空格"),
    ("control characters are not allowed", "含有控制字符，请删除"),
    ("special characters are not allowed", "含有控制字符，请删除"),
    ("unacceptable key", "键不能是列表或映射"),
    ("unhashable key", "键不能是列表或映射"),
)
_FALLBACK = "无法解析此处，请检查缩进、冒号、引号和括号"


def chinese(*texts: str | None) -> str:
    """The Chinese for a parser's problem (or, failing that, its context)."""
    for text in texts:
        found = next((zh for en, zh in _MESSAGES if text and en in text), None)
        if found:
            return found
    return _FALLBACK


def yaml_problem(exc: YAMLError, rel: str) -> Problem:
    """A parser's exception → a located problem with a Chinese message."""
    if isinstance(exc, DuplicateKeyError):
        mark = exc.problem_mark
        key = str(exc.problem).split('"')[1] if '"' in str(exc.problem) else ""
        return Problem(
            rel,
            mark.line + 1,
            mark.column + 1,
            key,
            f"键 {key} 重复出现，同一映射中每个键只能写一次",
        )
    if isinstance(exc, MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        text = chinese(exc.problem, exc.context)
        return Problem(rel, mark.line + 1, mark.column + 1, "", f"YAML 语法错误：{text}")
    return Problem(rel, 1, 1, "", f"YAML 语法错误：{_FALLBACK}")
