"""Scale the demo county to a registry of N cases, for the benchmark.

The demo county's cases are copied round after round, each round under fresh sequence
numbers (XF-2026-0137 becomes XF-2026-0377, XF-2026-0617, …), with references between
cases (`repeat_of`) remapped inside the round. The result has exactly the demo's mix of
channels, kinds, units, events and overdue matters, scaled; the demo itself comes from the
seeded scripts/generate_demo.py, so the output is deterministic. A last, partial round
takes the demo's earliest cases, so every `repeat_of` still points at a case that exists.

    python bench/generate.py --count 10000 --out /tmp/registry-10k
"""

from __future__ import annotations

import argparse
import re
import shutil
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CASE_ID = re.compile(r"XF-(\d{4})-(\d{4,6})")


def read_demo(repo: Path) -> list[tuple[str, int, str]]:
    """(id, year, text) of every demo case, in id order."""
    out = []
    for path in sorted((repo / "cases").rglob("*.yaml")):
        match = CASE_ID.fullmatch(path.stem)
        if match:
            out.append((path.stem, int(match.group(1)), path.read_text(encoding="utf-8")))
    return out


def generate(repo: Path, out: Path, count: int) -> int:
    demo = read_demo(repo)
    per_year: dict[int, int] = defaultdict(int)
    for _, year, _ in demo:
        per_year[year] += 1
    if out.exists():
        shutil.rmtree(out)
    for folder in ("org", "policy"):
        shutil.copytree(repo / folder, out / folder)
    # The site's configuration and hand-written pages, so that `xinfang site build` runs there.
    shutil.copy(repo / "mkdocs.yml", out / "mkdocs.yml")
    shutil.copytree(repo / "site_src", out / "site_src", ignore=shutil.ignore_patterns("generated"))
    written = 0
    round_no = 0
    while written < count:
        batch = demo[: count - written]
        mapping = {}
        for case_id, year, _ in demo:
            seq = int(case_id.rsplit("-", 1)[1]) + round_no * per_year[year]
            mapping[case_id] = f"XF-{year}-{seq:04d}"
        for case_id, year, text in batch:
            new_id = mapping[case_id]
            body = CASE_ID.sub(lambda m, ids=mapping: ids.get(m.group(0), m.group(0)), text)
            path = out / "cases" / str(year) / f"{new_id}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
            written += 1
        round_no += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    n = generate(REPO, args.out, args.count)
    print(f"wrote {n} cases to {args.out}")


if __name__ == "__main__":
    main()
