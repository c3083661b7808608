"""The registry between git revisions: the only code that runs git.

`gitrev` reads the registry's files at a revision (and names the current commit); `diff`
compares two loaded registries case by case and clock by clock. Uses `xinfang.boards`,
`xinfang.registry` and below.
"""
