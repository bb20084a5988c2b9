"""Scanned PDFs (page images, no text layer) → text in the reader's contract, through Tesseract OCR.

OCR of a whole page scrambles ruled tables, so each page is taken apart first:

1. ``pdftoppm -r 300 -gray`` renders the pages (a scan at 150–300 dpi is resampled to 300 dpi);
2. the page is deskewed: the angle (within ±3°) that makes the rows of ink sharpest (projection profile);
3. the ruling lines are found with OpenCV (morphological opening with long thin kernels), and become the PDF
   reader's ruling segments; the cells are the white regions the lines enclose (a merged cell is one
   region, exactly as the PDF reader merges cells with no line between them);
4. each cell is OCR'd on its own (``chi_sim+eng``, ``--psm 6``); a cell that reads as a number is read again
   with ``eng``, ``--psm 7`` and a digits-only whitelist; a cell without ink is blank;
5. the text outside the tables is OCR'd as text (``--psm 3``, word boxes from Tesseract's TSV), for the
   title, agency, year, sections and date;
6. words and cells become the PDF reader's glyphs and segments (points, y up), and ``readers.pdf.page_lines``
   rebuilds rows and paragraphs as for a PDF with a text layer.

All cells of one page go through one Tesseract process per pass (a list of images), so a page costs two or
three processes, not hundreds. The text is then read with ``parse_text(text, ocr=True)`` (``OCR`` below),
so only the numbers that an identity (R1–R4) or a narrative figure confirms stand: every other OCR'd number
is unread and named (``readers.decoding``).

Without ``tesseract`` (or its ``chi_sim`` data), ``pdftoppm`` or OpenCV the error names what is missing.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

from gongkai.annualreport.readers.extract import ExtractError

DPI = 300
PT = 72 / DPI  # points per pixel
MAX_PAGES = 30  # OCR takes seconds a page; a scanned report has 3–15 pages
PAGE_TIMEOUT = 120  # seconds for one Tesseract pass over a page's cells
MAX_SKEW = 3.0  # degrees
LANGUAGES = ("chi_sim", "eng")
MISSING_TESSERACT = (
    "PDF无文字层（扫描件），需用 Tesseract 进行文字识别（OCR），但本机未安装（找不到 tesseract 命令）；"
    "请安装 tesseract-ocr 和 tesseract-ocr-chi-sim，或提供文字版PDF"
)
_CJK_SPACE = re.compile(
    r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+(?=\d)|(?<=\d)\s+(?=[^\x00-\x7f])"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]{2}")
UNRECOGNISED = "？"  # a cell with ink that OCR could not read: not a blank cell
_DIGITISH = re.compile(r"^[\dOoQDlIi|SsZzBgG〇.,，。\s]+$")


@functools.lru_cache(maxsize=4)
def _languages(tesseract: str) -> frozenset[str]:
    from gongkai.annualreport.readers.office import run

    out = run([tesseract, "--list-langs"], what="Tesseract", timeout=30)
    return frozenset(line.strip() for line in out.decode("utf-8", "replace").splitlines()[1:])


def tools() -> tuple[str, str]:
    """(tesseract, pdftoppm) on the PATH with the languages needed; :class:`ExtractError` naming the missing one."""
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        raise ExtractError(MISSING_TESSERACT)
    missing = [lang for lang in LANGUAGES if lang not in _languages(tesseract)]
    if missing:
        raise ExtractError(
            f"PDF无文字层（扫描件），Tesseract 缺少语言数据 {'、'.join(missing)}；请安装 tesseract-ocr-chi-sim"
        )
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise ExtractError("PDF无文字层（扫描件），渲染页面需要 pdftoppm，但本机未安装；请安装 poppler-utils")
    try:
        import cv2  # noqa: F401
        import numpy  # noqa: F401
    except ImportError:
        raise ExtractError(
            "PDF无文字层（扫描件），识别表格需要 OpenCV，但未安装；请安装可选依赖 ocr（pip install 'gongkai[ocr]'）"
        ) from None
    return tesseract, pdftoppm


def _env() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core per Tesseract: --jobs parallelises files


def _tesseract(tesseract: str, images: list[Path], work: Path, args: list[str]) -> list[str]:
    """The text of each image, in one Tesseract process (a list file; pages are separated by \\f)."""
    from gongkai.annualreport.readers.office import run

    if not images:
        return []
    listing = work / f"list-{len(list(work.glob('list-*')))}.txt"
    listing.write_text("".join(f"{p}\n" for p in images), encoding="utf-8")
    out = run(
        [tesseract, str(listing), "stdout", *args], env=_env(), what="文字识别（OCR）", timeout=PAGE_TIMEOUT
    )
    pages = out.decode("utf-8", "replace").split("\f")
    return [p.strip() for p in pages[: len(images)]] + [""] * (len(images) - len(pages))


def clean(text: str) -> str:
    """OCR'd text without the spaces Tesseract puts between Chinese characters, on one line."""
    text = "".join(line.strip() for line in text.splitlines())
    return _CJK_SPACE.sub("", text).strip()


