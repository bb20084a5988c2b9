"""Rendered pages for layout tests: LibreOffice (DOCX → PDF), pdftoppm (PDF → PNG), pdfminer (positions).

LibreOffice runs headless with a throw-away profile (``-env:UserInstallation``) so it never touches or
waits for a user's profile; all documents of a test module go through one ``soffice`` call (it is slow
to start).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "documents"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")
MM = 72 / 25.4


def docx_to_pdf(
    docx_files: list[Path], outdir: Path, profile: Path, env: dict[str, str] | None = None
) -> list[Path]:
    """PDFs of the DOCX files, exported by LibreOffice (one process for all of them); ``env`` is added to
    its environment (``FONTCONFIG_FILE``)."""
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, docx_files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )
    return [outdir / f"{f.stem}.pdf" for f in docx_files]


def page_images(pdf: Path, name: str, dpi: int = 50) -> list[Path]:
    """PNG images of every page in artifacts/documents/ (name-1.png …), and a contact sheet name.png."""
    from PIL import Image

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(
        [PDFTOPPM, "-r", str(dpi), "-png", str(pdf), str(ARTIFACTS / name)], check=True, timeout=120
    )
    pages = sorted(ARTIFACTS.glob(f"{name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    images = [Image.open(p) for p in pages]
    sheet = Image.new("RGB", (sum(i.width + 6 for i in images), max(i.height for i in images)), "gray")
    x = 0
    for image in images:
        sheet.paste(image, (x, 0))
        x += image.width + 6
    sheet.save(ARTIFACTS / f"{name}.png")
    return pages


@dataclass
class Line:
    """One baseline of glyphs on a page: its text (no spaces), left/right x, top y (from the page top,
    in points) and font size."""

    text: str
    x0: float
    x1: float
    top: float
    size: float


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


def _glyphs(layout) -> list:
    """A pdfminer page's visible glyphs, top to bottom and left to right."""
    from pdfminer.layout import LTChar, LTContainer

    glyphs = []
    stack = list(layout)
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            if obj.get_text().strip():
                glyphs.append(obj)
        elif isinstance(obj, LTContainer):
            stack.extend(obj)
    glyphs.sort(key=lambda g: (-round(g.y1, 0), g.x0))
    return glyphs


def pages(pdf: Path) -> list[Page]:
    """Every page's glyph lines, top to bottom (pdfminer, positions in points)."""
    from pdfminer.high_level import extract_pages

    out = []
    for number, layout in enumerate(extract_pages(str(pdf)), start=1):
        glyphs = _glyphs(layout)
        lines: list[list] = []
        for g in glyphs:
            if lines and abs(lines[-1][0].y1 - g.y1) < 1.5:
                lines[-1].append(g)
            else:
                lines.append([g])
        out.append(
            Page(
                number,
                layout.width,
                layout.height,
                [
                    Line(
                        "".join(g.get_text() for g in sorted(line, key=lambda g: g.x0)),
                        min(g.x0 for g in line),
                        max(g.x1 for g in line),
                        layout.height - max(g.y1 for g in line),
                        round(max(g.size for g in line), 1),
                    )
                    for line in lines
                ],
            )
        )
    return out


def line_fonts(pdf: Path) -> list[tuple[str, str]]:
    """(text, font name) of every line of glyphs in one font, in page order (subset prefix dropped)."""
    from pdfminer.high_level import extract_pages

    out: list[tuple[str, str]] = []
    for layout in extract_pages(str(pdf)):
        glyphs = _glyphs(layout)
        line: list = []
        for g in [*glyphs, None]:
            if line and (g is None or abs(line[-1].y1 - g.y1) >= 1.5 or g.fontname != line[-1].fontname):
                out.append(("".join(c.get_text() for c in line), line[0].fontname.split("+", 1)[-1]))
                line = []
            if g is not None:
                line.append(g)
    return out


def fonts(pdf: Path) -> set[str]:
    """The base names of the fonts the PDF embeds (subset prefix dropped)."""
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(str(pdf)).pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+", 1)[-1])
    return names


def page_cells(pdf: Path) -> list[list[str]]:
    """Each page's table cells and text lines, as the PDF reader rebuilds them from the ruling lines
    (a wrapped label is one cell), page by page."""
    from gongkai.annualreport.readers import pdf as reader

    return [
        [cell for line in page for cell in line.split("\t")] for page in reader.read_pages(pdf.read_bytes())
    ]
