"""Attachment checks: size limit and a type recognised from the file's first bytes, not its name."""

from __future__ import annotations

import zipfile

from django.core.exceptions import ValidationError

_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # .doc / .xls
)
LABELS = {"pdf": "PDF", "png": "PNG图片", "jpeg": "JPEG图片", "docx": "Word文档", "xlsx": "Excel表格",
          "doc": "Word文档", "xls": "Excel表格", "ofd": "OFD版式文件", "zip": "ZIP压缩包"}  # fmt: skip


def sniff(upload) -> str | None:
    """The file's type from its content, or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind == "ole":
                name = (getattr(upload, "name", "") or "").lower()
                return "xls" if name.endswith(".xls") else "doc"
            return kind
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "OFD.xml" in names:
            return "ofd"
        return "zip"
    return None


def check(upload, *, max_bytes: int, allowed: tuple[str, ...]) -> str:
    """The type of an acceptable upload, else ValidationError naming the field 附件."""
    if upload.size > max_bytes:
        raise ValidationError(
            {"attachment": f"附件“{upload.name}”超过大小上限 {max_bytes // (1024 * 1024)} MB"}
        )
    kind = sniff(upload)
    if kind is None or kind not in allowed:
        names = "、".join(LABELS.get(k, k) for k in allowed)
        raise ValidationError(
            {"attachment": f"附件“{upload.name}”的文件类型不被接受（按内容识别），仅限：{names}"}
        )
    return kind
