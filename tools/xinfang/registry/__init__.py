"""The only code that reads or writes registry files.

`store` parses and writes YAML (atomic, comment-preserving edits); `scan` checks case
files, in parallel when there are many; `cache` keeps per-file results in
`.xinfang-cache/`; `orgfiles` loads `org/` and `policy/`; `loader` puts it all together as
a `Registry`; `editing` creates cases and appends events; `schema` exports the JSON Schema.
Uses `xinfang.rules`, `xinfang.clocks` and `xinfang.models`.
"""
