"""The files a 主管部门 uploads to import reports published elsewhere: kinds, sizes, counts, ZIP archives.

A ZIP is opened and its members taken as files of the upload. Its directory is checked before anything is
inflated (member count, declared sizes, compression ratio: a ZIP bomb is refused), and what is inflated is
capped again, since the declared size may lie. A ZIP inside a ZIP is refused. Every refusal is a
`BadUpload` whose Chinese message names the file.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

MB = 1024 * 1024
KINDS = (".pdf", ".docx", ".doc", ".wps", ".html", ".htm", ".txt", ".ofd", ".json")  # what the reader reads
ARCHIVES = (".zip",)
MAX_FILES = 100  # report files in one import, ZIP members counted
MAX_FILE_BYTES = 20 * MB  # one report file (a long scanned PDF is ~10 MB)
MAX_TOTAL_BYTES = 200 * MB  # one import, inflated
MAX_ZIP_ENTRIES = 500  # entries of one archive, directories included
MAX_RATIO = 100  # a report file deflates at most ~10×; a bomb deflates 1000× and more


class BadUpload(ValueError):
    """An upload refused; the message (Chinese) names the file."""


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes
    size: int | None = None  # the size as received, when the content was not read (too large)

    @property
    def length(self) -> int:
        return len(self.content) if self.size is None else self.size


def _kind(name: str) -> str:
    return posixpath.splitext(name.lower())[1]


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name; archives made on Chinese Windows store GBK names without the UTF-8 flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _expand_zip(name: str, content: bytes, budget: int) -> list[Upload]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise BadUpload(f"文件“{name}”：ZIP压缩包已损坏或不完整，无法打开") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise BadUpload(f"文件“{name}”：压缩包内有{len(infos)}项，超过上限{MAX_ZIP_ENTRIES}项")
        members = []
        declared = 0
        for info in infos:
            member = _member_name(info)
            base = posixpath.basename(member.rstrip("/"))
            if info.is_dir() or member.startswith("__MACOSX/") or base.startswith("."):
                continue
            label = f"{name}/{member}"
            if _kind(member) in ARCHIVES:
                raise BadUpload(f"文件“{label}”：压缩包内不能再含压缩包")
            if _kind(member) not in KINDS:
                raise BadUpload(f"文件“{label}”：不支持的文件类型，请上传PDF、DOCX、HTML、TXT、OFD文件")
            if info.file_size > MAX_FILE_BYTES:
                raise BadUpload(
                    f"文件“{label}”：解压后{info.file_size // MB} MB，超过单个文件上限{MAX_FILE_BYTES // MB} MB"
                )
            if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
                ratio = info.file_size // info.compress_size
                raise BadUpload(f"文件“{label}”：压缩比异常（{ratio}倍），疑为压缩炸弹，拒绝导入")
            declared += info.file_size
            if declared > budget:
                raise BadUpload(f"文件“{name}”：解压后超过本次导入总量上限{MAX_TOTAL_BYTES // MB} MB")
            members.append((label, info))
        out = []
        for label, info in members:
            try:
                with archive.open(info) as stream:
                    data = stream.read(MAX_FILE_BYTES + 1)  # the declared size may lie: cap what we inflate
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
                raise BadUpload(f"文件“{label}”：无法解压，压缩包可能已损坏或加密") from None
            if len(data) > MAX_FILE_BYTES or len(data) > info.file_size:
                raise BadUpload(f"文件“{label}”：解压后的大小与压缩包记录不符，疑为压缩炸弹，拒绝导入")
            out.append(Upload(label, data))
    if not out:
        raise BadUpload(f"文件“{name}”：压缩包内没有可读取的报告文件")
    return out


def expand(files: list[Upload]) -> list[Upload]:
    """The report files of an upload, ZIPs opened; BadUpload for the first file refused."""
    if not files:
        raise BadUpload("请选择要导入的报告文件")
    out: list[Upload] = []
    total = 0
    for upload in files:
        kind = _kind(upload.name)
        if upload.length > MAX_FILE_BYTES:
            raise BadUpload(
                f"文件“{upload.name}”：{upload.length // MB} MB，超过单个文件上限{MAX_FILE_BYTES // MB} MB"
            )
        if not upload.content:
            raise BadUpload(f"文件“{upload.name}”：文件为空")
        if kind in ARCHIVES:
            members = _expand_zip(upload.name, upload.content, MAX_TOTAL_BYTES - total)
        elif kind in KINDS:
            members = [upload]
        else:
            raise BadUpload(
                f"文件“{upload.name}”：不支持的文件类型，请上传PDF、DOCX、HTML、TXT、OFD或ZIP文件"
            )
        out += members
        total += sum(len(m.content) for m in members)
        if len(out) > MAX_FILES:
            raise BadUpload(f"一次最多导入{MAX_FILES}个报告文件（含压缩包内的文件），请分批上传")
        if total > MAX_TOTAL_BYTES:
            raise BadUpload(
                f"文件“{upload.name}”：本次导入超过总量上限{MAX_TOTAL_BYTES // MB} MB，请分批上传"
            )
    return out
