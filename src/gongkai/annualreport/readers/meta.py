"""Title, agency, year and signing date of a report, from its first and last lines.

Where each comes from, in order of trust:

* title: the first lines before the first section heading, joined when the title is broken over lines
  ("高安市人民政府办公室2022年政府信息" + "公开工作年度报告");
* agency: the title's text before the year; else the introduction ("编制2023年度叶集区…信息公开年度报告",
  "由赣州经开区机关事务管理中心结合…编制", "高安市机关事务管理局认真贯彻落实…"); else the signature line
  above the date at the end. A candidate must end like an organ's name (局, 办公室, 中心, 政府, …);
* year: the title's year; else the statistical period; else the year the introduction says the report is
  for; else the first year the narrative mentions (flagged as inferred);
* published_on: a date standing alone (or after the signature) on one of the last lines, in the forms
  2024年1月20日, 2024-01-20, 2024.1.20, 2024/1/20 or 二〇二四年一月二十日.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from gongkai.annualreport.formats import plausible_year
from gongkai.annualreport.markers import COMMENT_LINE, FRONT_MATTER, FRONT_MATTER_KEYS, PRE2019_NOTE
from gongkai.annualreport.readers.layout import Document, paragraphs, strip_markup, tokenize

_ORGAN_END = (
    r"(?:局|委员会|委|办公室|办公厅|办|中心|政府|院|所|站|队|馆|处|会|厅|部|署|街道办事处|街道|镇|乡|"
    r"管委会|公司|集团|分局|支队|大队|小组|室|社|园|区)"
)
_NAME = rf"[^\s，。；、,;:：《》“”\"()（）]{{2,40}}?{_ORGAN_END}"
# In a title, whatever precedes the year is the organ ("某某县2023年…" → 某某县), whatever its ending.
_TITLE_AGENCY = re.compile(
    r"^(?:关于)?(?!关于)(?P<agency>[^\s，。；、,;:：《》“”\"()（）\d]{2,40}?)\s*(?:关于)?[\d〇零○一二三四五六七八九]{4}\s*年"
)
_TITLE_AGENCY_AFTER_YEAR = re.compile(
    rf"^(?:关于)?\d{{4}}\s*年度?(?P<agency>{_NAME})(?:政府信息公开|政务公开|信息公开)"
)
# "某县人民政府政府信息公开工作年度报告（2023年）": no year before the report's name.
_TITLE_AGENCY_NO_YEAR = re.compile(
    rf"^(?:关于)?(?P<agency>[^\s\d，。；、,;:：《》“”\"()（）]{{2,40}}?{_ORGAN_END})"
    r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?报告"
)
_INTRO_PATTERNS = [
    re.compile(
        rf"(?:编制|现将|公布|发布)(?:了)?(?:\d{{4}}年度?)?(?P<agency>{_NAME})(?:\d{{4}}年度?)?(?:政府)?"
        r"(?:信息公开|政务公开)"
    ),
    re.compile(rf"由(?P<agency>{_NAME})(?:结合|根据|依据|按照|编制|综合|负责|牵头)"),
    re.compile(
        rf"^(?:本报告由)?(?P<agency>{_NAME})(?:认真|严格|根据|依据|按照|坚持|深入|全面|始终|高度|积极|现将)"
    ),
]
# A site's tag or quotes before the title: "【年度报告】某县…", "“某县…报告”".
_TITLE_TAG = re.compile(r"^(?:【[^】]{0,12}】|\[[^\]]{0,12}\]|[“\"《「『'])+")
# Years are four digits standing alone (not the tail of a longer run: "20231年" is no year), ASCII after
# NFKC, and only those ``formats.plausible_year`` accepts (1990–2100) are taken.
_TITLE_YEAR = re.compile(r"(?<![0-9])([0-9]{4})\s*年")
_PERIOD_YEAR = re.compile(
    r"(?:统计期限|统计期|统计时限)?自?(?<![0-9])([0-9]{4})年1月1日(?:起)?至([0-9]{4})年12月31日"
)
_INTRO_YEAR = re.compile(r"编制(?:了)?([0-9]{4})年度?")
_ANY_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年")
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "o": 0, "Ο": 0, "０": 0}
_CN_DIGITS.update({c: i for i, c in enumerate("一二三四五六七八九", start=1)})
_CN_NUM = "〇零○OoΟ一二三四五六七八九十"
_CN_YEAR_DIGITS = "〇零○OoΟ一二三四五六七八九"  # a year is written digit by digit (二〇二三), never with 十
_CN_TITLE_YEAR = re.compile(rf"(?<![0-9{_CN_NUM}])([{_CN_YEAR_DIGITS}]{{4}})年")
_DATE_PATTERNS = [
    re.compile(r"(?<![0-9])(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日"),
    re.compile(r"(?<![0-9])(?P<y>[0-9]{4})[-./](?P<m>[0-9]{1,2})[-./](?P<d>[0-9]{1,2})"),
    re.compile(
        rf"(?<![0-9{_CN_NUM}])(?P<y>[{_CN_YEAR_DIGITS}]{{4}})年(?P<m>[{_CN_NUM}]{{1,3}})月(?P<d>[{_CN_NUM}]{{1,3}})日"
    ),
]
_TAIL_LINES = 8
_TITLE_LINES = 30
_SENTENCE_END = re.compile(r"[。；;]")
_FURNITURE = re.compile(r"[:：>|》/]|首页|当前位置|索引号|发布机构|来源")
_YEAR_AT = re.compile(
    r"(?:\d{4}|[〇零○二][〇零○一二三四五六七八九]{3})\s*年"
)  # a year-like run, to join a title
_LONGEST_SIGNATURE = 40


def _nfkc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def find_title(preamble: list[str]) -> str | None:
    """The title: the first short line before the first heading that says 报告, joined with the line above
    when the title was broken ("高安市人民政府办公室2022年政府信息" / "公开工作年度报告", or the organ's name
    above "2023年政府信息公开工作年度报告"). Web-page furniture above it ("首页 > 政务公开") is not joined."""
    return _title_span(preamble)[0]


def _title_span(preamble: list[str]) -> tuple[str | None, set[int]]:
    """(title, indexes of the preamble lines it was taken from)."""
    before, previous = "", ""
    before_index, previous_index = -1, -1
    for index, line in enumerate(preamble[:_TITLE_LINES]):
        text = strip_markup(line)
        if not text:
            continue
        if (
            ("报告" in text or text.endswith("年报"))
            and len(text) <= 60
            and not _SENTENCE_END.search(text)
            and not _FURNITURE.search(text)
        ):
            title = _join_title(previous, text)
            if title == text:
                return title, {index}
            joined = _join_title(before, title)  # the organ / "2023年政府信息公开" / "工作年度报告"
            return joined, {previous_index, index} | ({before_index} if joined != title else set())
        before, previous = previous, text
        before_index, previous_index = previous_index, index
    return None, set()


# A web page's lines around the title ("发布时间：2024-01-26 浏览次数：", "【字体：大 中 小】"): the page's.
_PAGE_META = re.compile(
    r"^[【\[]?\s*(?:索引号|发布机构|发布时间|发布日期|浏览次数|访问次数|来源|信息来源|文号|字号|字体|打印|关闭|分享)"
)
_PAGE_META_LONGEST = 80


def _not_introduction(line: str) -> bool:
    text = strip_markup(line)
    if text == PRE2019_NOTE:  # our writers' note above a pre-2019 report's sections, not its text
        return True
    return len(text) <= _PAGE_META_LONGEST and _PAGE_META.match(text) is not None


def preamble_text(doc: Document) -> str | None:
    """The introduction (引言) between the title and the first heading, as section text.

    Lines above the title (a web page's 索引号/发布机构/当前位置) are the page's, not the report's.
    None when no heading was found (the text has no structure to place it in). When the first heading is
    not 一、 (a missing overview), a table above it is not introduction: its cells are dropped."""
    if not doc.order:
        return None
    _, used = _title_span(doc.preamble)
    after_title = doc.preamble[max(used) + 1 :] if used else doc.preamble  # not the web page above it
    lines = [line for line in after_title if not _not_introduction(line)]
    if doc.order[0] != "overview":
        lines = tokenize(lines)[1]
    return paragraphs(lines)


# --- metadata lines written by our own writers (the marks: gongkai.annualreport.markers) --------------
_FRONT_LINE = re.compile(r"^(?P<key>[^:：]{1,8})[:：]\s*(?P<value>.*?)\s*$")
_FRONT_MAX = 8


def split_front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """({"agency": …}, the remaining lines) when the text opens with our front matter, else ({}, lines).

    Only a block of known keys between two "---" lines at the very top counts, or one ``<!-- 机关: … -->``
    line there (our Markdown), so a report's own text (or a table's "---" separator) is never taken for
    metadata."""
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    comment = COMMENT_LINE.match(lines[start].strip()) if start is not None else None
    if comment and comment.group("key") in FRONT_MATTER_KEYS:  # our Markdown: <!-- 机关: … -->
        return {FRONT_MATTER_KEYS[comment.group("key")]: comment.group("value")}, lines[start + 1 :]
    if start is None or lines[start].strip() != FRONT_MATTER:
        return {}, lines
    found: dict[str, str] = {}
    for index in range(start + 1, min(start + 2 + _FRONT_MAX, len(lines))):
        text = lines[index].strip()
        if text == FRONT_MATTER:
            return (found, lines[index + 1 :]) if found else ({}, lines)
        match = _FRONT_LINE.match(text)
        if match is None or match.group("key") not in FRONT_MATTER_KEYS:
            return {}, lines
        found[FRONT_MATTER_KEYS[match.group("key")]] = match.group("value")
    return {}, lines


def _join_title(previous: str, text: str) -> str:
    if not previous or len(previous) > 40 or "报告" in previous or _FURNITURE.search(previous):
        return text
    year_in_text = _YEAR_AT.search(_nfkc(text))
    if year_in_text is None and _YEAR_AT.search(_nfkc(previous)):
        return previous + text  # "…2022年政府信息" + "公开工作年度报告"
    if year_in_text is not None and re.fullmatch(_NAME, previous + text[: year_in_text.start()]):
        # "青云谱区政务服务数据管理局" + "2023年政府信息公开工作年度报告"; an organ's name over two lines
        # ("宜春市袁州区人力资源和社会保障局" + "劳动保障监察综合行政执法大队2023年…", once those are joined)
        return previous + text
    return text


def agency_from_title(title: str | None) -> str | None:
    """The organ before the year ("高安市人民政府办公室2022年…"), or after it ("2023年度某局政府信息公开…")."""
    if not title:
        return None
    text = _TITLE_TAG.sub("", _nfkc(title))
    found = (
        _TITLE_AGENCY.match(text) or _TITLE_AGENCY_AFTER_YEAR.match(text) or _TITLE_AGENCY_NO_YEAR.match(text)
    )
    if not found:
        return None
    agency = found.group("agency")
    if "关于" in agency:  # "某县人民政府办公室关于印发某局2023年…的通知": the organ it names, or the issuer
        issuer, _, named = agency.partition("关于")
        named = named.removeprefix("印发")
        agency = named if re.fullmatch(_NAME, named) else issuer if re.fullmatch(_NAME, issuer) else None
    return agency


def agency_from_intro(paragraphs: list[str]) -> str | None:
    for pattern in _INTRO_PATTERNS:
        for paragraph in paragraphs:
            found = pattern.search(_nfkc(paragraph))
            if found:
                return found.group("agency")
    return None


def year_from_title(title: str | None) -> int | None:
    """The first plausible year in the title, in digits ("2023年") or Chinese digits ("二〇二三年")."""
    if not title:
        return None
    text = _nfkc(title)
    for pattern in (_TITLE_YEAR, _CN_TITLE_YEAR):
        year = _first_year(pattern, text)
        if year is not None:
            return year
    return None


def year_from_text(paragraphs: list[str]) -> tuple[int | None, bool]:
    """(year, inferred): the statistical period or intro if stated, else the first year mentioned."""
    text = _nfkc("\n".join(paragraphs))
    for pattern in (_PERIOD_YEAR, _INTRO_YEAR):
        year = _first_year(pattern, text)
        if year is not None:
            return year, False
    year = _first_year(_ANY_YEAR, text)
    return (year, True) if year is not None else (None, False)


def _first_year(pattern: re.Pattern[str], text: str) -> int | None:
    """The first match of ``pattern`` (group 1) that is a plausible report year."""
    for found in pattern.finditer(text):
        year = _year(found.group(1))
        if plausible_year(year):
            return year
    return None


def _cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 三十一 → 31; 〇-digits read positionally (二〇二四 → 2024)."""
    if "十" not in text:
        value = 0
        for char in text:
            value = value * 10 + _CN_DIGITS[char]
        return value
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _year(text: str) -> int:
    return int(text) if text.isdigit() else _cn_number(text)


