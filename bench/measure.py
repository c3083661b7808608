"""Run one `xinfang` command in this process and record its time and peak memory.

python bench/measure.py RESULT.json --root DIR validate
"""

from __future__ import annotations

import json
import resource
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

# The clock starts before the tool is imported: a command's start-up (the modules it loads)
# is part of what a person waits for.
START = time.perf_counter()
from xinfang.cli import cli  # noqa: E402


def main() -> None:
    out, args = Path(sys.argv[1]), sys.argv[2:]
    start = START
    code = 0
    with open("/dev/null", "w") as sink, redirect_stdout(sink):
        try:
            cli.main(args=args, prog_name="xinfang", standalone_mode=True)
        except SystemExit as exc:
            code = exc.code or 0
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = {"seconds": seconds, "exit": code, "rss_kib": own, "worker_rss_kib": workers}
    out.write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
