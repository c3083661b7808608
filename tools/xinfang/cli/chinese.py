"""Click in Chinese: usage errors, help headings and placeholders.

Click builds every message it shows through `gettext` (module attribute `_` and
`ngettext` in its modules), so a catalog of its English message ids is all a translation
needs; `install()` points those names at the catalog. Messages not in the catalog pass
through unchanged, and a test runs each kind of usage error to catch any that leak.
The command and group classes give the usage line Chinese placeholders.
"""

from __future__ import annotations

import inspect
import re
import unicodedata

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

CATALOG = {
    # Frames around every message.
    "Usage:": "用法：",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 {command} {option} 查看用法。",
    "Aborted!": "已取消。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    # Help headings and option notes.
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "deprecated": "已停用",
    # Usage errors.
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such option: {name}": "没有选项 {name}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Did you mean {possibility}?": "是不是要输入 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是要输入以下之一：{possibilities}？）",
    "Invalid value: {message}": "取值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值无效：{message}",
    "Got unexpected extra argument ({args})": "多出了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name!r} 后面需要写一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 后面需要写 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "{value!r} is not {choice}.": "{value!r} 不是可选的值，只能是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选的值，应为以下之一：{choices}。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 超出允许的范围 {range}。",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} 不是有效的是/否值，可写：{states}"
    ),
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合格式 {formats}。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
    "Value must be an iterable.": "取值必须是一组值。",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，应为目录。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是目录，应为文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 无法执行。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "unknown error": "未知错误",
}

# The placeholders of types that have no metavar of their own (click prints the upper-cased
# type name) and of the arguments in the usage line.
TYPE_NAMES = {
    click.types.StringParamType: "文字",
    click.types.IntParamType: "整数",
    click.types.IntRange: "整数",
    click.types.FloatParamType: "数",
    click.types.FloatRange: "数",
    click.types.BoolParamType: "是/否",
}
ARGUMENT_NAMES = {
    "CASE": "案件编号",
    "TYPE": "事件类型",
    "PATHS": "路径",
    "BASE": "基准版本",
    "HEAD": "比较版本",
}
# A line break inside a Chinese sentence of a docstring is not a space.
_CJK_BREAK = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\n[ \t]*(?=\S)")


def translate(message: str) -> str:
    return CATALOG.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


def install() -> None:
    """Route click's messages through the catalog; idempotent."""
    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.types,
    ):
        if hasattr(module, "_"):
            module._ = translate
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural
    for kind, name in TYPE_NAMES.items():
        kind.name = name
    click.exceptions.MissingParameter.format_message = _missing_message


def _missing_message(self: click.exceptions.MissingParameter) -> str:
    return _english_missing_message(self).replace("'.", "'。", 1)


_english_missing_message = click.exceptions.MissingParameter.format_message


def join_cjk_lines(text: str) -> str:
    """Rejoin the lines of Chinese paragraphs; `\\b` paragraphs keep their lines."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(p if p.startswith("\b") else _CJK_BREAK.sub("", p) for p in paragraphs)


class ChineseFormatter(click.HelpFormatter):
    """Full-width colons after headings; columns aligned by display width."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        super().write_text(join_cjk_lines(text))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:  # noqa: ANN001
        rows = list(rows)
        first_col = min(max((display_width(a) for a, _ in rows), default=0), col_max)
        first_col += col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(indent + first)
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            width = max(self.width - first_col - self.current_indent, 20)
            lines = wrap_by_width(second, width)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


# A Latin word, a run of spaces, or any single other character: where a line may break.
_TOKEN = re.compile(r"[\w./<>\-:%'\[\]|=]+(?<![\u4e00-\u9fff])|\s+|.", re.ASCII)


def wrap_by_width(text: str, width: int) -> list[str]:
    """Lines of at most `width` terminal columns, Chinese characters counting two."""
    lines, line = [], ""
    for token in _TOKEN.findall(text):
        if line and display_width(line + token) > width:
            lines.append(line.rstrip())
            line = "" if token.isspace() else token
        else:
            line += token
    lines.append(line.rstrip())
    return lines


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class ChineseContext(click.Context):
    formatter_class = ChineseFormatter


class ChineseCommand(click.Command):
    context_class = ChineseContext

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, click.Argument):
                name = ARGUMENT_NAMES.get(param.metavar or param.name.upper())
                if name:
                    optional = not param.required
                    many = param.nargs != 1
                    param.metavar = ("[" + name + "]" if optional else name) + (
                        "..." if many else ""
                    )

    def get_short_help_str(self, limit: int = 45) -> str:
        text = join_cjk_lines(inspect.cleandoc(self.short_help or self.help or ""))
        first = text.split("\n\n")[0].replace("\n", " ")
        return first.split("。")[0].rstrip("：:") if "。" in first else first


class ChineseGroup(click.Group):
    context_class = ChineseContext
    command_class = ChineseCommand
    group_class = type  # subgroups are ChineseGroups too

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    get_short_help_str = ChineseCommand.get_short_help_str
