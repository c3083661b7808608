"""The only code that reads or writes registry files.

`store` parses and writes YAML (atomic, comment-preserving edits); `scan` checks case
files, in parallel when there are many; `cache` keeps per-file results in
`.xinfang-cache/`; `orgfiles` loads `org/` and `policy/` (entry by entry: `partial`);
`kinds` says what a file is by its path; `loader` puts it all together as a `Registry`, and
`omissions` records what it left out; `editing` creates cases and appends events; `schema` exports the JSON Schema.
Uses `xinfang.rules`, `xinfang.clocks` and `xinfang.models`.
"""
