"""Accountability (问责与督办): the findings the county's rules derive from the registry.

`findings` holds the `Finding` and `collect_findings`; `cases` the rules read from case
files (ownership, escalation); `supervision` the rules read from org/actions/ (listings,
interviews, special notices); `assessment` the year's totals per unit; `render` the text,
JSON and Markdown forms. Rules, names and bases are data in policy/accountability.yaml.
Uses `xinfang.ranking`, `xinfang.registry` and below.
"""
