"""The marks our writers leave in a file and our readers recognise: metadata, never report text.

A writer must not invent report text to carry a fact the text lacks (the organ, when the title does not
name it). Our Markdown writes it as front matter, the HTML writer as ``<meta name="gongkai-agency">``, the
DOCX writer in the core properties (``dc:identifier`` = ``gongkai``, ``dc:subject`` = the organ); the HTML
and DOCX readers turn those back into the same front matter. A neutral module, so that neither the readers
nor the writers import the other side for these constants.
"""

from __future__ import annotations

FRONT_MATTER = "---"
FRONT_MATTER_KEYS = {"机关": "agency"}  # printed key → Report field
CARRIED_MARK = "gongkai"  # dc:identifier of a file our DOCX writer made; dc:subject then holds the organ
CARRIED_META = "gongkai-agency"  # <meta name=… content=organ> written by our HTML writer
# What our writers print, centred, above the sections of a pre-2019 report: a note, not report text.
PRE2019_NOTE = "（本报告采用2019年以前的格式，其表格未按现行格式读取。）"


def front_matter(values: dict[str, str]) -> list[str]:
    """The front-matter lines for ``{"agency": …}`` (empty when there is nothing to carry)."""
    keys = {field: key for key, field in FRONT_MATTER_KEYS.items()}
    body = [f"{keys[field]}: {value}" for field, value in values.items() if value]
    return [FRONT_MATTER, *body, FRONT_MATTER] if body else []
