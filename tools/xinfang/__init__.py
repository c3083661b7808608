"""xinfang: a git-backed registry of petition cases (信访事项).

The subpackages, from the bottom layer up (import-linter checks the order; see
`[tool.importlinter]` in pyproject.toml):

    models    the pydantic contract of every registry file; no I/O
    clocks    the official calendar and the clocks of one case as of a date
    rules     per-file and cross-file checks → Problem / Finding
    registry  the only code that reads or writes registry files
    boards / ranking / leaders   what the loaded registry says as of a date
    history   the registry at two git revisions (the only code that runs git)
    site      page builders (registry → Markdown) and the build step
    cli       click commands; the only code that reads the clock

`report` (loose, beside them) renders problems and tables as text, JSON, CSV or Markdown.
"""

__version__ = "0.1.0"
