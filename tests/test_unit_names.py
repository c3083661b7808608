"""One resolver for unit names: every command that takes a unit reads a key, full name or
short name the same way and answers a near miss with the same did-you-mean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from registry_factory import REPO
from xinfang.cli import cli

AS_OF = "2026-11-22"
TYPO_SAYS = "单位“housing-bureu”不在 org/units.yaml 中。您是不是要写 housing-bureau（县住建局）？"


@pytest.fixture(scope="module")
def demo_like(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo")
    for part in ("cases", "org", "policy"):
        shutil.copytree(REPO / part, root / part)
    return root


def invoke(root: Path, args: list[str]):
    return CliRunner().invoke(
        cli, ["--root", str(root), *args], prog_name="xinfang", catch_exceptions=False
    )


def unit_commands(out: Path, unit: str) -> dict[str, list[str]]:
    """Every command with a unit option, with `unit` in it (and nothing else that can fail)."""
    return {
        "deadlines": ["deadlines", "--as-of", AS_OF, "--unit", unit],
        "overdue": ["overdue", "--as-of", AS_OF, "--unit", unit],
        "export": ["export", str(out / "台账.xlsx"), "--as-of", AS_OF, "--unit", unit],
        "calendar": ["calendar", "-o", str(out / "期限.ics"), "--as-of", AS_OF, "--unit", unit],
        "findings": ["findings", "--as-of", AS_OF, "--unit", unit],
        "draft": ["draft", "interview", "--unit", unit, "--as-of", AS_OF,
                  "--reason", "逾期件多", "-o", str(out / "约谈.docx")],
        "new": ["new", "--title", "反映房屋漏水", "--channel", "letter", "--kind", "request",
                "--category", "land-acquisition", "--unit", unit, "--received", AS_OF, "--as-of", AS_OF],
        "event": ["event", "XF-2026-0001", "transferred", "--to", unit, "--date", AS_OF,
                  "--as-of", AS_OF],
    }  # fmt: skip


@pytest.mark.parametrize("command", list(unit_commands(Path("."), "")))
def test_a_near_miss_gets_the_same_did_you_mean_everywhere(
    demo_like: Path, tmp_path: Path, command: str
) -> None:
    result = invoke(demo_like, unit_commands(tmp_path, "housing-bureu")[command])
    assert result.exit_code == 2, result.output
    assert TYPO_SAYS in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["deadlines", "overdue", "export", "calendar", "findings"])
def test_full_name_short_name_and_key_give_the_same_output(
    demo_like: Path, tmp_path: Path, command: str
) -> None:
    outputs = []
    for unit in ("housing-bureau", "县住建局", "县住房和城乡建设局"):
        result = invoke(demo_like, unit_commands(tmp_path, unit)[command])
        assert result.exit_code in (0, 1), result.output
        outputs.append(result.output)
    assert outputs[0] == outputs[1] == outputs[2]
