"""The writers' output rendered to pages and looked at: LibreOffice's PDF of our DOCX, and our PDF (the
printed HTML, through WeasyPrint). On the five seeds and one long report with large numbers.

Layout is asserted on glyph positions (pdfminer): no table row is cut by a page break, table 3's header is
on every page that has its rows, tables 2 and 4 are whole, headings stay with their tables, 28 characters
to the line, page numbers 7 mm under the type area on the outer side, the 落款 after GB/T 9704 §7.3.5.3;
and each PDF reads back to the report exactly. Page images go to artifacts/documents/.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from pages import (
    ARTIFACTS,
    MM,
    PDFTOPPM,
    SOFFICE,
    docx_to_pdf,
    fonts,
    line_fonts,
    page_cells,
    page_images,
    pages,
)
from report_diff import report_diff
from report_strategies import long_reports

from gongkai.annualreport.model import SECTION_TITLES
from gongkai.annualreport.readers import read
from gongkai.annualreport.writers import write
from gongkai.annualreport.writers.layout import CHECK_NOTE, ROW_LABELS, SUB_ROW_LABELS
from gongkai.gongwen.standard import PAGE

pytestmark = pytest.mark.skipif(
    SOFFICE is None or PDFTOPPM is None, reason="needs LibreOffice (soffice) and poppler-utils (pdftoppm)"
)

SEEDS = sorted((Path(__file__).parents[1] / "fixtures" / "seeds").glob("*.txt"))
LONG_AGENCY = "景德镇市昌江区人力资源和社会保障局"  # 17 characters, the title line holds 20


def long_report():
    """Seed 002 with a long organ name and title, long paragraphs with addresses, a date, and a
    different large non-zero number in every cell."""
    report = read(SEEDS[2])
    report.agency = LONG_AGENCY
    report.title = f"{LONG_AGENCY}2022年政府信息公开工作年度报告"
    report.published_on = dt.date(2023, 1, 16)
    for i, (path, _) in enumerate(list(report.cells())):
        report.set(path, 10_000_000 + i * 7919)
    report.proactive.fees.amount_wan_yuan = Decimal("12345.67")
    extra = "".join(
        f"全年累计发布信息{n}条，详见门户网站（http://www.example.gov.cn/xxgk/{n}.html）专栏。"
        for n in (123456, 7654321, 98765432, 13579)
    )
    report.sections.overview += "\n" + extra
    report.problems = []
    return report


CASES = {seed.name[:3]: read(seed) for seed in SEEDS} | {"long": long_report()}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """{(case, "docx"|"pdf"): PDF path}: LibreOffice's export of our DOCX, and our own PDF."""
    root = tmp_path_factory.mktemp("render")
    docx_files = []
    out = {}
    for name, report in CASES.items():
        path = root / f"docx-{name}.docx"
        path.write_bytes(write(report, "docx"))
        docx_files.append(path)
        pdf = root / f"pdf-{name}.pdf"
        pdf.write_bytes(write(report, "pdf"))
        out[(name, "pdf")] = pdf
    for name, pdf in zip(CASES, docx_to_pdf(docx_files, root / "lo", root / "profile"), strict=True):
        out[(name, "docx")] = pdf
    for (name, kind), pdf in out.items():
        page_images(pdf, f"{kind}-{name}")
    return out


KINDS = ["docx", "pdf"]
CASE_IDS = list(CASES)


def _table3_labels() -> list[str]:
    """The labels of table 3's rows of values (a merged group label may be printed again on each page)."""
    groups = {"results", *SUB_ROW_LABELS}
    labels = [v for k, v in ROW_LABELS.items() if k not in groups]
    labels += [label for group in SUB_ROW_LABELS.values() for label in group.values()]
    return labels


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", CASE_IDS)
def test_rendered_pdf_reads_back_exactly(rendered, case, kind):
    back = read(rendered[(case, kind)])
    assert back == CASES[case]
    assert back.agency == CASES[case].agency


