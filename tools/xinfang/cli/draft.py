"""`xinfang draft reminder|interview|listing`: the letters behind the mechanisms, as 公文 drafts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import click

from xinfang.cli.app import (
    EXIT_PROBLEMS,
    ISO_DATE,
    UNIT_NAMES,
    as_of_option,
    cli,
    open_registry,
    root_of,
    today_in_shanghai,
    unit_key,
)
from xinfang.cli.documents import output_path, write_or_fail
from xinfang.documents import letters
from xinfang.documents.gongwen import letter_docx
from xinfang.history.gitrev import registry_commit
from xinfang.registry.loader import Registry
from xinfang.site.data import SiteData, collect

DEFAULT_ISSUER = "县信访工作联席会议办公室"
SMS_SIGNATURE = "县信访局"  # a short signature leaves the room of the two segments to the facts

unit_option = click.option("--unit", default=None, help=f"单位：{UNIT_NAMES}。")
date_option = click.option(
    "--date", type=ISO_DATE, default=None,
    help="org/actions/ 中哪一天的记录（默认：截至 --as-of 的最近一条）。",
)  # fmt: skip
reason_option = click.option(
    "--reason", default=None,
    help="没有记录时直接写明事由起草（日期取 --date，否则 --as-of）。",
)  # fmt: skip
issuer_option = click.option(
    "--issuer", default=None,
    help=f"发文机关署名（默认：公文为“{DEFAULT_ISSUER}”，短信为“{SMS_SIGNATURE}”）。",
)  # fmt: skip
output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="写入的 .docx 文件（短信写入 .txt；不写时短信输出到屏幕）。",
)  # fmt: skip


@cli.group()
def draft() -> None:
    """起草提醒函、约谈通知书、挂牌督办通知书（Word 公文草稿）和短信提醒。

    \b
    内容取自 org/actions/ 中记录的措施（日期、事由）和登记库（单位、案件及其期限），
    依据取自 policy/ranking.yaml。检举控告类事项只写编号和期限。

    示例：xinfang draft interview --unit housing-bureau -o 约谈通知书.docx
    """


def _registry(
    ctx: click.Context, unit: str | None, case: str | None
) -> tuple[Registry, str | None]:
    """The registry and the key of the unit as written (key, name, short name or alias)."""
    registry = open_registry(ctx)
    key = unit_key(registry, unit)
    if case is not None and registry.case(case) is None:
        raise click.UsageError(f"--case {case}: 登记库中没有这件案件")
    return registry, key


def _data(ctx: click.Context, registry: Registry, day: dt.date) -> SiteData:
    """The registry as of the letter's date: a letter states the facts of the day it is dated."""
    return collect(registry, registry.calendar, as_of=day, commit=registry_commit(root_of(ctx)))


def _action(registry: Registry, kind: str, unit, case, date, reason, as_of):  # noqa: ANN001, ANN202
    """The recorded action (its reason and date); with --reason none is looked up, and the
    letter is dated --date or --as-of. No record and no --reason is exit 1."""
    if reason is not None:
        return None, reason, date or as_of
    action = letters.find_action(registry, kind, unit=unit, case=case, date=date, as_of=as_of)
    if action is None:
        click.echo(_missing(registry, kind, unit, case, date), err=True)
        raise click.exceptions.Exit(EXIT_PROBLEMS)
    return action, action.reason, action.date


def _missing(registry: Registry, kind: str, unit, case, date) -> str:  # noqa: ANN001
    who = f"{registry.unit_name(unit)}（{unit}）" if unit else ""
    return letters.missing_action(kind, who + (case or ""), date)


def _docx_target(output: Path | None) -> Path:
    if output is None:
        raise click.UsageError("请用 -o 指定写入的 .docx 文件")
    output_path(output, (".docx",))
    return output


def _write_docx(output: Path, made: letters.Draft) -> None:
    data = letter_docx(
        made.title, made.addressee, made.body, made.issuer, letters.chinese_date(made.date)
    )
    write_or_fail(output, data)
    click.echo(f"已写入 {output.as_posix()}（{made.title}）")


def _write_letter(
    ctx: click.Context,
    output: Path,
    build: Callable[..., letters.Draft],
    registry: Registry,
    when: dt.date,
    issuer: str | None,
    **facts: object,
) -> None:
    """Build one letter from the registry as of its date and write it as a 公文 docx."""
    data = _data(ctx, registry, when)
    made = _run(build, data, date=when, issuer=issuer or DEFAULT_ISSUER, **facts)
    _write_docx(output, made)


