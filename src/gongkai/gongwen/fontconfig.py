"""A fontconfig file that makes Linux viewers (LibreOffice, WPS for Linux, Evince, browsers) set each 公文
face in its free stand-in when the commercial font is missing, so title, headings and body keep distinct
faces in a DOCX or a PDF that names the 公文 fonts.

LibreOffice 7.4 ignores the DOCX font table's ``w:altName``, panose and family and has no substitution
rule of its own for these names, so it asks fontconfig, whose default is one sans face for all of them.
This file adds, for every name of a face (``standard.FACES``: 方正小标宋简体, FZXiaoBiaoSong-B05S, 仿宋_GB2312,
仿宋, FangSong …), its stand-in right after it: a machine that has the real font keeps it. The bold
stand-ins (title → Noto Serif CJK SC Bold, 一级标题 → Noto Sans CJK SC Bold) also ask for bold weight,
so install the file only where the 公文 fonts are missing (a real 黑体 would be emboldened).

Install::

    python -m gongkai.gongwen.fontconfig > ~/.config/fontconfig/conf.d/65-gongwen.conf
    # or, for every user: /etc/fonts/conf.d/65-gongwen.conf
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from gongkai.gongwen.standard import FACES

BOLD = " Bold"


def config_xml() -> str:
    """The fontconfig XML (``<match target="pattern">`` per face name)."""
    rules = []
    seen = set()
    for face in FACES.values():
        stand_in = face.stand_in[0]
        family, bold = (stand_in.removesuffix(BOLD), True) if stand_in.endswith(BOLD) else (stand_in, False)
        for name in (face.name, *face.alt_names):
            if name in seen:
                continue
            seen.add(name)
            weight = (
                '\n    <edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>'
                if bold
                else ""
            )
            rules.append(
                f'  <match target="pattern">\n    <test name="family"><string>{escape(name)}</string></test>\n'
                f'    <edit name="family" mode="append" binding="strong"><string>{escape(family)}</string></edit>'
                f"{weight}\n  </match>"
            )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<!-- gongkai: free stand-ins for the 公文 fonts (python -m gongkai.gongwen.fontconfig) -->\n"
        "<fontconfig>\n" + "\n".join(rules) + "\n</fontconfig>\n"
    )


if __name__ == "__main__":  # pragma: no cover - a one-line CLI
    print(config_xml(), end="")
