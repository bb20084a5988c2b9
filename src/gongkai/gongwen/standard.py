"""公文 parameters (GB/T 9704-2012): data, not literals scattered through the writers.

* §5.2 page: A4, 天头 37 mm, 订口 28 mm, type area 156 × 225 mm (so bottom 35 mm, right 26 mm).
* §5.2.2 text: 三号仿宋, 22 lines of 28 characters: the line pitch is 225 mm / 22 = 28.95 pt, and the
  16 pt characters are set 0.25 pt tighter (28 × 15.75 pt = 441 pt ≤ 442.2 pt), as typesetters do.
* §7.2/§7.3: title 二号小标宋 centred, 词意完整、排列对称 (梯形 or 菱形), one blank line below it;
  一级标题 黑体, 二级标题 楷体, 三级 and 四级 仿宋; 正文 两端对齐 with a two-character first-line indent.
* §7.3.5.3 (no seal, the usual case for a web copy): one blank line under the text; 署名 右空二字; the date
  on the next line, its first character two characters right of the 署名's first character; when the date
  is the longer, the date sits 右空二字 and the 署名 moves left to keep the two-character offset.
* §7.5 page number: 四号半角宋体 between 一字线 (— 3 —), 7 mm below the type area; odd pages right, even
  pages left, each 空一字.

Fonts. The 公文 faces are commercial and missing on most machines outside government PCs. Each face names
its usual alternative names (Windows, macOS) and the free face that stands in for it (Debian
``fonts-noto-cjk``), chosen so that title, headings and body stay distinct: title → Noto Serif CJK SC
Bold (heavy, like 小标宋), body → Noto Serif CJK SC, 一级标题 → Noto Sans CJK SC Bold, 二级标题 →
Noto Sans CJK SC Regular.
"""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class Page:
    width_mm: float = 210
    height_mm: float = 297
    top_mm: float = 37
    bottom_mm: float = 35
    left_mm: float = 28
    right_mm: float = 26
    lines: int = 22
    chars: int = 28
    page_number_gap_mm: float = 7  # 一字线上距版心下边缘

    @property
    def type_width_mm(self) -> float:
        return self.width_mm - self.left_mm - self.right_mm

    @property
    def type_height_mm(self) -> float:
        return self.height_mm - self.top_mm - self.bottom_mm

    @property
    def line_pitch_pt(self) -> float:
        """22 lines fill the 225 mm type area: 28.95 pt (rounded down to a twentieth of a point)."""
        return int(self.type_height_mm / MM_PER_PT / self.lines * 20) / 20


PAGE = Page()
BODY_SIZE_PT = 16.0  # 三号
CHAR_SPACING_PT = -0.25  # 28 characters of 三号 to the 156 mm line


@dataclass(frozen=True)
class Face:
    """One typeface role: the 公文 font, its other names, and the free stand-in when it is missing."""

    name: str  # the 公文 font, as Word and WPS know it (w:eastAsia)
    size_pt: float
    alt_names: tuple[str, ...]  # other names of the same face (Windows/macOS)
    stand_in: tuple[str, ...]  # installed free face: full name, PostScript name (CSS local())
    generic: str  # CSS generic family
    family: str  # w:family in fontTable.xml (roman/modern/swiss)
    panose: str  # w:panose1
    pitch: str = "variable"