# --- image analysis (OpenCV) ---------------------------------------------------------------------------


def skew_angle(gray) -> float:
    """The page's rotation in degrees: the angle whose rows of ink are sharpest (projection profile)."""
    import cv2
    import numpy as np

    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    ink = (small < 160).astype(np.float32)
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        rotated = cv2.warpAffine(ink, cv2.getRotationMatrix2D(centre, angle, 1.0), (w, h))
        rows = rotated.sum(axis=1)
        return float(np.sum(np.diff(rows) ** 2))

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25), key=sharpness)
    best = max(np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05), key=sharpness)
    return float(best)


def deskew(gray):
    import cv2

    angle = skew_angle(gray)
    if abs(angle) < 0.05:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


def ruling(binary):
    """(horizontal mask, vertical mask) of the ruling lines in an inverted binary image."""
    import cv2

    h, w = binary.shape
    horizontal = cv2.morphologyEx(
        binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (w // 25, 1))
    )
    horizontal = cv2.morphologyEx(
        horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 3))
    )
    vertical = cv2.morphologyEx(
        binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, DPI // 6))
    )
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 15)))
    return horizontal, vertical


def _segments(mask, horizontal: bool, height: int, seg) -> list:
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for x, y, w, h, _area in stats[1:count]:
        if horizontal:
            out.append(seg(True, (height - (y + h / 2)) * PT, x * PT, (x + w) * PT))
        else:
            out.append(seg(False, (x + w / 2) * PT, (height - (y + h)) * PT, (height - y) * PT))
    return out


