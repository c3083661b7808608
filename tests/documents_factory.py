"""A tiny registry for the document tests: the example case, an overdue request with a phone
number typed into its title, and an accusation with a named accuser."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from registry_factory import REPO, WAGES, case_yaml, cases_of, make_registry
from xinfang.cli import cli

AS_OF = "2026-12-20"  # WAGES (accepted 2026-10-09) is 12 days past its handling due date

ACCUSATION = case_yaml(
    "XF-2026-0302",
    "qingshi-town",
    ["2026-11-03 received", "2026-11-05 accepted"],
    kind="accusation",
    category="land-acquisition",
    title="x",
)
PHONE_TITLE = WAGES.replace("反映工资拖欠", "反映工资拖欠，联系电话13912345678")


def document_registry(root: Path) -> Path:
    accusation = ACCUSATION.replace("title: 测试案件 XF-2026-0302\n", "").replace(
        "title: x\n", "title: 举报村干部侵占征地补偿款\npetitioners:\n  - {name: 欧阳娜娜}\n"
    )
    make_registry(root, cases_of(PHONE_TITLE, accusation))
    shutil.copy(REPO / "policy" / "ledger.yaml", root / "policy" / "ledger.yaml")
    return root


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)
