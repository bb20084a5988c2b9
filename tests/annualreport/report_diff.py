"""What differs between two reports, so that a round-trip failure names the cells and fields that broke."""

from __future__ import annotations


def report_diff(a, b) -> list[str]:
    """The cell paths and fields that differ (``problems`` and ``source`` are not compared)."""
    da, db = a.to_dict(), b.to_dict()
    out = []

    def walk(x, y, path):
        if isinstance(x, dict) and isinstance(y, dict):
            for k in x.keys() | y.keys():
                if k not in ("problems", "source"):
                    walk(x.get(k), y.get(k), f"{path}.{k}" if path else k)
        elif x != y:
            out.append(f"{path}: wrote {x!r}, read {y!r}")

    walk(da, db, "")
    return out