def grids(horizontal, vertical) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (x, y, w, h) of the tables: lines that touch, with at least two cells."""
    import cv2
    import numpy as np

    lines = cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    out = []
    for x, y, w, h, _area in stats[1:count]:
        box = (x, y, w, h)
        inner_v = vertical[y : y + h, x : x + w].any(axis=0).sum()
        inner_h = horizontal[y : y + h, x : x + w].any(axis=1).sum()
        if w > DPI // 3 and h > DPI // 6 and inner_v and inner_h:
            out.append(box)
    return out


def cells(horizontal, vertical, box) -> list[tuple[int, int, int, int]]:
    """The white regions enclosed by the lines inside a table's box: its (merged) cells, (x, y, w, h)."""
    import cv2
    import numpy as np

    x, y, w, h = box
    lines = cv2.dilate((horizontal | vertical)[y : y + h, x : x + w], np.ones((3, 3), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats((lines == 0).astype(np.uint8), connectivity=4)
    out = []
    for cx, cy, cw, ch, _area in stats[1:count]:
        touches = cx <= 0 or cy <= 0 or cx + cw >= w or cy + ch >= h  # outside the grid
        if not touches and cw > 12 and ch > 12:
            out.append((x + cx, y + cy, cw, ch))
    return out


# --- the page ---------------------------------------------------------------------------------------------


def _crop(gray, box, margin: int = 4):
    x, y, w, h = box
    return gray[y + margin : y + h - margin, x + margin : x + w - margin]


def _has_ink(binary_crop) -> bool:
    return int((binary_crop > 0).sum()) > 25  # a digit at 300 dpi has ~150 ink pixels; specks have a few


def _cell_images(gray, binary, boxes, work: Path, page: int) -> tuple[list[Path], list[int]]:
    import cv2

    paths, indexes = [], []
    for i, box in enumerate(boxes):
        if not _has_ink(_crop(binary, box, 6)):
            continue
        crop = cv2.copyMakeBorder(_crop(gray, box), 12, 12, 12, 12, cv2.BORDER_CONSTANT, value=255)
        path = work / f"p{page}-c{i}.png"
        cv2.imwrite(str(path), crop)
        paths.append(path)
        indexes.append(i)
    return paths, indexes


def read_cells(tesseract: str, gray, binary, boxes, work: Path, page: int) -> list[str]:
    """Each cell's text. Every cell with ink is read with chi_sim (``--psm 6``); one that reads as a number
    or as nothing is read again with a digits-only whitelist, and the digits win. A cell with ink that
    still reads as nothing is "？" (the reader then names it unread), never a blank."""
    paths, indexes = _cell_images(gray, binary, boxes, work, page)
    texts = [""] * len(boxes)
    first = [clean(t) for t in _tesseract(tesseract, paths, work, ["-l", "chi_sim", "--psm", "6"])]
    again = [k for k, text in enumerate(first) if not text or _DIGITISH.match(text)]
    digits = _tesseract(
        tesseract,
        [paths[k] for k in again],
        work,
        ["-l", "eng", "--psm", "6", "-c", "tessedit_char_whitelist=0123456789."],
    )
    for k, text in zip(again, digits, strict=True):
        text = re.sub(r"\s+", "", text)
        if re.fullmatch(r"\d+(\.\d+)?", text):
            first[k] = text
        elif not re.fullmatch(r"\d+(\.\d+)?", first[k]):
            first[k] = first[k] if first[k] and not _DIGITISH.match(first[k]) else UNRECOGNISED
    latin = [  # Chinese misread as Latin letters ("FT BRERE"), or a short label not read at all ("规章")
        k
        for k, text in enumerate(first)
        if text in ("", UNRECOGNISED) or (_LATIN.search(text) and not _HAN.search(text))
    ]
    retry = _tesseract(tesseract, [paths[k] for k in latin], work, ["-l", "chi_sim", "--psm", "7"])
    for k, text in zip(latin, retry, strict=True):
        if _HAN.search(clean(text)):
            first[k] = clean(text)
    for i, text in zip(indexes, first, strict=True):
        texts[i] = snap_label(text) if text else UNRECOGNISED
    return texts


@functools.cache
def _labels() -> tuple[str, ...]:
    """Every label and header the national formats print in tables 2–4 (from the writers' layout)."""
    from gongkai.annualreport.model import Report
    from gongkai.annualreport.writers.layout import tables_for

    out = set()
    for fmt in ("2021", "2019"):
        for table in tables_for(Report.blank(fmt)).values():
            out |= {cell.text for row in table.rows for cell in row if cell.text and not cell.path}
    return tuple(sorted(out))


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def snap_label(text: str) -> str:
    """An OCR'd label replaced by the format's printed label it clearly is ("（六）…途期不补正…" → "…逾期…"):
    the best match must be close (similarity ≥ 0.7) and clearly better than the next (by 0.1), or the text
    is the start of one printed label only, with at least four Chinese characters (a wrapped label whose
    second line OCR lost: "5. 要求行政机" → "5.要求行政机关确认或重新出具已获取信息"); else, and for
    numbers and short cells, the text as OCR'd."""
    if len(text) < 4 or not _HAN.search(text):
        return text
    key = _key(text)
    scored = sorted(
        ((difflib.SequenceMatcher(None, key, _key(label)).ratio(), label) for label in _labels()),
        reverse=True,
    )
    (best, label), (second, _) = scored[0], scored[1]
    if best >= 0.7 and best - second >= 0.1:
        return label
    if len(_HAN.findall(key)) >= 4:
        started = {label for label in _labels() if _key(label).startswith(key)}
        if len(started) == 1:
            return started.pop()
    return text


def read_words(tesseract: str, gray, work: Path, page: int, height: int, glyph) -> list:
    """The words outside the tables, as glyphs (points, y up); a word's height is its line's."""
    import cv2

    path = work / f"p{page}-text.png"
    cv2.imwrite(str(path), gray)
    from gongkai.annualreport.readers.office import run

    out = run(
        [tesseract, str(path), "stdout", "-l", "chi_sim+eng", "--psm", "3", "tsv"],
        env=_env(),
        what="文字识别（OCR）",
        timeout=PAGE_TIMEOUT,
    ).decode("utf-8", "replace")
    lines: dict[tuple[str, ...], tuple[int, int]] = {}
    words = []
    for row in out.splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) < 12:
            continue
        level, key = parts[0], tuple(parts[1:5])
        left, top, w, h = (int(v) for v in parts[6:10])
        if level == "4":
            lines[key] = (top, h)
        elif level == "5" and parts[11].strip():
            words.append((key, left, w, parts[11].strip()))
    glyphs = []
    for key, left, w, text in words:
        top, h = lines.get(key, (0, 0))
        glyphs.append(glyph(text, left * PT, (left + w) * PT, (height - top - h) * PT, (height - top) * PT))
    return glyphs


def ocr_page(tesseract: str, image: Path, work: Path, page: int, glyph, seg) -> tuple[list, list]:
    """A page image → (glyphs, segments) for ``readers.pdf.page_lines``."""
    import cv2

    gray = cv2.imread(str(image), cv2.IMREAD_GRAYSCALE)
    if gray is None:
        raise ExtractError(f"扫描件第 {page + 1} 页的图像无法读取")
    gray = deskew(gray)
    height = gray.shape[0]
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    horizontal, vertical = ruling(binary)
    tables = grids(horizontal, vertical)
    segs: list = []
    glyphs: list = []
    text_only = gray.copy()
    for box in tables:
        x, y, w, h = box
        inside_h = horizontal.copy()
        inside_h[:, :] = 0
        inside_h[y : y + h, x : x + w] = horizontal[y : y + h, x : x + w]
        inside_v = vertical.copy()
        inside_v[:, :] = 0
        inside_v[y : y + h, x : x + w] = vertical[y : y + h, x : x + w]
        segs += _segments(inside_h, True, height, seg) + _segments(inside_v, False, height, seg)
        boxes = cells(horizontal, vertical, box)
        for (cx, cy, cw, ch), text in zip(
            boxes, read_cells(tesseract, gray, binary, boxes, work, page), strict=True
        ):
            if text:
                mx, my = (cx + cw / 2) * PT, (height - cy - ch / 2) * PT
                glyphs.append(glyph(text, mx - 0.5, mx + 0.5, my - 0.5, my + 0.5))
        text_only[max(y - 4, 0) : y + h + 4, max(x - 4, 0) : x + w + 4] = 255
    glyphs += read_words(tesseract, text_only, work, page, height, glyph)
    return glyphs, segs


def to_text(data: bytes) -> str:
    """The scanned PDF's text in the reader's contract; :class:`ExtractError` when it cannot be OCR'd."""
    from gongkai.annualreport.readers.office import run
    from gongkai.annualreport.readers.pdf import Glyph, Seg, page_lines

    tesseract, pdftoppm = tools()
    out: list[str] = []
    with tempfile.TemporaryDirectory(prefix="gongkai-scan-") as tmp:
        work = Path(tmp)
        source = work / "scan.pdf"
        source.write_bytes(data)
        run(
            [
                pdftoppm,
                "-r",
                str(DPI),
                "-gray",
                "-png",
                "-l",
                str(MAX_PAGES + 1),
                str(source),
                str(work / "page"),
            ],
            what="渲染扫描件页面",
            timeout=PAGE_TIMEOUT,
        )
        images = sorted(work.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        if len(images) > MAX_PAGES:
            raise ExtractError(f"扫描件超过 {MAX_PAGES} 页，文字识别（OCR）耗时过长，拒绝读取")
        if not images:
            raise ExtractError("PDF无文字层（扫描件），且页面无法渲染为图像，文件可能已损坏")
        for n, image in enumerate(images):
            glyphs, segs = ocr_page(tesseract, image, work, n, Glyph, Seg)
            out += page_lines(glyphs, segs)
    if not any(line.strip() for line in out):
        raise ExtractError("PDF无文字层（扫描件），文字识别（OCR）也未识别出文字，无法读取")
    return "".join(line + "\n" for line in out)


OCR = True  # the dispatcher reads this module's text with parse_text(…, ocr=True): numbers confirmed


def finish(report) -> None:
    """The agency, which no identity can confirm, is said to be OCR'd (the numbers were confirmed by
    ``readers.decoding`` through ``parse_text(…, ocr=True)``)."""
    from gongkai.annualreport.model import Problem

    if report.agency:
        message = f"机关名称“{report.agency}”由扫描件文字识别（OCR）得出，请核对"
        report.problems.append(Problem("agency", message, level="info"))