def assert_tables_survive_page_breaks(doc: list[list[str]]) -> None:
    """The page-break invariants on a rendered PDF's pages (cells and lines as the PDF reader sees them)."""

    def on(label: str) -> list[int]:  # pages with a cell (or line) that is exactly this label
        return [i for i, cells in enumerate(doc) if label in cells]

    # no row split: every table-3 row label is whole on exactly one page (a cut row leaves it on none)
    rows = {label: on(label) for label in _table3_labels()}
    assert {label: len(where) for label, where in rows.items() if len(where) != 1} == {}
    # table 3's header on every page where its rows are
    for index in {i for where in rows.values() for i in where}:
        assert {"申请人情况", "自然人", "总计"} <= set(doc[index]), f"page {index + 1}"
    # merged labels on every page of their rows (a continuation page repeats them)
    results = [ROW_LABELS[k] for k in ("granted", "partially_granted", "total")]
    for group, subs in SUB_ROW_LABELS.items():
        for label in subs.values():
            for index in rows[label]:
                assert ROW_LABELS[group] in doc[index], (
                    f"{label} without {ROW_LABELS[group]}, page {index + 1}"
                )
        results += subs.values()
    for label in results:
        for index in rows[label]:
            assert ROW_LABELS["results"] in doc[index], (
                f"{label} without 三、本年度办理结果, page {index + 1}"
            )
    # table 2 is whole; table 4 is whole with its header
    table2 = (
        on("第二十条第（一）项")
        + on("第二十条第（五）项")
        + on("第二十条第（六）项")
        + on("第二十条第（八）项")
    )
    assert len(set(table2)) == 1
    assert len(on("未经复议直接起诉")) == 1 and on("行政复议") == on("复议后起诉") == on("未经复议直接起诉")
    # a heading never ends a page, and a table never starts one: what precedes it comes along
    for heading in SECTION_TITLES.values():
        for index in on(heading):
            assert doc[index][-1] != heading, f"{heading} ends page {index + 1}"
    for first in ("第二十条第（一）项", CHECK_NOTE, "行政复议"):
        for index in on(first)[:1]:
            assert doc[index].index(first) > 0, f"{first} starts page {index + 1}"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", CASE_IDS)
def test_tables_survive_page_breaks(rendered, case, kind):
    assert_tables_survive_page_breaks(page_cells(rendered[(case, kind)]))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", ["002", "long"])
def test_gbt9704_page_grid_title_and_page_numbers(rendered, case, kind):
    doc = pages(rendered[(case, kind)])
    left, right = PAGE.left_mm * MM, (PAGE.width_mm - PAGE.right_mm) * MM
    # 28 characters of 三号 to a full line (lines of 汉字 only)
    full = [
        len(line.text)
        for p in doc
        for line in p.lines
        if line.size == 16 and abs(line.x0 - left) < 2 and all(not ch.isascii() for ch in line.text)
    ]
    assert max(full) == 28
    # the title: centred lines of 二号, broken after the organ's name
    report = CASES[case]
    title = [line for line in doc[0].lines if line.size == 22]
    assert "".join(line.text for line in title) == report.title
    assert all(abs((line.x0 + line.x1) / 2 - (left + right) / 2) < 3 for line in title)
    if case == "002":
        assert [line.text for line in title] == [report.agency, report.title.removeprefix(report.agency)]
    # page numbers "—3—": 7 mm under the type area, odd pages right and even pages left, 空一字
    type_bottom = (PAGE.height_mm - PAGE.bottom_mm) * MM
    for page in doc:
        (number,) = [line for line in page.lines if line.text == f"—{page.number}—"]
        assert abs(number.top - type_bottom - PAGE.page_number_gap_mm * MM) < 1.5 * MM, page.number
        if page.number % 2:
            assert abs(right - 14 - number.x1) < 3
        else:
            assert abs(number.x0 - left - 14) < 3


@pytest.mark.parametrize("kind", KINDS)
def test_signature_after_gbt9704_7_3_5_3(rendered, kind):
    doc = pages(rendered[("003", kind)])
    lines = [line for p in doc for line in p.lines if line.size == 16]
    organ, date = lines[-2], lines[-1]
    assert (organ.text, date.text) == ("赣州经开区机关事务管理中心", "2023年1月29日")
    right = (PAGE.width_mm - PAGE.right_mm) * MM
    assert abs(right - organ.x1 - 2 * 16) < 3  # 署名右空二字
    assert abs(date.x0 - organ.x0 - 2 * 16) < 3  # date's first character two characters further right
    before = lines[-3]
    assert organ.top - before.top > 1.9 * PAGE.line_pitch_pt  # 正文下空一行