def parse_date(line: str, *, signature: bool = False) -> tuple[dt.date | None, str | None]:
    """(date, trouble) for a line that ends with a date; (None, None) if it has none.

    With ``signature``, only a date standing alone, after an organ's name or after a "日期：" label counts:
    "本报告统计截至2023年12月31日" is narrative, not the signing date."""
    text = re.sub(r"\s+", "", _nfkc(strip_markup(line)))
    for pattern in _DATE_PATTERNS:
        found = pattern.search(text)
        if found and found.end() == len(text):
            head = text[: found.start()]
            if signature and head and not (re.fullmatch(_NAME, head) or head.endswith(("：", ":"))):
                return None, None
            try:
                year, month, day = (
                    int(found.group(k)) if found.group(k).isdigit() else _cn_number(found.group(k))
                    for k in ("y", "m", "d")
                )
                if not plausible_year(year):
                    raise ValueError(year)
                return dt.date(year, month, day), None
            except (ValueError, KeyError):
                return None, f"成文日期“{found.group(0)}”不是有效日期"
    return None, None


def find_signature(lines: list[str]) -> tuple[dt.date | None, str | None, int, str | None]:
    """(date, signer, number of trailing lines that are the signature, trouble) from the last lines."""
    seen = 0
    for index in range(len(lines) - 1, -1, -1):
        text = strip_markup(lines[index])
        if not text:
            continue
        seen += 1
        if seen > _TAIL_LINES:
            break
        if len(text) > _LONGEST_SIGNATURE:
            continue
        date, trouble = parse_date(text, signature=True)
        if date is None and trouble is None:
            continue
        start, signer = index, _signer_before(lines, index, text)
        if signer and signer[1] != index:
            start = signer[1]
        return date, signer[0] if signer else None, len(lines) - start, trouble
    return None, None, 0, None