def _run(fn, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
    try:
        return fn(*args, **kwargs)
    except letters.DraftError as exc:
        click.echo(str(exc), err=True)
        raise click.exceptions.Exit(EXIT_PROBLEMS) from None


@draft.command()
@unit_option
@click.option("--case", default=None, help="针对的案件编号（不写单位时取案件的责任单位）。")
@click.option(
    "--form", type=click.Choice(["letter", "sms"]), default=None,
    help="letter 提醒函（docx），sms 短信（纯文本）；默认按记录中的形式。",
)  # fmt: skip
@date_option
@reason_option
@issuer_option
@output_option
@as_of_option
@click.pass_context
def reminder(ctx: click.Context, unit, case, form, date, reason, issuer, output, as_of) -> None:  # noqa: ANN001
    """提醒：提醒函（Word 公文草稿）或短信提醒的文字。

    \b
    短信为纯文本，不超过两条短信的长度：一条短信最多 70 个汉字，更长时按每条 67 字
    拆分发送，所以全文不超过 134 字，事由过长时截短。屏幕上另行提示字数和条数。

    示例：xinfang draft reminder --case XF-2025-0023 --form sms
    """
    if unit is None and case is None:
        raise click.UsageError("请用 --unit 或 --case 指明提醒的单位或案件")
    registry, unit = _registry(ctx, unit, case)
    unit = unit or registry.case(case).unit
    as_of = as_of or today_in_shanghai()
    action, why, when = _action(registry, "reminder", unit, case, date, reason, as_of)
    case = case or (action.case if action is not None else None)  # the record may name a case
    form = form or (action.form if action is not None else "letter")
    if form == "letter":
        output = _docx_target(output)
    if form == "sms":
        sign = issuer or SMS_SIGNATURE
        data = _data(ctx, registry, when)
        text = _run(letters.reminder_sms, data, unit=unit, case=case, reason=why, issuer=sign)
        if output is None:
            click.echo(text)
        else:
            output_path(output, (".txt",))
            write_or_fail(output, (text + "\n").encode("utf-8"))
        click.echo(f"（共 {len(text)} 字，{letters.sms_segments(text)} 条短信）", err=True)
        return
    _write_letter(
        ctx, output, letters.reminder_letter, registry, when, issuer, unit=unit, case=case,
        reason=why,
    )  # fmt: skip


@draft.command()
@unit_option
@date_option
@reason_option
@issuer_option
@output_option
@as_of_option
@click.pass_context
def interview(ctx: click.Context, unit, date, reason, issuer, output, as_of) -> None:  # noqa: ANN001
    """约谈通知书（Word 公文草稿）：约谈事由、该单位的逾期事项和整改报告的截止日期。

    \b
    整改报告期限按 policy/ranking.yaml 的工作日数（默认 15 个工作日）和节假日安排推算。

    示例：xinfang draft interview --unit housing-bureau -o 约谈通知书.docx
    """
    if unit is None:
        raise click.UsageError("请用 --unit 指明约谈的单位")
    output = _docx_target(output)
    registry, unit = _registry(ctx, unit, None)
    as_of = as_of or today_in_shanghai()
    _, why, when = _action(registry, "interview", unit, None, date, reason, as_of)
    _write_letter(
        ctx, output, letters.interview_notice, registry, when, issuer, unit=unit, reason=why
    )


@draft.command()
@click.option("--case", required=True, help="挂牌督办的案件编号。")
@date_option
@reason_option
@issuer_option
@output_option
@as_of_option
@click.pass_context
def listing(ctx: click.Context, case, date, reason, issuer, output, as_of) -> None:  # noqa: ANN001
    """挂牌督办通知书（Word 公文草稿）：督办事项、已完成和待完成的步骤、工作要求。

    示例：xinfang draft listing --case XF-2026-0197 -o 挂牌督办通知书.docx
    """
    output = _docx_target(output)
    registry, _ = _registry(ctx, None, case)
    as_of = as_of or today_in_shanghai()
    action, why, when = _action(registry, "listing", None, case, date, reason, as_of)
    _write_letter(
        ctx, output, letters.listing_notice, registry, when, issuer, case=case, reason=why,
        action=action,
    )  # fmt: skip