WRAPPED_SIGNER = (
    "宜春市袁州区人力资源和社会保障局劳动保障监察综合行政执法大队"  # 30 characters, a line holds 28
)


@pytest.mark.parametrize("kind", KINDS)
def test_a_signature_wider_than_a_line_is_not_read_into_the_last_section(tmp_path, kind):
    """The organ's name breaks over two lines, its first line full; the last paragraph's last line is full
    too. The blank line between them (正文下空一行) keeps the reader from joining them as one paragraph
    (CI run of 2026-12-04: the name ended up at the end of 六、其他需要报告的事项)."""
    report = read(SEEDS[2])
    report.agency, report.title = WRAPPED_SIGNER, f"{WRAPPED_SIGNER}2022年政府信息公开工作年度报告"
    report.published_on = dt.date(2023, 1, 16)
    last = "下一步，我们将进一步规范公开内容，提高公开质量。我局坚持以公开为常态、不公开为例外，及时、准确公开政府信息。"
    report.sections.other_matters = f"本年度未收取信息处理费。\n{last}"
    report.problems = []
    path = tmp_path / f"wrapped.{kind}"
    path.write_bytes(write(report, kind))
    pdf = path if kind == "pdf" else docx_to_pdf([path], tmp_path / "lo", tmp_path / "profile")[0]
    doc = pages(pdf)
    body = [line.text for p in doc for line in p.lines if line.size == 16]
    assert body[-4:] == [last[-28:], WRAPPED_SIGNER[:28], WRAPPED_SIGNER[28:], "2023年1月16日"]
    back = read(pdf)
    assert back.sections.other_matters == report.sections.other_matters
    assert (back.agency, back.published_on) == (WRAPPED_SIGNER, dt.date(2023, 1, 16))


def test_pdf_embeds_distinct_faces_for_title_headings_and_body(rendered):
    names = fonts(rendered[("002", "pdf")])
    assert {"GW-标题-Bold", "GW-正文", "GW-一级标题-Bold", "GW-二级标题", "GW-页码"} <= names


def test_libreoffice_sets_the_docx_in_the_simplified_chinese_face(rendered):
    """Without the 公文 fonts LibreOffice falls back to Noto Sans CJK; zh-CN makes it use the SC glyphs
    (令 without the Japanese マ-shaped foot). Compared glyph by glyph with the SC and JP faces."""
    import subprocess
    import tempfile

    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTContainer
    from PIL import Image, ImageChops, ImageDraw, ImageFont

    pdf = rendered[("002", "docx")]
    layout = next(iter(extract_pages(str(pdf), page_numbers=[0])))
    stack, char = list(layout), None
    while stack and char is None:
        obj = stack.pop(0)
        if isinstance(obj, LTChar) and obj.get_text() == "令":
            char = obj
        elif isinstance(obj, LTContainer):
            stack[:0] = list(obj)
    assert char is not None
    dpi = 300
    scale = dpi / 72
    size = round((char.x1 - char.x0) * scale)
    with tempfile.TemporaryDirectory() as tmp:
        x, y = round(char.x0 * scale), round((layout.height - char.y1) * scale)
        subprocess.run(
            [PDFTOPPM, "-r", str(dpi), "-f", "1", "-l", "1", "-x", str(x), "-y", str(y), "-W", str(size), "-H",
             str(size), "-gray", "-png", str(pdf), f"{tmp}/g"],
            check=True,
        )  # fmt: skip
        glyph = Image.open(next(Path(tmp).glob("g*.png"))).convert("L")
    glyph.save(ARTIFACTS / "docx-002-glyph-ling.png")

    def drawn(index: int) -> Image.Image:
        font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", size, index=index)
        image = Image.new("L", glyph.size, 255)
        ImageDraw.Draw(image).text((0, 0), "令", font=font, fill=0)
        return image

    def distance(a: Image.Image, b: Image.Image) -> int:
        a, b = (
            a.crop(a.point(lambda v: v < 128 and 255).getbbox()),
            b.crop(b.point(lambda v: v < 128 and 255).getbbox()),
        )
        b = b.resize(a.size)
        return ImageChops.difference(a, b).point(lambda v: v > 96 and 1).histogram()[1]  # pixels that differ

    faces = {}
    for index in range(10):  # the collection's faces: JP, KR, SC, TC, HK (and mono)
        try:
            name = ImageFont.truetype(
                "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 12, index=index
            )
        except OSError:
            break
        faces[name.getname()[0]] = index
    sc, jp = drawn(faces["Noto Sans CJK SC"]), drawn(faces["Noto Sans CJK JP"])
    assert distance(glyph, sc) < distance(glyph, jp)