def _signer_before(lines: list[str], index: int, date_line: str) -> tuple[str, int] | None:
    """The organ's name on the date line itself or on the nearest non-empty line above it."""
    head = re.split(r"\d{4}|[〇零○二]{2}", re.sub(r"\s+", "", date_line), maxsplit=1)[0]
    if head and re.fullmatch(_NAME, head):
        return head, index
    for above in range(index - 1, max(index - 4, -1), -1):
        text = strip_markup(lines[above])
        if text:
            wrapped = _wrapped_signer(lines, above, text)
            if wrapped:
                return wrapped
            return (text, above) if re.fullmatch(_NAME, text) else None
    return None


_WRAPPED_LINE = 16  # a name broken by line wrapping fills its first line: at least this many characters


def _wrapped_signer(lines: list[str], last: int, text: str) -> tuple[str, int] | None:
    """A long organ name set over two lines above the date ("…监察综合行政执法" / "大队"): a full line
    above that, joined to it, makes one name (a paragraph's last line has punctuation, so never joins)."""
    for above in range(last - 1, max(last - 3, -1), -1):
        head = re.sub(r"\s+", "", strip_markup(lines[above]))
        if head:
            joined = head + text
            if (
                len(head) >= _WRAPPED_LINE
                and len(joined) <= _LONGEST_SIGNATURE
                and re.fullmatch(_NAME, joined)
            ):
                return joined, above
            return None
    return None


