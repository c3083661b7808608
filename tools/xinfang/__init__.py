"""xinfang: a git-backed registry of petition cases (信访事项)."""

__version__ = "0.1.0"