FACES = {
    "title": Face(
        "方正小标宋简体",
        22,  # 二号
        ("FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "小标宋"),
        ("Noto Serif CJK SC Bold", "NotoSerifCJKsc-Bold"),
        "serif",
        "script",
        "02000000000000000000",
    ),
    "body": Face(
        "仿宋_GB2312",
        BODY_SIZE_PT,
        ("仿宋", "FangSong", "FangSong_GB2312", "STFangsong"),
        ("Noto Serif CJK SC", "NotoSerifCJKsc-Regular"),
        "serif",
        "modern",
        "02010609030101010101",
    ),
    "heading1": Face(
        "黑体",
        BODY_SIZE_PT,
        ("SimHei", "STHeiti", "Heiti SC"),
        ("Noto Sans CJK SC Bold", "NotoSansCJKsc-Bold"),
        "sans-serif",
        "modern",
        "02010609060101010101",
    ),
    "heading2": Face(
        "楷体_GB2312",
        BODY_SIZE_PT,
        ("楷体", "KaiTi", "KaiTi_GB2312", "STKaiti"),
        ("Noto Sans CJK SC", "NotoSansCJKsc-Regular"),
        "sans-serif",
        "modern",
        "02010609030101010101",
    ),
    "page_number": Face(
        "宋体",
        14,  # 四号
        ("SimSun", "STSong", "Songti SC"),
        ("Noto Serif CJK SC", "NotoSerifCJKsc-Regular"),
        "serif",
        "auto",
        "02010600030101010101",
    ),
}
TABLE_SIZE_PT = 10.5  # 五号: table 3 of the annual report fits the type area
TABLE_FACE = FACES["body"]


def text_width_em(text: str) -> float:
    """Width in characters of the body size: 汉字 and full-width marks 1, ASCII (digits) ½."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def signature_indents(organ: str | None, date: str) -> tuple[float, float]:
    """(署名 left indent, date left indent) in points from the left of the type area, by GB/T 9704
    §7.3.5.3 (no seal).

    署名右空二字; the date's first character two characters right of the 署名's first; if the date is
    the longer, the date is 右空二字 and the 署名 moves left accordingly. Lines are set flush left at these
    indents, so the two-character offset holds whatever the digits' widths; widths count 汉字 at the body's
    advance (16 pt − 0.25 pt) and ASCII digits at 0.55 em (Noto CJK; 0.5 em in 仿宋)."""
    width = PAGE.type_width_mm / MM_PER_PT
    em, advance = BODY_SIZE_PT, BODY_SIZE_PT + CHAR_SPACING_PT

    def measure(text: str) -> float:
        return sum((0.55 * em if ch.isascii() else em) + CHAR_SPACING_PT for ch in text)

    if not organ:
        return 0.0, width - 2 * em - measure(date)
    organ_left = width - 2 * em - len(organ) * advance
    date_left = organ_left + 2 * em
    if date_left + measure(date) > width - 2 * em:  # the date is the longer
        date_left = width - 2 * em - measure(date)
        organ_left = date_left - 2 * em
    if organ_left < 0:  # a name longer than the line: from the left margin (it wraps), never outside it
        organ_left, date_left = 0.0, max(date_left, 2 * em)
    return organ_left, date_left


TITLE_CHARS_PER_LINE = 20  # 二号 (22 pt) characters on the 156 mm line


def title_lines(title: str, organ: str | None = None) -> list[str]:
    """The title broken at word boundaries, 词意完整、排列对称 (GB/T 9704 §7.3.3).

    A title that fits one line stays one line. Otherwise it breaks after the organ's name when it starts
    with it, else before the year (``2023年``), else before ``政府信息公开``; the last line always keeps
    ``…报告``. An organ's name longer than a line is broken after a leading part that is an organ itself
    (:func:`_organ_lines`); a part still longer than a line is left to wrap (never cut inside a word)."""
    if text_width_em(title) <= TITLE_CHARS_PER_LINE:
        return [title]
    candidates = []
    if organ and title.startswith(organ) and len(organ) < len(title):
        candidates.append(len(organ))
    for marker in ("20", "19", "政府信息公开"):
        at = title.find(marker, 1)
        if at > 0:
            candidates.append(at)
    for at in candidates:
        head, tail = title[:at].rstrip(), title[at:].lstrip()
        if head and "报告" in tail:
            return [*_organ_lines(head), tail]
    return [title]


ORGAN_ENDS = "局委办院厅会心所站队馆处部署室社府"  # last characters of an organ's name (…局, …中心, …政府)


def _organ_lines(name: str) -> list[str]:
    """An organ's name longer than a title line, broken after the longest leading part that is itself an
    organ (宜春市袁州区人力资源和社会保障局 / 劳动保障监察综合行政执法大队); a name that fits stays whole."""
    if text_width_em(name) <= TITLE_CHARS_PER_LINE:
        return [name]
    for at in range(min(len(name) - 1, TITLE_CHARS_PER_LINE), 1, -1):
        if name[at - 1] in ORGAN_ENDS:
            return [name[:at], *_organ_lines(name[at:])]
    return [name]  # no word boundary: left to wrap
