"""One resolver for unit names: every command that takes a unit reads a key, full name or
short name the same way and answers a near miss with the same did-you-mean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from registry_factory import REPO
from xinfang.cli import cli
from xinfang.models import Unit, keys
from xinfang.registry.loader import load_registry
from xinfang.site.search_words import render_search_words

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


def test_an_alias_names_its_unit_in_every_unit_option(demo_like: Path, tmp_path: Path) -> None:
    by_key = invoke(demo_like, unit_commands(tmp_path, "housing-bureau")["overdue"])
    by_alias = invoke(demo_like, unit_commands(tmp_path, "住建委")["overdue"])
    assert by_alias.exit_code == by_key.exit_code == 0, by_alias.output
    assert by_alias.output == by_key.output
    assert "县住建局" in by_alias.output
    draft = invoke(demo_like, unit_commands(tmp_path, "劳动局")["draft"])
    assert draft.exit_code == 0, draft.output


def test_a_near_alias_is_suggested() -> None:
    units = {
        "housing-bureau": Unit(name="县住房和城乡建设局", short="县住建局", aliases=["住建委"],
                               type="department"),
        "hrss-bureau": Unit(name="县人力资源和社会保障局", aliases=["劳动局"], type="department"),
    }  # fmt: skip
    assert keys.resolve_unit("劳动局", units) == "hrss-bureau"
    with pytest.raises(keys.UnknownKey, match="您是不是要写 housing-bureau（县住建局）"):
        keys.resolve_unit("住建", units)


def test_an_alias_that_is_another_units_name_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "r"
    for part in ("cases", "org", "policy"):
        shutil.copytree(REPO / part, root / part)
    units = root / "org/units.yaml"
    text = units.read_text(encoding="utf-8")
    text = text.replace("aliases: [住建委, 住建局]", "aliases: [住建委, 县人社局]")
    units.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    aliases: [住建委, 县人社局]") + 1
    result = invoke(root, ["validate"])
    assert result.exit_code == 1, result.output
    said = [ln for ln in result.output.splitlines() if "别名“县人社局”" in ln]
    assert len(said) == 1, result.output
    assert said[0].startswith(f"org/units.yaml:{line}:")
    assert "已是单位 hrss-bureau（县人力资源和社会保障局）的简称" in said[0]


def test_aliases_enter_the_search_dictionary(demo_like: Path) -> None:
    registry = load_registry(demo_like).registry
    assert registry is not None
    words = {line.split()[0] for line in render_search_words(registry).splitlines()}
    assert {"住建委", "劳动局", "城管执法局"} <= words
