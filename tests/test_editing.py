"""`xinfang new` and `xinfang event` as staff use them: every other byte of a file kept, keys
checked with suggestions, dates after the as-of date refused, concurrent runs losing nothing,
failed writes leaving nothing behind."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from registry_factory import make_registry
from xinfang.cli import cli

CASE = "cases/2026/XF-2026-0200.yaml"
HEAD = """\
id: XF-2026-0200
title: 反映工资拖欠
received: 2026-06-03
channel: letter
kind: request
category: wage-arrears
unit: hrss-bureau
"""
NEW_LINE = "{date: 2026-07-01, type: answered}"

# name → (file text, the line `event … answered --date 2026-07-01` must insert, or None when
# the style cannot take one inserted line and the edit must be refused)
STYLES: dict[str, tuple[str, str | None]] = {
    "block-flow-items": (
        HEAD + "events:\n  - {date: 2026-06-03, type: received}\n"
        "  - {date: 2026-06-05, type: accepted}\n",
        f"  - {NEW_LINE}\n",
    ),
    "crlf": (
        (
            HEAD + "events:\n  - {date: 2026-06-03, type: received}\n"
            "  - {date: 2026-06-05, type: accepted}\n"
        ).replace("\n", "\r\n"),
        f"  - {NEW_LINE}\r\n",
    ),
    "bom-and-comments": (
        "\ufeff# 案件登记\n" + HEAD + "events:   # 办理过程\n"
        "  - {date: 2026-06-03, type: received}\n"
        "  # 受理前电话联系了信访人\n"
        "  - {date: 2026-06-05, type: accepted}   # 书面告知\n"
        "# 以上\n",
        f"  - {NEW_LINE}\n",
    ),
    "quoted-dates-4-space": (
        HEAD + "events:\n    - {date: \"2026-06-03\", type: 'received'}\n"
        '    - {date: "2026-06-05", type: accepted}\n',
        f"    - {NEW_LINE}\n",
    ),
    "yaml-directive-and-end": (
        "%YAML 1.2\n---\n" + HEAD + "events:\n  - {date: 2026-06-03, type: received}\n"
        "  - {date: 2026-06-05, type: accepted}\n...\n",
        f"  - {NEW_LINE}\n",
    ),
    "block-mapping-items-then-more-keys": (
        HEAD.replace("unit: hrss-bureau\n", "") + "events:\n- date: 2026-06-03\n  type: received\n"
        "-   date: 2026-06-05\n    type: accepted\n    note: 电话告知\n\n"
        "unit: hrss-bureau\n",
        f"-   {NEW_LINE}\n",
    ),
    "padded-braces-no-final-newline": (
        HEAD + "events:\n  - { date: 2026-06-03, type: received }\n"
        "  - { date: 2026-06-05, type: accepted }",
        "\n  - { date: 2026-07-01, type: answered }",
    ),
    "flow-list-one-per-line": (
        HEAD + "events: [\n  {date: 2026-06-03, type: received},\n"
        "  {date: 2026-06-05, type: accepted},\n]\n",
        f"  {NEW_LINE},\n",
    ),
    "flow-list-one-line": (
        HEAD + "events: [{date: 2026-06-03, type: received}, {date: 2026-06-05, type: accepted}]\n",
        None,
    ),
}


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)


def _answered(root: Path):
    return run(root, "event", "XF-2026-0200", "answered", "--date", "2026-07-01",
               "--as-of", "2026-07-01")  # fmt: skip


@pytest.mark.parametrize("style", STYLES, ids=str)
def test_event_inserts_one_line_and_keeps_every_other_byte(tmp_path: Path, style: str) -> None:
    text, inserted = STYLES[style]
    root = make_registry(tmp_path / "r", example=False)
    path = root / CASE
    path.write_bytes(text.encode("utf-8"))
    assert run(root, "validate", "--as-of", "2026-06-10").exit_code == 0
    result = _answered(root)
    after = path.read_bytes().decode("utf-8")
    if inserted is None:
        assert result.exit_code == 1
        assert "每个事件一行" in result.output
        assert after == text
        return
    assert result.exit_code == 0, result.output
    assert len(after) == len(text) + len(inserted)
    at = next(i for i in range(len(text) + 1) if after[i : i + len(inserted)] == inserted
              and after[:i] + after[i + len(inserted):] == text)  # fmt: skip
    assert at > text.index("2026-06-05")
    assert run(root, "validate", "--as-of", "2026-07-01").exit_code == 0


def test_awkward_text_is_quoted_in_the_inserted_line(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r", example=False)
    (root / CASE).write_text(STYLES["block-flow-items"][0], encoding="utf-8")
    note = '说明: 含冒号, 逗号 #井号 "引号" 与 {括号}'
    result = run(root, "event", "XF-2026-0200", "progress", "--note", note,
                 "--date", "2026-06-20", "--as-of", "2026-06-20")  # fmt: skip
    assert result.exit_code == 0, result.output
    last = (root / CASE).read_text(encoding="utf-8").splitlines()[-1]
    assert last.startswith('  - {date: 2026-06-20, type: progress, note: "')
    loaded = CliRunner().invoke(cli, ["--root", str(root), "validate", "--as-of", "2026-06-20"])
    assert loaded.exit_code == 0, loaded.output
    from xinfang.registry.loader import load_registry

    case = load_registry(root).registry.case("XF-2026-0200")
    assert case.events[-1].note == note


def test_keys_are_checked_with_a_suggestion_and_names_accepted(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r", example=False)
    path = root / CASE
    path.write_text(STYLES["block-flow-items"][0], encoding="utf-8")
    before = path.read_bytes()
    typo = run(root, "event", "XF-2026-0200", "transferred", "--to", "housing-bureu",
               "--date", "2026-06-06", "--as-of", "2026-06-06")  # fmt: skip
    assert typo.exit_code == 2
    assert "单位“housing-bureu”不在 org/units.yaml 中" in typo.output
    assert "您是不是要写 housing-bureau（住建局）" in typo.output
    wrong_type = run(root, "event", "XF-2026-0200", "answerd", "--as-of", "2026-06-06")
    assert wrong_type.exit_code == 2 and "您是不是要写 answered" in wrong_type.output
    assert path.read_bytes() == before
    by_name = run(root, "event", "XF-2026-0200", "转送/交办", "--to", "住建局",
                  "--date", "2026-06-06", "--as-of", "2026-06-06")  # fmt: skip
    assert by_name.exit_code == 0, by_name.output
    assert path.read_text(encoding="utf-8").endswith(
        "  - {date: 2026-06-06, type: transferred, to: housing-bureau}\n"
    )
    new = run(root, "new", "--title", "反映欠薪", "--channel", "letter", "--kind", "request",
              "--category", "拖欠工资", "--unit", "人社局", "--leader", "李伟",
              "--received", "2026-06-07", "--as-of", "2026-06-07")  # fmt: skip
    assert new.exit_code == 0, new.output
    created = (root / "cases/2026/XF-2026-0201.yaml").read_text(encoding="utf-8")
    assert "unit: hrss-bureau\n" in created and "category: wage-arrears\n" in created
    assert "leader: li-wei\n" in created
    bad_leader = run(root, "new", "--title", "x", "--channel", "letter", "--kind", "request",
                     "--category", "wage-arrears", "--unit", "hrss-bureau", "--leader", "李为",
                     "--received", "2026-06-07", "--as-of", "2026-06-07")  # fmt: skip
    assert bad_leader.exit_code == 2 and "您是不是要写 li-wei（李伟）" in bad_leader.output


def test_dates_after_the_as_of_date_are_refused(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r", example=False)
    path = root / CASE
    path.write_text(STYLES["block-flow-items"][0], encoding="utf-8")
    before = path.read_bytes()
    future = run(root, "event", "XF-2026-0200", "answered", "--date", "2026-07-02",
                 "--as-of", "2026-07-01")  # fmt: skip
    assert future.exit_code == 1
    assert "晚于截至日期 2026-07-01" in future.output
    assert path.read_bytes() == before
    new = run(root, "new", "--title", "x", "--channel", "letter", "--kind", "request",
              "--category", "wage-arrears", "--unit", "hrss-bureau",
              "--received", "2026-07-02", "--as-of", "2026-07-01")  # fmt: skip
    assert new.exit_code == 1 and "登记日期 2026-07-02 晚于截至日期 2026-07-01" in new.output
    assert not (root / "cases/2026/XF-2026-0201.yaml").exists()


def test_late_extension_is_refused_before_writing(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r", example=False)
    path = root / CASE
    path.write_text(STYLES["block-flow-items"][0], encoding="utf-8")
    before = path.read_bytes()
    # accepted 2026-06-05: 60 days end 2026-08-04, a Tuesday
    late = run(root, "event", "XF-2026-0200", "extended", "--days", "10", "--approval", "局长",
               "--date", "2026-08-05", "--as-of", "2026-08-05")  # fmt: skip
    assert late.exit_code == 1
    assert "办理期限已于 2026-08-04 届满" in late.output
    assert path.read_bytes() == before
    on_time = run(root, "event", "XF-2026-0200", "extended", "--days", "10",
                  "--approval", "局长", "--date", "2026-08-04", "--as-of", "2026-08-05")  # fmt: skip
    assert on_time.exit_code == 0, on_time.output
    # the due date is now 2026-08-14: a second extension that day is still in time, not after
    again = run(root, "event", "XF-2026-0200", "extended", "--days", "5", "--approval", "局长",
                "--date", "2026-08-15", "--as-of", "2026-08-15")  # fmt: skip
    assert again.exit_code == 1 and "已于 2026-08-14 届满" in again.output


def test_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    root = make_registry(tmp_path / "r", example=False)
    path = root / CASE
    path.write_text(STYLES["block-flow-items"][0], encoding="utf-8")
    before = path.read_bytes()

    def disk_full(*_args) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    result = _answered(root)
    assert result.exit_code == 1 and "文件未改动" in result.output
    monkeypatch.undo()
    monkeypatch.setattr(os, "replace", disk_full)
    result = _answered(root)
    assert result.exit_code == 1
    new = run(root, "new", "--title", "x", "--channel", "letter", "--kind", "request",
              "--category", "wage-arrears", "--unit", "hrss-bureau",
              "--received", "2026-06-07", "--as-of", "2026-06-07")  # fmt: skip
    assert new.exit_code == 0  # creating uses link(), not replace()
    monkeypatch.setattr(os, "link", disk_full)
    refused = run(root, "new", "--title", "x", "--channel", "letter", "--kind", "request",
                  "--category", "wage-arrears", "--unit", "hrss-bureau",
                  "--received", "2026-06-07", "--as-of", "2026-06-07")  # fmt: skip
    assert refused.exit_code == 1 and "未留下任何文件" in refused.output
    assert path.read_bytes() == before
    leftovers = [p.name for p in (root / "cases/2026").iterdir()]
    assert sorted(leftovers) == ["XF-2026-0200.yaml", "XF-2026-0201.yaml"]


def test_concurrent_edits_lose_nothing(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r", example=False)
    path = root / CASE
    path.write_text(STYLES["block-flow-items"][0], encoding="utf-8")
    exe = str(Path(sys.executable).parent / "xinfang")
    env = {**os.environ, "XINFANG_AS_OF": "2026-06-20"}
    events = [[exe, "--root", str(root), "event", "XF-2026-0200", "progress",
               "--note", f"第{i}次进展", "--date", "2026-06-20"] for i in range(8)]  # fmt: skip
    news = [[exe, "--root", str(root), "new", "--title", f"并发登记{i}", "--channel", "letter",
             "--kind", "request", "--category", "wage-arrears", "--unit", "hrss-bureau",
             "--received", "2026-06-20"] for i in range(3)]  # fmt: skip

    def call(args: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run(args, capture_output=True, text=True, env=env, check=False)

    with ThreadPoolExecutor(max_workers=11) as pool:
        done = list(pool.map(call, events + news))
    for result in done:
        assert result.returncode in (0, 1), result.stderr
        assert "内部错误" not in result.stderr and "Traceback" not in result.stderr
        if result.returncode == 1:
            assert "文件正在被修改，请重试" in result.stderr
    text = path.read_text(encoding="utf-8")
    for i, result in enumerate(done[:8]):
        if result.returncode == 0:
            assert text.count(f"note: 第{i}次进展}}") == 1
    landed = sum(r.returncode == 0 for r in done[:8])
    assert text.count("type: progress") == landed >= 1
    created = re.findall(r"已创建 cases/2026/(XF-2026-\d+)\.yaml", "".join(r.stdout for r in done))
    assert len(created) == len(set(created)) == sum(r.returncode == 0 for r in done[8:])
    validate = call([exe, "--root", str(root), "validate"])
    assert validate.returncode == 0, validate.stdout
    assert not [p for p in (root / "cases/2026").iterdir() if p.name.startswith(".")]
