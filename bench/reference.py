"""The reference rates the goals are measured against, on the registry being benchmarked.

- bytes: read every case file's bytes, one process;
- parse: ruamel's C safe loader plus pydantic validation, on two processes.

    python bench/reference.py DIR [--limit N]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import time
from pathlib import Path

from ruamel.yaml import YAML

from xinfang.models import Case


def case_paths(root: Path) -> list[Path]:
    return sorted((root / "cases").rglob("*.yaml"))


def read_all(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        path.read_bytes()
    return time.perf_counter() - start


def _parse_chunk(paths: list[Path]) -> int:
    yaml = YAML(typ="safe", pure=False)
    for path in paths:
        Case.model_validate(yaml.load(path.read_bytes()))
    return len(paths)


def parse_all(paths: list[Path], processes: int = 2) -> float:
    chunks = [paths[i : i + 200] for i in range(0, len(paths), 200)]
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        sum(pool.imap_unordered(_parse_chunk, chunks))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--limit", type=int, default=20000, help="files for the parse rate")
    args = parser.parse_args()
    paths = case_paths(args.root)
    sample = paths[: args.limit]
    bytes_seconds = read_all(paths)
    parse_seconds = parse_all(sample)
    print(
        json.dumps(
            {
                "files": len(paths),
                "bytes_seconds": bytes_seconds,
                "bytes_rate": len(paths) / bytes_seconds,
                "parse_files": len(sample),
                "parse_rate": len(sample) / parse_seconds,
            }
        )
    )


if __name__ == "__main__":
    main()