_profile: dict[str, Path] = {}
_examples = {"docx": 0, "pdf": 0}


def _render(report, kind: str, root: Path) -> Path:
    """One report rendered: our PDF (WeasyPrint), or LibreOffice's PDF of our DOCX."""
    _examples[kind] += 1
    name = f"random-{kind}-{_examples[kind]}"
    if kind == "pdf":
        pdf = root / f"{name}.pdf"
        pdf.write_bytes(write(report, "pdf"))
    else:
        docx = root / f"{name}.docx"
        docx.write_bytes(write(report, "docx"))
        (pdf,) = docx_to_pdf([docx], root / "lo", _profile.setdefault("lo", root / "profile"))
    page_images(pdf, name)
    return pdf


@pytest.mark.parametrize("kind", KINDS)
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: each example renders for seconds
)
@given(report=long_reports())
def test_random_long_reports_keep_tables_whole_and_read_back_exactly(tmp_path_factory, kind, report):
    """Random reports with long organ names, long paragraphs with web addresses and large numbers in every
    cell (so table 3 is taller than a page): on every page break the tables hold, and the PDF reads back
    to the report (also with an organ's name longer than a title line, broken over two lines)."""
    root = _profile.setdefault("root", tmp_path_factory.mktemp("random"))
    pdf = _render(report, kind, root)
    assert_tables_survive_page_breaks(page_cells(pdf))
    back = read(pdf)
    assert report_diff(report, back) == []
    assert back == report


def test_with_the_gongwen_fontconfig_libreoffice_keeps_title_headings_and_body_distinct(tmp_path):
    """Without the 公文 fonts, LibreOffice sets every role in one face (it ignores the font table's
    alternates); with ``gongwen.fontconfig`` installed it sets the title in Noto Serif CJK SC Bold, the body
    in Noto Serif CJK SC, 一级标题 in Noto Sans CJK SC Bold and 二级标题 in Noto Sans CJK SC, and the PDF
    still reads back exactly."""
    from gongkai.gongwen.fontconfig import config_xml

    (tmp_path / "65-gongwen.conf").write_text(config_xml(), encoding="utf-8")
    (tmp_path / "fonts.conf").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>'
        f"<include>{tmp_path / '65-gongwen.conf'}</include><include>/etc/fonts/fonts.conf</include></fontconfig>",
        encoding="utf-8",
    )
    report = CASES["002"]
    docx = tmp_path / "fc-002.docx"
    docx.write_bytes(write(report, "docx"))
    env = {"FONTCONFIG_FILE": str(tmp_path / "fonts.conf")}
    (pdf,) = docx_to_pdf([docx], tmp_path / "lo", tmp_path / "profile", env=env)
    page_images(pdf, "docx-002-fontconfig")
    lines = line_fonts(pdf)

    def font(start: str) -> str:
        return next(name for text, name in lines if text.startswith(start))

    found = [font(report.agency), font("本报告依据"), font("一、总体情况"), font("（一）存在的主要问题")]
    # NotoSerifCJKjp-Bold-VKana …: LibreOffice names the collection's face by its first (JP) member
    assert [name.split("-")[0].removesuffix("jp").removesuffix("sc") for name in found] == [
        "NotoSerifCJK",
        "NotoSerifCJK",
        "NotoSansCJK",
        "NotoSansCJK",
    ]
    assert ["Bold" in name for name in found] == [True, False, True, False]
    assert read(pdf) == report
