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

from gongkai.annualreport.markers import FRONT_MATTER, FRONT_MATTER_KEYS, PRE2019_NOTE
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
_TITLE_YEAR = re.compile(r"(\d{4})\s*年")
_PERIOD_YEAR = re.compile(r"(?:统计期限|统计期|统计时限)?自?(\d{4})年1月1日(?:起)?至(\d{4})年12月31日")
_INTRO_YEAR = re.compile(r"编制(?:了)?(\d{4})年度?")
_ANY_YEAR = re.compile(r"((?:19|20)\d{2})年")
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "o": 0, "Ο": 0, "０": 0}
_CN_DIGITS.update({c: i for i, c in enumerate("一二三四五六七八九", start=1)})
_CN_NUM = "〇零○OoΟ一二三四五六七八九十"
_DATE_PATTERNS = [
    re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"),
    re.compile(r"(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})"),
    re.compile(rf"(?P<y>[{_CN_NUM}]{{4}})年(?P<m>[{_CN_NUM}]{{1,3}})月(?P<d>[{_CN_NUM}]{{1,3}})日"),
]
_TAIL_LINES = 8
_TITLE_LINES = 30
_SENTENCE_END = re.compile(r"[。；;]")
_FURNITURE = re.compile(r"[:：>|》/]|首页|当前位置|索引号|发布机构|来源")
_YEAR_AT = re.compile(r"(?:\d{4}|[〇零○二][〇零○一二三四五六七八九]{3})\s*年")
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

    Only a block of known keys between two "---" lines at the very top counts, so a report's own text
    (or a table's "---" separator) is never taken for metadata."""
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
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
    if year_in_text is not None and year_in_text.start() == 0 and re.fullmatch(_NAME, previous):
        return previous + text  # "青云谱区政务服务数据管理局" + "2023年政府信息公开工作年度报告"
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
    if not title:
        return None
    text = _nfkc(title)
    found = _TITLE_YEAR.search(text) or re.search(rf"([{_CN_NUM}]{{4}})年", text)
    return _year(found.group(1)) if found else None


def year_from_text(paragraphs: list[str]) -> tuple[int | None, bool]:
    """(year, inferred): the statistical period or intro if stated, else the first year mentioned."""
    text = _nfkc("\n".join(paragraphs))
    for pattern in (_PERIOD_YEAR, _INTRO_YEAR):
        found = pattern.search(text)
        if found:
            return int(found.group(1)), False
    found = _ANY_YEAR.search(text)
    return (int(found.group(1)), True) if found else (None, False)


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
                return dt.date(year, month, day), None
            except (ValueError, KeyError):
                return None, f"成文日期“{found.group(0)}”不是有效日期"
    return None, None


_RELEASE = re.compile(
    r"(?:发布|成文|印发|公开)(?:日期|时间)[:：]?\s*(\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?)"
)


def find_release_date(preamble: list[str]) -> dt.date | None:
    """A web page's "发布日期：2024-01-20" above the title: the publication date when nothing is signed."""
    for line in preamble[:_TITLE_LINES]:
        found = _RELEASE.search(_nfkc(line))
        if found:
            date, _ = parse_date(found.group(1))
            if date:
                return date
    return None


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
            return (text, above) if re.fullmatch(_NAME, text) else None
    return None
