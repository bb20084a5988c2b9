"""Fuzz the report reader: `python bench/fuzz.py [--count 100000] [--seed 1] [--workers 2] [--out DIR]`.

Inputs are made from a corpus (the five seeds, each also written by our writers as HTML, DOCX, JSON and
Markdown; the committed HTML, DOCX, PDF and text fixtures; small PDFs written here) by the mutators of
the security review: text (bit flips, byte sets, truncation, line deletion/duplication/swaps/merges, digit
rewrites: random, 17 and 40 digits, full-width, thousands separators, signs, decimals, Chinese numerals,
units, dashes; year games, tab games, junk Unicode, re-encodings to GB18030/UTF-16/UTF-32/Big5, splices,
chunk repeats), JSON (type swaps, big integers and decimals, NaN/Infinity, deep arrays), HTML (deep nesting,
colspan/rowspan abuse, huge tables, charset games, digit entities, unclosed markup), DOCX (zip damage, XML
mutation and re-zip, entity attacks, deep content controls, honest and lying zip bombs, big XML, many
entries, flags, missing or duplicate parts), PDF (byte damage, content mutation, xref/Length damage,
glyph, segment, rectangle, grid, comment and deflate bombs, /Kids loops, many pages, deep arrays,
/Encrypt), huge inputs (5 MB repeats, 1.99 M-character texts) and binary junk with magic prefixes.
Input ``i`` depends only on ``(seed, i)``, so a run is reproducible and any input can be remade.

Each input is read by ``readers.read`` with the default budget in a forked child of a worker (one child
per input), so that its peak memory (the child's ``ru_maxrss``) and time are its own. Reported:

* crashes: any exception other than the reader's refusal (``UnreadableError``), or a child that died;
* over budget: a read or refusal that took longer than the time budget (plus 10 % for the last check to
  fire) or whose process peaked above the memory budget; timings depend on the machine's load, so the
  test (tests/annualreport/test_fuzz.py) asserts the deterministic caps instead;
* refused by the deadline (not by a deterministic cap), and by which cap the others were refused;
* peak memory (largest peak resident size of a reading process, and the largest growth during a read);
* fabricated numbers: a number in the report that is not written in the input (``numbers_oracle``).

Crashing, over-budget and fabricating inputs are written to ``--out`` (default /tmp/gongkai-fuzz).
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import random
import resource
import select
import sys
import time
import traceback
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gongkai.annualreport.readers import Budget, UnreadableError, read  # noqa: E402
from gongkai.annualreport.readers.limits import LimitExceeded, resident_bytes  # noqa: E402
from numbers_oracle import fabricated  # noqa: E402

HARD_KILL = 30.0  # s: a child still running then is killed and counted as a crash


@dataclass
class Case:
    index: int
    kind: str  # the family of the input: text, json, html, docx, pdf, bomb, huge, junk
    mutator: str
    data: bytes | str


# --- corpus -------------------------------------------------------------------------------------------


def pdf_file(contents: list[bytes], extra: bytes = b"", compress: bool = True) -> bytes:
    """A minimal PDF: one page per content stream, Helvetica as F1."""
    n = len(contents)
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(n))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d %s>>" % (kids, n, extra),
    ]
    font = 3 + 2 * n
    for i, content in enumerate(contents):
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >>"
            b" /Contents %d 0 R >>" % (font, 4 + 2 * i)
        )
        body = zlib.compress(content, 9) if compress else content
        filt = b" /Filter /FlateDecode" if compress else b""
        objs.append(b"<< /Length %d%s >>\nstream\n" % (len(body), filt) + body + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def _text_pdf(lines: list[str]) -> bytes:
    """A text PDF (ASCII only: Helvetica) with a small ruled table, for content mutation."""
    ops = [b"BT /F1 10 Tf"]
    y = 800
    for line in lines:
        ops.append(b"1 0 0 1 40 %d Tm (%s) Tj" % (y, line.encode("latin-1", "replace")))
        y -= 14
    ops.append(b"ET")
    for r in range(6):
        ops.append(b"40 %d m 400 %d l S" % (300 - r * 20, 300 - r * 20))
    for c in range(5):
        ops.append(b"%d 200 m %d 300 l S" % (40 + c * 90, 40 + c * 90))
    return pdf_file([b"\n".join(ops)])


def corpus() -> dict[str, list[tuple[str, bytes | str]]]:
    """(name, data) by format."""
    from gongkai.annualreport.writers import write

    out: dict[str, list[tuple[str, bytes | str]]] = {k: [] for k in ("text", "json", "html", "docx", "pdf")}
    for path in sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "reader").glob("*")):
        text = path.read_text("utf-8")
        out["text"].append((path.name, text))
        if path.parent.name == "seeds":
            report = read(text, budget=Budget(seconds=60))
            out["json"].append((path.name + ".json", write(report, "json")))
            out["text"].append((path.name + ".md", write(report, "md")))
            out["html"].append((path.name + ".html", write(report, "html")))
            out["docx"].append((path.name + ".docx", write(report, "docx")))
    for path in sorted((FIXTURES / "unseen").glob("*")) + sorted(FIXTURES.glob("*/*.*")):
        kind = {".txt": "text", ".md": "text", ".html": "html", ".docx": "docx", ".pdf": "pdf"}.get(
            path.suffix
        )
        if kind and path.parent.name not in ("seeds", "reader"):
            out[kind].append((path.name, path.read_bytes() if kind != "text" else path.read_text("utf-8")))
    out["pdf"].append(
        ("ascii.pdf", _text_pdf(["2023 Annual Report", "Total 12 345 0.35", "2024-01-20", "1,234 5 6 7"]))
    )
    return out


# --- mutators -----------------------------------------------------------------------------------------

NUMBER_FORMS = [
    lambda r: str(r.randrange(10 ** r.randrange(1, 6))),
    lambda r: "".join(r.choice("0123456789") for _ in range(40)),
    lambda r: "12345678901234567",
    lambda r: "9007199254740993",
    lambda r: "9" * r.choice([309, 400, 5000]),
    lambda r: str(r.randrange(1000)).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    lambda r: f"{r.randrange(10**7):,}",
    lambda r: r.choice("+-−") + str(r.randrange(100)),
    lambda r: f"{r.randrange(1000)}.{r.randrange(1000):03d}",
    lambda r: r.choice(["三", "十二", "二〇二三", "一百"]),
    lambda r: str(r.randrange(100)) + r.choice(["件", "万元", "万", "个", "%", "元"]),
    lambda r: r.choice(["-", "—", "/", "无", "空", "~"]),
    lambda r: r.choice(["٣٣", "३३", "²", "½", "Ⅻ", "1e5", "0x1F", "inf", "nan", "1_000"]),
    lambda r: r.choice(["20231", "0367", "261180273", "9999", "1066", "二十二三", "2O23"]),
]


def _digit_rewrite(r: random.Random, text: str) -> str:
    spots = [i for i, c in enumerate(text) if c.isdigit()]
    for _ in range(r.randint(1, 6)):
        if not spots:
            break
        i = r.choice(spots)
        j = i
        while j < len(text) and text[j].isdigit():
            j += 1
        text = text[:i] + r.choice(NUMBER_FORMS)(r) + text[j:]
        spots = [k for k, c in enumerate(text) if c.isdigit()]
    return text


def _year_game(r: random.Random, text: str) -> str:
    years = [i for i in range(len(text) - 4) if text[i : i + 4].isdigit() and text[i + 4 : i + 5] == "年"]
    if not years:
        return text
    i = r.choice(years)
    form = r.choice(["prefix", "suffix", "cn", "far", "fw"])
    if form == "prefix":
        return text[:i] + str(r.randrange(10)) + text[i:]
    if form == "suffix":
        return text[: i + 4] + str(r.randrange(10)) + text[i + 4 :]
    if form == "cn":
        return (
            text[:i]
            + text[i : i + 4].translate(str.maketrans("0123456789", "〇一二三四五六七八九"))
            + text[i + 4 :]
        )
    if form == "fw":
        return (
            text[:i]
            + text[i : i + 4].translate(str.maketrans("0123456789", "０１２３４５６７８９"))
            + text[i + 4 :]
        )
    return text[:i] + r.choice(["1066", "9999", "0001", "2101", "1989"]) + text[i + 4 :]


def _lines(r: random.Random, text: str) -> str:
    lines = text.split("\n")
    if len(lines) < 3:
        return text
    op = r.choice(["delete", "duplicate", "swap", "merge", "tabs", "shuffle-block"])
    i, j = r.randrange(len(lines)), r.randrange(len(lines))
    if op == "delete":
        del lines[min(i, j) : max(i, j) + 1][: r.randint(1, 20)]
    elif op == "duplicate":
        lines[i:i] = lines[i : i + r.randint(1, 30)] * r.randint(1, 5)
    elif op == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "merge" and i + 1 < len(lines):
        lines[i : i + 2] = [lines[i] + r.choice(["", "\t", " ", "|"]) + lines[i + 1]]
    elif op == "tabs":
        lines[i] = r.choice(["\t", "\t\t\t", "|", " ", "\u3000", "\xa0"]).join(lines[i].split())
    else:
        block = lines[i : i + 40]
        r.shuffle(block)
        lines[i : i + 40] = block
    return "\n".join(lines)


JUNK = [
    "\ufeff",
    "\u202e",
    "\u200b",
    "\x00",
    "\ud800",
    "\U0010ffff",
    "\ufffe",
    "\u2028",
    "\x1b[31m",
    "𠀀",
    "é",
    "\r",
]


def mutate_text(r: random.Random, text: str, others: list[str]) -> tuple[str, str | bytes]:
    op = r.choice(
        ["digits", "digits", "digits", "year", "lines", "lines", "junk", "truncate", "splice", "repeat", "bytes",
         "encode", "encode", "bitflip"]
    )  # fmt: skip
    if op == "digits":
        return op, _digit_rewrite(r, text)
    if op == "year":
        return op, _year_game(r, text)
    if op == "lines":
        return op, _lines(r, text)
    if op == "junk":
        i = r.randrange(len(text) + 1)
        return op, text[:i] + "".join(r.choice(JUNK) for _ in range(r.randint(1, 10))) + text[i:]
    if op == "truncate":
        return op, text[: r.randrange(len(text) + 1)]
    if op == "splice":
        other = r.choice(others)
        return op, text[: r.randrange(len(text) + 1)] + other[r.randrange(len(other) + 1) :]
    if op == "repeat":
        i = r.randrange(len(text) + 1)
        return op, text[:i] + text[i : i + r.randint(1, 2000)] * r.randint(2, 50) + text[i:]
    data = text.encode("utf-8", "surrogatepass")
    if op == "encode":
        codec = r.choice(["gb18030", "utf-16", "utf-16-le", "utf-32", "big5", "utf-8-sig", "latin-1"])
        return f"encode-{codec}", text.encode(codec, "replace")
    if op == "bitflip":
        return op, _bytes_damage(r, data)
    return op, data


def _bytes_damage(r: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    if not b:
        return bytes(b)
    for _ in range(r.randint(1, 20)):
        i = r.randrange(len(b))
        op = r.randrange(4)
        if op == 0:
            b[i] ^= 1 << r.randrange(8)
        elif op == 1:
            b[i] = r.randrange(256)
        elif op == 2:
            del b[i : i + r.randint(1, 64)]
        else:
            b[i:i] = bytes(r.randrange(256) for _ in range(r.randint(1, 16)))
        if not b:
            break
    return bytes(b)


def mutate_json(r: random.Random, text: str) -> tuple[str, str]:
    data = json.loads(text)
    op = r.choice(["swap", "bigint", "bigdecimal", "nonfinite", "deep", "amount-string", "digits", "year"])
    if op == "deep":
        depth = r.choice([100, 1000, 100_000])
        return op, text.replace('"reviews":', '"reviews": ' + "[" * depth + "]" * depth + ', "x":', 1)
    cells = [(path, node) for path, node in _json_cells(data)]
    path, (parent, key) = r.choice(cells) if cells else ("", ({}, ""))
    if op == "swap":
        parent[key] = r.choice(["5", True, [1], {"a": 1}, -1, 1.5, None, "", 10**30])
    elif op == "bigint":
        parent[key] = r.choice([10**17 + 1, 2**53 + 1, 10**300, 9007199254740993])
    elif op == "nonfinite":
        return op, json.dumps(data, ensure_ascii=False).replace(
            f'"{key}": {json.dumps(parent[key])}', f'"{key}": {r.choice(["Infinity", "-Infinity", "NaN"])}', 1
        )
    elif op == "bigdecimal":
        number = "12345678901234567.123456789" if r.random() < 0.5 else "0.1000000000000000055511151231257827"
        return op, json.dumps(data, ensure_ascii=False).replace(
            '"amount_wan_yuan": ' + json.dumps(_amount(data)), '"amount_wan_yuan": ' + number, 1
        )
    elif op == "amount-string":
        return op, json.dumps(data, ensure_ascii=False).replace(
            '"amount_wan_yuan": ' + json.dumps(_amount(data)),
            '"amount_wan_yuan": ' + json.dumps(r.choice(["12.5", "1e5", "abc", "99999999999999999999.5"])),
            1,
        )
    elif op == "year":
        data["year"] = r.choice([20231, 231, "2023", 2023.0, 1066, 9999, True])
    else:
        return op, _digit_rewrite(r, text)
    return op, json.dumps(data, ensure_ascii=False)


def _amount(data: dict):
    try:
        return data["proactive"]["fees"]["amount_wan_yuan"]
    except (KeyError, TypeError):
        return None


def _json_cells(node, prefix=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, dict | list):
                yield from _json_cells(value, f"{prefix}.{key}")
            elif isinstance(value, int | float) or value is None:
                yield f"{prefix}.{key}", (node, key)


def mutate_html(r: random.Random, page: str, text_corpus: list[str]) -> tuple[str, str | bytes]:
    op = r.choice(["text", "text", "deep", "spans", "bigtable", "charset", "entities", "unclosed", "bytes"])
    if op == "text":
        _, mutated = mutate_text(r, page, text_corpus)
        return "html-text", mutated
    if op == "deep":
        depth = r.choice([300, 5000, 100_000])
        tag = r.choice(["div", "span", "table><tr><td", "font"])
        return op, page.replace("<body>", "<body>" + f"<{tag}>" * depth, 1)
    if op == "spans":
        attr = r.choice(
            ['colspan="1000"', 'rowspan="100000"', 'colspan="-1"', 'colspan="abc"', 'rowspan="0"']
        )
        return op, page.replace("<td", "<td " + attr, r.randint(1, 50))
    if op == "bigtable":
        rows = r.choice([1000, 20_000, 100_000])
        row = "<tr><td>行政规范性文件</td><td>3</td><td>1</td><td>12</td></tr>"
        return op, page.replace("</body>", "<table>" + row * rows + "</table></body>", 1)
    if op == "charset":
        codec = r.choice(["gb2312", "gbk", "big5", "utf-16", "shift_jis", "nonsense"])
        head = f'<meta charset="{codec}">'
        body = page.replace("<head>", "<head>" + head, 1)
        try:
            return op, body.encode(codec if codec != "nonsense" else "gb18030", "replace")
        except LookupError:
            return op, body.encode("utf-8")
    if op == "entities":
        return op, "".join(f"&#{ord(c)};" if c.isdigit() and r.random() < 0.5 else c for c in page)
    if op == "unclosed":
        cut = r.randrange(len(page) + 1)
        return op, page[:cut].replace("</td>", "", r.randint(0, 100)) + "<table><tr><td>"
    return op, _bytes_damage(r, page.encode("utf-8"))


def _zip(parts: list[tuple[str, bytes]], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in parts:
            archive.writestr(name, data)
    return buffer.getvalue()


def mutate_docx(r: random.Random, data: bytes, text_corpus: list[str]) -> tuple[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    index = next((i for i, (name, _) in enumerate(parts) if name == "word/document.xml"), 0)
    xml = parts[index][1]
    op = r.choice(["xml-text", "xml-text", "zip-damage", "entities", "sdt", "bomb", "lying-bomb", "bigxml",
                   "entries", "flags", "missing", "duplicate", "utf16"])  # fmt: skip
    if op == "xml-text":
        _, mutated = mutate_text(r, xml.decode("utf-8", "replace"), text_corpus)
        parts[index] = (
            "word/document.xml",
            mutated if isinstance(mutated, bytes) else mutated.encode("utf-8", "replace"),
        )
        return op, _zip(parts)
    if op == "zip-damage":
        return op, _bytes_damage(r, data)
    if op == "entities":
        laughs = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">' + b"".join(
            b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10) for i in range(8)
        )
        xxe = b'<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        body = xml.split(b"?>", 1)[-1].replace(b"<w:t>", b"<w:t>&i;&x;", 1)
        parts[index] = ("word/document.xml", laughs + xxe + body)
        return op, _zip(parts)
    if op == "sdt":
        depth = r.choice([100, 20_000])
        body = xml.replace(b"<w:body>", b"<w:body>" + b"<w:sdt><w:sdtContent>" * depth, 1)
        parts[index] = ("word/document.xml", body)
        return op, _zip(parts)
    if op in ("bomb", "lying-bomb"):
        size = r.choice([30, 100]) * 2**20
        parts[index] = ("word/document.xml", xml + b" " * size)
        bomb = _zip(parts)
        if op == "lying-bomb":  # declared sizes rewritten small: the stream inflates past them
            bomb = bomb.replace((len(xml) + size).to_bytes(4, "little"), (len(xml)).to_bytes(4, "little"))
        return op, bomb
    if op == "bigxml":
        size = r.choice([2, 5, 7, 19])
        para = xml[xml.find(b"<w:p>") : xml.find(b"</w:p>") + 6] or b"<w:p><w:r><w:t>1</w:t></w:r></w:p>"
        body = xml.replace(b"</w:body>", para * (size * 2**20 // max(len(para), 1)) + b"</w:body>", 1)
        parts[index] = ("word/document.xml", body)
        return f"bigxml-{size}MB", _zip(parts)
    if op == "entries":
        return op, _zip(parts + [(f"word/media/x{i}.bin", b"") for i in range(r.choice([1000, 60_000]))])
    if op == "flags":
        b = bytearray(data)
        for at in range(len(b) - 4):
            if b[at : at + 4] in (b"PK\x03\x04", b"PK\x01\x02"):
                off = at + (6 if b[at + 2] == 3 else 8)
                b[off] |= r.choice([1, 8, 0x40])
                if r.random() < 0.5:
                    b[off + 2] = r.choice([12, 14, 99])
        return op, bytes(b)
    if op == "missing":
        return op, _zip([p for p in parts if p[0] != "word/document.xml"])
    if op == "duplicate":
        return op, _zip(parts + [("word/document.xml", b"<w:document/>")])
    body = xml.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    parts[index] = ("word/document.xml", body.encode("utf-16"))
    return op, _zip(parts)


def mutate_pdf(r: random.Random, data: bytes) -> tuple[str, bytes]:
    op = r.choice(
        ["damage", "damage", "content", "xref", "length", "kids", "pages", "arrays", "encrypt", "repeat"]
    )
    if op == "damage":
        return op, _bytes_damage(r, data)
    if op == "content":
        lines = [
            "2023 Report",
            "Total " + r.choice(NUMBER_FORMS)(r).encode("ascii", "replace").decode(),
            "(x) Tj",
        ]
        ops = _text_pdf(lines)
        return op, _bytes_damage(r, ops) if r.random() < 0.5 else ops
    if op == "xref":
        return op, data.replace(b"xref", b"xref\n0 999999999", 1) if r.random() < 0.5 else data.replace(
            b"startxref", b"", 1
        )
    if op == "length":
        return op, data.replace(
            b"/Length ", b"/Length 9" if r.random() < 0.5 else b"/Length -", r.randint(1, 5)
        )
    if op == "kids":
        return op, pdf_file([b"BT /F1 10 Tf 40 800 Td (2023) Tj ET"], extra=b"/Parent 2 0 R ").replace(
            b"/Kids [3 0 R]", b"/Kids [3 0 R 2 0 R 1 0 R]"
        )
    if op == "pages":
        return op, pdf_file([b"BT /F1 10 Tf 40 800 Td (%d) Tj ET" % i for i in range(r.choice([150, 2000]))])
    if op == "arrays":
        depth = r.choice([1000, 100_000])
        return op, data.replace(b"/MediaBox", b"/Junk " + b"[" * depth + b"]" * depth + b" /MediaBox", 1)
    if op == "encrypt":
        return op, data.replace(
            b"/Root", b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >> /Root", 1
        )
    i = r.randrange(len(data))
    return op, data[:i] + data[i : i + 4096] * r.randint(2, 100) + data[i:]


HEAD = b"BT /F1 12 Tf 72 720 Td (2023) Tj ET\n"


_BOMBS: dict[int, tuple[str, bytes]] = {}  # bombs are costly to make (up to 300 MB deflated): 40, made once
BOMB_VARIANTS = 40


def bomb(r: random.Random) -> tuple[str, bytes]:
    variant = r.randrange(BOMB_VARIANTS)
    if variant not in _BOMBS:
        _BOMBS[variant] = _bomb(random.Random(f"bomb:{variant}"))
    return _BOMBS[variant]


def _bomb(r: random.Random) -> tuple[str, bytes]:
    op = r.choice(["glyphs", "glyphs-small", "deflate", "comment", "lines", "rects", "spaced-rects", "grid",
                   "form-loop", "lzw", "docx-honest"])  # fmt: skip
    if op == "glyphs":
        return op, pdf_file([b"BT /F1 1 Tf 10 800 Td (" + b"1" * 1_500_000 + b") Tj ET"])
    if op == "glyphs-small":
        return op, pdf_file([b"BT /F1 1 Tf 10 800 Td (" + b"1" * 400_000 + b") Tj ET"])
    if op == "deflate":
        return op, pdf_file([HEAD + b"%" + b" " * (r.choice([20, 100, 300]) * 2**20)])
    if op == "comment":
        return op, pdf_file([HEAD + b"%" + b"x" * (r.choice([3, 20]) * 2**20)])
    if op == "lines":
        return op, pdf_file([HEAD + b"10 10 m 20 20 l S\n" * (20 * 2**20 // 18)])
    if op == "rects":
        n = r.choice([5000, 20_000])
        return op, pdf_file(
            [HEAD + b"".join(b"%d %d 2 2 re S\n" % (10 + (i % 250) * 2, 10 + i // 250 * 2) for i in range(n))]
        )
    if op == "spaced-rects":
        return op, pdf_file(
            [
                HEAD
                + b"".join(b"%d %d 2 2 re S\n" % (10 + (i % 100) * 5, 10 + i // 100 * 5) for i in range(3900))
            ]
        )
    if op == "grid":
        h = b"".join(b"10 %d m 580 %d l S\n" % (10 + i, 10 + i) for i in range(800))
        v = b"".join(b"%d 10 m %d 830 l S\n" % (10 + i, 10 + i) for i in range(500))
        return op, pdf_file([HEAD + h + v])
    if op == "form-loop":
        return op, pdf_file([HEAD + b"/X1 Do\n" * 100_000])
    if op == "lzw":
        return op, pdf_file([HEAD], compress=False).replace(b"/Length", b"/Filter /LZWDecode /Length", 1)
    return op, _zip([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b" " * (100 * 2**20))])


def huge(r: random.Random, texts: list[str]) -> tuple[str, str | bytes]:
    op = r.choice(["repeat-5MB", "one-line", "headings", "table-rows", "labels", "cells", "paragraphs"])
    base = r.choice(texts)
    if op == "repeat-5MB":
        return op, (base * (5 * 2**20 // max(len(base.encode()), 1) + 1)).encode()
    if op == "one-line":
        return op, "一、总体情况" + "1" * 1_990_000
    unit = {
        "headings": "一、总体情况\n",
        "table-rows": "规章\t0\t0\t0\n",
        "labels": "行政规范性文件\n",
        "cells": "\t0\n\n",
        "paragraphs": "这是一段很长的正文，用来测试读取速度。\n",
    }[op]
    return op, base + unit * (1_990_000 // len(unit) - len(base) // len(unit) - 1)


def junk(r: random.Random) -> tuple[str, bytes]:
    magic = r.choice(
        [b"%PDF-1.4\n", b"PK\x03\x04", b"<html>", b'{"applications":', b"\xef\xbb\xbf", b"\xff\xfe", b""]
    )
    return "junk", magic + bytes(r.randrange(256) for _ in range(r.choice([10, 1000, 50_000])))


KINDS = [("text", 40), ("json", 8), ("html", 12), ("docx", 12), ("pdf", 12), ("bomb", 3), ("huge", 2), ("junk", 5),
         ("seed", 6)]  # fmt: skip


def make_case(index: int, seed: int, pool: dict) -> Case:
    r = random.Random(f"{seed}:{index}")
    kind = r.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    texts = [t for _, t in pool["text"]]
    if kind == "seed":
        fmt = r.choice(["text", "json", "html", "docx", "pdf"])
        name, data = r.choice(pool[fmt])
        return Case(index, fmt, "none:" + name, data)
    if kind == "text":
        name, text = r.choice(pool["text"])
        op, data = mutate_text(r, text, texts)
        if isinstance(data, str) and r.random() < 0.9:
            data = data.encode("utf-8", "replace")
        return Case(index, kind, f"{op}:{name}", data)
    if kind == "json":
        name, text = r.choice(pool["json"])
        op, data = mutate_json(r, text)
        return Case(index, kind, f"{op}:{name}", data)
    if kind == "html":
        name, page = r.choice(pool["html"])
        page = page if isinstance(page, str) else page.decode("utf-8", "replace")
        op, data = mutate_html(r, page, texts)
        return Case(
            index, kind, f"{op}:{name}", data if isinstance(data, bytes) else data.encode("utf-8", "replace")
        )
    if kind == "docx":
        name, data = r.choice(pool["docx"])
        op, out = mutate_docx(r, data, texts)
        return Case(index, kind, f"{op}:{name}", out)
    if kind == "pdf":
        name, data = r.choice(pool["pdf"])
        op, out = mutate_pdf(r, data)
        return Case(index, kind, f"{op}:{name}", out)
    if kind == "bomb":
        op, out = bomb(r)
        return Case(index, kind, op, out)
    if kind == "huge":
        op, out = huge(r, texts)
        return Case(index, kind, op, out)
    op, out = junk(r)
    return Case(index, kind, op, out)


# --- running ------------------------------------------------------------------------------------------


def _as_text(data: bytes | str) -> str:
    from gongkai.annualreport.readers import decode

    return data if isinstance(data, str) else decode(data)[0]


def _oracle_text(data: bytes | str) -> str | None:
    """The input's text, as the numbers in it are compared (the reader's extraction for HTML/DOCX/PDF)."""
    from gongkai.annualreport.readers import decode

    if isinstance(data, str):
        return data
    head = data[:1024]
    try:
        if b"%PDF-" in head:
            from gongkai.annualreport.readers.pdf import to_text
        elif data.startswith(b"PK\x03\x04"):
            from gongkai.annualreport.readers.docx import to_text
        else:
            text, _ = decode(data)
            if "<" not in text[:4096]:
                return text
            from gongkai.annualreport.readers.html import to_text
        return to_text(data)
    except Exception:  # noqa: BLE001 - the oracle's own extraction may fail where the reader refused
        return None


_EXTRACTED: list[str] = []


def capture_extraction() -> None:
    """Keep what the HTML/DOCX/PDF extractors return (in the reading child only), so that the oracle sees
    the same text without extracting it a second time."""
    import importlib

    for name in ("html", "docx", "pdf"):
        module = importlib.import_module(f"gongkai.annualreport.readers.{name}")
        original = module.to_text

        def to_text(data, _original=original):
            text = _original(data)
            _EXTRACTED.append(text)
            return text

        module.to_text = to_text


def read_one(case: Case, budget: Budget, captured: bool = False) -> dict:
    """Read one input in this process: the outcome, the cap that refused it, its time, fabricated numbers."""
    _EXTRACTED.clear()
    start = time.perf_counter()
    result: dict = {"index": case.index, "kind": case.kind, "mutator": case.mutator}
    try:
        report = read(case.data, budget=budget)
    except LimitExceeded as refusal:
        result.update(outcome="refused", cap=refusal.cap, message=str(refusal)[:200])
    except UnreadableError as refusal:
        result.update(outcome="refused", cap=None, message=str(refusal)[:200])
    except BaseException as error:  # noqa: BLE001 - a crash is what we look for
        result.update(
            outcome="crash",
            error=f"{type(error).__name__}: {error}"[:300],
            trace=traceback.format_exc()[-2000:],
        )
    else:
        result["outcome"] = "read"
        elapsed = time.perf_counter() - start
        if captured:  # the text the reader parsed: what an extractor gave, else the input decoded as text
            text = _EXTRACTED[-1] if _EXTRACTED else _as_text(case.data)
        else:
            text = _oracle_text(case.data)
        result["fabricated"] = fabricated(report, text) if text is not None else []
        result["seconds"] = elapsed
        return result
    result["seconds"] = time.perf_counter() - start
    return result


def run_forked(case: Case, budget: Budget) -> dict:
    """Read ``case`` in a forked child; add its peak resident size (and growth) from ``wait4``."""
    before = resident_bytes() or 0
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(rfd)
        try:
            capture_extraction()
            payload = json.dumps(
                read_one(case, budget, captured=True), ensure_ascii=False, default=str
            ).encode()
        except BaseException as error:  # noqa: BLE001
            payload = json.dumps({"index": case.index, "outcome": "crash", "error": repr(error)}).encode()
        with os.fdopen(wfd, "wb") as pipe:
            pipe.write(payload)
        os._exit(0)
    os.close(wfd)
    chunks, deadline = [], time.monotonic() + HARD_KILL
    with os.fdopen(rfd, "rb") as pipe:
        while True:
            ready, _, _ = select.select([pipe], [], [], max(deadline - time.monotonic(), 0))
            if not ready:
                os.kill(pid, 9)
                break
            chunk = os.read(pipe.fileno(), 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    _, status, usage = os.wait4(pid, 0)
    try:
        result = json.loads(b"".join(chunks))
    except ValueError:
        result = {"index": case.index, "kind": case.kind, "mutator": case.mutator, "outcome": "crash",
                  "error": f"child died (status {status})", "seconds": HARD_KILL}  # fmt: skip
    result["peak_bytes"] = usage.ru_maxrss * 1024
    result["growth_bytes"] = max(usage.ru_maxrss * 1024 - before, 0)
    return result


def worker(number: int, workers: int, count: int, seed: int, pool: dict, budget: Budget, out: Path) -> None:
    with (out / f"results-{number}.jsonl").open("w") as sink:
        for index in range(number, count, workers):
            case = make_case(index, seed, pool)
            result = run_forked(case, budget)
            sink.write(json.dumps(result, ensure_ascii=False) + "\n")
            sink.flush()  # a partial run can be summarised: --summarise DIR
            if _notable(result, budget):
                suffix = ".txt" if isinstance(case.data, str) else ".bin"
                data = case.data.encode("utf-8", "surrogatepass") if isinstance(case.data, str) else case.data
                (out / "inputs" / f"{index:06d}-{case.kind}{suffix}").write_bytes(data)


def _over_time(result: dict, budget: Budget) -> bool:
    return result.get("seconds", 0) > budget.seconds * 1.1


def _over_memory(result: dict, budget: Budget) -> bool:
    return result.get("peak_bytes", 0) > budget.memory_mb * 2**20


def _notable(result: dict, budget: Budget) -> bool:
    return (
        result["outcome"] == "crash"
        or bool(result.get("fabricated"))
        or _over_time(result, budget)
        or _over_memory(result, budget)
    )


def run(count: int, seed: int, workers: int, out: Path, budget: Budget | None = None) -> dict:
    """Run ``count`` inputs on ``workers`` processes; the summary (also written to ``out/summary.json``)."""
    # Our parsers are what is fuzzed: inputs that would go to LibreOffice or Tesseract (junk with an OLE
    # header, PDFs without text) are refused instead of starting them; those programs run with their own
    # timeouts and are fuzzed by their own projects.
    budget = dataclasses.replace(budget or Budget.from_env(), converters=False)
    (out / "inputs").mkdir(parents=True, exist_ok=True)
    pool = corpus()
    started = time.perf_counter()
    pids = []
    for number in range(workers):
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                worker(number, workers, count, seed, pool, budget, out)
            except BaseException:  # noqa: BLE001
                traceback.print_exc()
                code = 1
            os._exit(code)
        pids.append(pid)
    failed = [pid for pid in pids if os.waitpid(pid, 0)[1] != 0]
    results = []
    for number in range(workers):
        path = out / f"results-{number}.jsonl"
        results += [json.loads(line) for line in path.read_text().splitlines()]
    summary = summarise(results, budget, time.perf_counter() - started)
    summary["worker_failures"] = len(failed)
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2))
    return summary


def recheck(results: list[dict], seed: int) -> None:
    """Read again (in a child, as the run did) each input a run said fabricated a number, and keep the new
    verdict: for a run made by an older harness whose oracle was since corrected."""
    pool = corpus()
    for result in results:
        if result.get("fabricated"):
            again = run_forked(make_case(result["index"], seed, pool), Budget(seconds=600))
            result["fabricated"] = again.get("fabricated", [])
            result["rechecked"] = True


def summarise(results: list[dict], budget: Budget, seconds: float) -> dict:
    crashes = [r for r in results if r["outcome"] == "crash"]
    fabricated_ = [r for r in results if r.get("fabricated")]
    over_time = [r for r in results if _over_time(r, budget)]
    over_memory = [r for r in results if _over_memory(r, budget)]
    peak = max(results, key=lambda r: r.get("peak_bytes", 0))
    growth = max(results, key=lambda r: r.get("growth_bytes", 0))
    slowest = max(results, key=lambda r: r.get("seconds", 0))
    return {
        "inputs": len(results),
        "seconds": round(seconds, 1),
        "budget": {"seconds": budget.seconds, "memory_mb": budget.memory_mb},
        "by_kind": dict(Counter(r["kind"] for r in results)),
        "outcomes": dict(Counter(r["outcome"] for r in results)),
        "refused_by_cap": dict(
            Counter(r.get("cap") or "other" for r in results if r["outcome"] == "refused")
        ),
        "crashes": len(crashes),
        "over_budget": len({r["index"] for r in over_time + over_memory}),
        "over_time": len(over_time),
        "over_memory": len(over_memory),
        "refused_by_deadline": sum(1 for r in results if r.get("cap") == "seconds"),
        "fabricated": len(fabricated_),
        "peak_memory_mb": round(peak.get("peak_bytes", 0) / 2**20, 1),
        "peak_memory_input": f"{peak['index']} {peak['kind']} {peak['mutator']}",
        "largest_growth_mb": round(growth.get("growth_bytes", 0) / 2**20, 1),
        "slowest_seconds": round(slowest.get("seconds", 0), 3),
        "slowest_input": f"{slowest['index']} {slowest['kind']} {slowest['mutator']}",
        "crash_examples": [
            f"{r['index']} {r['kind']} {r['mutator']}: {r.get('error')}" for r in crashes[:10]
        ],
        "fabricated_examples": [
            f"{r['index']} {r['kind']} {r['mutator']}: {r['fabricated'][:3]}" for r in fabricated_[:10]
        ],
        "over_budget_examples": [
            f"{r['index']} {r['kind']} {r['mutator']}: {r.get('seconds', 0):.2f} s, {r.get('peak_bytes', 0) / 2**20:.0f} MB"
            for r in (over_time + over_memory)[:10]
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--out", type=Path, default=Path("/tmp/gongkai-fuzz"))
    parser.add_argument("--summarise", action="store_true", help="summarise the results already in --out")
    parser.add_argument(
        "--recheck", action="store_true", help="with --summarise: read the fabricating inputs again"
    )
    args = parser.parse_args(argv)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if args.summarise:
        results = [json.loads(line) for path in args.out.glob("results-*.jsonl") for line in path.open()]
        if args.recheck:
            recheck(results, args.seed)
        summary = summarise(results, Budget.from_env(), 0.0)
    else:
        summary = run(args.count, args.seed, args.workers, args.out)
    for key in ("inputs", "seconds", "by_kind", "outcomes", "refused_by_cap", "crashes", "over_budget",
                "over_time", "over_memory", "refused_by_deadline", "fabricated", "peak_memory_mb",
                "peak_memory_input", "largest_growth_mb", "slowest_seconds", "slowest_input"):  # fmt: skip
        print(f"{key}: {summary[key]}")
    for key in ("crash_examples", "fabricated_examples", "over_budget_examples"):
        for line in summary[key]:
            print(f"{key[:-9]}: {line}")
    print(f"inputs that crashed, fabricated or went over budget: {args.out / 'inputs'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
