"""The benchmark: how fast the tools are on registries of 1,000 to 100,000 cases.

For each size it generates a registry (bench/generate.py), measures the reference rates on
it (bench/reference.py), then runs each command in a fresh process (bench/measure.py) and
prints seconds, files per second, peak memory and each goal with its ratio.

    python bench/bench.py                        # 1,000, 10,000 and 100,000 cases
    python bench/bench.py --sizes 1000 --write   # and record the figures in bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
AS_OF = "2026-11-22"
SITE_MAX = 10_000  # the site step is measured up to this size
GIB = 1 << 30


@dataclass
class Step:
    name: str
    args: list[str]
    prepare: str | None = None  # "drop-cache" | "change-one" | "git-one"


@dataclass
class Row:
    size: int
    step: str
    seconds: float
    rss: int  # bytes, main process
    worker_rss: int  # bytes, largest worker process
    files: int
    extra: dict = field(default_factory=dict)


def available_commands() -> set[str]:
    out = subprocess.run(
        [sys.executable, "-m", "xinfang", "--help"], capture_output=True, text=True, check=True
    ).stdout
    return {line.split()[0] for line in out.splitlines() if line.startswith("  ") and line.split()}


def steps_for(size: int, commands: set[str]) -> list[Step]:
    steps = [
        Step("validate (cold)", ["validate", "--as-of", AS_OF], "drop-cache"),
        Step("validate (nothing changed)", ["validate", "--as-of", AS_OF]),
        Step("validate (one file changed)", ["validate", "--as-of", AS_OF], "change-one"),
        Step("deadlines", ["deadlines", "--as-of", AS_OF, "--format", "json"]),
        Step("overdue", ["overdue", "--as-of", AS_OF]),
    ]
    if "rank" in commands:
        steps.append(
            Step("rank (year)", ["rank", "--period", "2026", "--as-of", AS_OF, "--format", "json"])
        )
    if "findings" in commands:
        steps.append(Step("findings", ["findings", "--as-of", AS_OF, "--format", "json"]))
    if "export" in commands:
        steps.append(Step("export (xlsx)", ["export", "bench-ledger.xlsx", "--as-of", AS_OF]))
    if "stats" in commands:
        steps.append(
            Step("stats (year)", ["stats", "--year", "2026", "--as-of", AS_OF, "--format", "json"])
        )
    if "diff" in commands:
        diff = ["diff", "HEAD~1", "HEAD", "--as-of", AS_OF, "--format", "json", "--no-summary"]
        steps.append(Step("diff (one case changed)", diff, "git-one"))
    if "site" in commands and size <= SITE_MAX:
        steps.append(Step("site build", ["site", "build", "--as-of", AS_OF]))
    return steps


def prepare(root: Path, how: str | None) -> None:
    if how == "drop-cache":
        shutil.rmtree(root / ".xinfang-cache", ignore_errors=True)
    elif how == "change-one":
        path = next((root / "cases").rglob("*.yaml"))
        with path.open("a", encoding="utf-8") as fh:
            fh.write("# 基准测试修改\n")
    elif how == "git-one":  # two commits that differ in one case's dates (not measured)
        git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
        quiet = {"cwd": root, "check": True, "stdout": subprocess.DEVNULL}
        subprocess.run([*git, "init", "-q"], **quiet)
        (root / ".gitignore").write_text("site/\nsite_src/generated/\n*.xlsx\n", "utf-8")
        subprocess.run([*git, "add", "-A"], **quiet)
        subprocess.run([*git, "commit", "-qm", "base"], **quiet)
        path = sorted((root / "cases").rglob("*.yaml"))[-1]
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("headcount: 1", "headcount: 2", 1), encoding="utf-8")
        subprocess.run([*git, "commit", "-qam", "one case"], **quiet)


def run_step(root: Path, step: Step) -> dict:
    prepare(root, step.prepare)
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        result_path = Path(tmp.name)
    cmd = [
        sys.executable,
        str(HERE / "measure.py"),
        str(result_path),
        "--root",
        str(root),
        *step.args,
    ]
    # The cached path is what is measured: the tool leaves the cache off when CI=true
    # unless asked, so it is asked for explicitly (XINFANG_CACHE=1).
    env = {**os.environ, "CI": "1", "XINFANG_CACHE": "1"}
    subprocess.run(cmd, check=True, cwd=root, env=env)
    result = json.loads(result_path.read_text(encoding="utf-8"))
    result_path.unlink()
    if result["exit"] != 0:  # the generated registry is clean: any failure is a real one
        raise SystemExit(f"{step.name} failed with exit code {result['exit']}")
    return result


def search_index_bytes(root: Path) -> int | None:
    index = root / "site" / "search" / "search_index.json"
    return index.stat().st_size if index.exists() else None


def bench_size(size: int, work: Path, commands: set[str]) -> tuple[dict, list[Row]]:
    root = work / f"registry-{size}"
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), "--count", str(size), "--out", str(root)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    ref = json.loads(
        subprocess.run(
            [sys.executable, str(HERE / "reference.py"), str(root)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    rows = []
    for step in steps_for(size, commands):
        r = run_step(root, step)
        row = Row(
            size, step.name, r["seconds"], r["rss_kib"] * 1024, r["worker_rss_kib"] * 1024, size
        )
        if step.name == "site build":
            row.extra["search_index"] = search_index_bytes(root)
        rows.append(row)
        print(
            f"  {size:>7} {step.name:<28} {r['seconds']:8.2f} s  {size / r['seconds']:9.0f} files/s  {r['rss_kib'] / 1024:7.0f} MiB",
            flush=True,
        )
    shutil.rmtree(root, ignore_errors=True)
    return ref, rows


def goals(size: int, ref: dict, rows: list[Row]) -> list[str]:
    by = {r.step: r for r in rows}
    out = []
    cold = by["validate (cold)"]
    if size >= 10_000:
        ratio = (size / cold.seconds) / ref["parse_rate"]
        out.append(
            f"cold validate at {size:,}: {size / cold.seconds:,.0f} files/s = {ratio:.0%} of the reference {ref['parse_rate']:,.0f} files/s (goal ≥ 80%): {'met' if ratio >= 0.8 else 'NOT met'}"
        )
    if size >= 100_000:
        warm = by["validate (nothing changed)"]
        ratio = warm.seconds / ref["bytes_seconds"]
        out.append(
            f"validate with nothing changed at {size:,}: {warm.seconds:.2f} s = {ratio:.1f}× the {ref['bytes_seconds']:.2f} s to read every file (goal ≤ 3×): {'met' if ratio <= 3 else 'NOT met'}"
        )
        worst = max(rows, key=lambda r: max(r.rss, r.worker_rss))
        peak = max(worst.rss, worst.worker_rss)
        out.append(
            f"peak memory at {size:,}: {peak / GIB:.2f} GiB ({worst.step}) (goal < 2 GiB): {'met' if peak < 2 * GIB else 'NOT met'}"
        )
    if size >= 100_000:
        for name in ("findings", "export (xlsx)", "stats (year)"):
            r = by.get(name)
            if r is not None:
                peak = max(r.rss, r.worker_rss)
                ok = r.seconds < 30 and peak < 2 * GIB
                out.append(
                    f"{name} at {size:,}: {r.seconds:.1f} s (goal < 30 s), {peak / GIB:.2f} GiB (goal < 2 GiB): {'met' if ok else 'NOT met'}"
                )
    site = by.get("site build")
    if site is not None and size >= 10_000:
        index = site.extra.get("search_index") or 0
        ok = site.seconds < 45 and index < 10_000_000
        out.append(
            f"site build at {size:,}: {site.seconds:.1f} s (goal < 45 s), search index {index / 1e6:.1f} MB (goal < 10 MB): {'met' if ok else 'NOT met'}"
        )
    return out


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores, {model or platform.machine()}, Python {platform.python_version()}"
    )


def render(results: list[tuple[int, dict, list[Row]]]) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Measured {dt.date.today().isoformat()} on {machine()}, with `python bench/bench.py`.",
        "Each command runs in a fresh process; `files/s` is case files per second.",
        "",
        "## Reference rates (measured in the same run, on the same registry)",
        "",
        "| cases | read bytes (files/s) | read all (s) | C safe load + pydantic, 2 processes (files/s) |",
        "|---:|---:|---:|---:|",
    ]
    for size, ref, _ in results:
        lines.append(
            f"| {size:,} | {ref['bytes_rate']:,.0f} | {ref['bytes_seconds']:.2f} | {ref['parse_rate']:,.0f} |"
        )
    lines += [
        "",
        "## Commands",
        "",
        "| cases | step | seconds | files/s | peak RSS main (MiB) | peak RSS worker (MiB) | notes |",
        "|---:|---|---:|---:|---:|---:|---|",
    ]
    for size, _, rows in results:
        for r in rows:
            note = ""
            if "search_index" in r.extra and r.extra["search_index"] is not None:
                note = f"search index {r.extra['search_index'] / 1e6:.2f} MB"
            lines.append(
                f"| {size:,} | {r.step} | {r.seconds:.2f} | {size / r.seconds:,.0f} | {r.rss / 2**20:.0f} | {r.worker_rss / 2**20:.0f} | {note} |"
            )
    lines += ["", "## Goals", ""]
    for size, ref, rows in results:
        lines += [f"- {g}" for g in goals(size, ref, rows)]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--work", type=Path, default=None, help="where to generate the registries")
    parser.add_argument("--write", action="store_true", help="write bench/RESULTS.md")
    args = parser.parse_args()
    commands = available_commands()
    work = args.work or Path(tempfile.mkdtemp(prefix="xinfang-bench-"))
    results = []
    for size in args.sizes:
        print(f"{size:,} cases:", flush=True)
        ref, rows = bench_size(size, work, commands)
        print(
            f"  reference: read {ref['bytes_rate']:,.0f} files/s ({ref['bytes_seconds']:.2f} s), C safe load + pydantic ×2 {ref['parse_rate']:,.0f} files/s"
        )
        results.append((size, ref, rows))
    text = render(results)
    print()
    print(text)
    if args.write:
        (HERE / "RESULTS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