# --- the agency's full name ------------------------------------------------------------------------------

_PUBLISHER = re.compile(
    r"^\s*(?:发布机构|发文机关|发布单位)\s*[:：]\s*(?P<name>[^\s:：]{2,40})\s*$", re.MULTILINE
)
_SHORT_NAME = re.compile(r"^[市县区镇乡省]|^.{2,5}$")
_CJK = "[\u4e00-\u9fff]"


def publisher(text: str) -> str | None:
    """A crawler's or a web page's "发布机构: 某局" line, when it names an organ."""
    found = _PUBLISHER.search(text[:3000])
    name = found.group("name") if found else None
    return name if name and re.fullmatch(_NAME, name) else None


def resolve_agency(agency: str | None, text: str, *, ocr: bool = False) -> str | None:
    """The organ's full name when the text gives it: a short name ("市机关事务局") becomes the longer name
    the text prints with the same characters in order ("赣州市机关事务管理局"); in OCR text a misread name
    ("青云潽区…") becomes the spelling the text prints more often. Otherwise the name as printed."""
    if agency is None:
        return publisher(text)
    if _SHORT_NAME.search(agency):
        pattern = f"{_CJK}{{2,10}}?" + f"{_CJK}{{0,3}}?".join(re.escape(ch) for ch in agency)
        found = [m.group(0) for m in re.finditer(pattern, text)]
        full = {name for name in found if name != agency and name.endswith(agency[-1])}
        if len(full) == 1:
            return full.pop()
    if ocr and len(agency) >= 6:
        variants = "|".join(
            re.escape(agency[:i]) + _CJK + re.escape(agency[i + 1 :]) for i in range(len(agency))
        )
        counts: dict[str, int] = {}
        for m in re.finditer(variants, text):
            counts[m.group(0)] = counts.get(m.group(0), 0) + 1
        best = max(counts, key=counts.__getitem__, default=agency)
        if counts.get(best, 0) > counts.get(agency, 0):
            return best
    return agency
