""".doc (Word 97–2003) and .wps (WPS Office) → text, through LibreOffice headless when it is installed.

The file is converted to DOCX (``soffice --headless --convert-to docx``) in a temporary directory with its
own LibreOffice user profile (``-env:UserInstallation``), so concurrent conversions (``--jobs``, several
users) do not share or lock one profile; the conversion is killed after ``TIMEOUT`` seconds. The DOCX is
then read by ``readers.docx`` with its size and zip-bomb checks. Without ``soffice`` on the PATH the error
names the missing converter.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from gongkai.annualreport.readers.extract import ExtractError

TIMEOUT = 120  # seconds; a 30-page report converts in 1–3 s (the first run of a new profile in ~2 s)
CONVERTERS = ("soffice", "libreoffice")
MISSING = (
    "读取 .doc/.wps 文件需要 LibreOffice 转换为 DOCX，但本机未安装（找不到 soffice 命令）；"
    "请安装 libreoffice-writer-nogui，或先把文件另存为 DOCX"
)


def converter() -> str | None:
    """The LibreOffice command on the PATH, or None."""
    for name in CONVERTERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def to_docx(data: bytes, suffix: str = ".doc") -> bytes:
    """The file converted to DOCX by LibreOffice; :class:`ExtractError` when it is missing or fails."""
    soffice = converter()
    if soffice is None:
        raise ExtractError(MISSING)
    with tempfile.TemporaryDirectory(prefix="gongkai-office-") as tmp:
        work = Path(tmp)
        source = work / f"input{suffix}"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        run(command, env={**os.environ, "HOME": tmp}, what="LibreOffice 转换")  # it may write to ~ too
        target = work / "out" / "input.docx"
        if not target.is_file() or target.stat().st_size == 0:
            raise ExtractError("LibreOffice 无法把该文件转换为 DOCX：不是 Word 或 WPS 文字文档，或文件已损坏")
        return target.read_bytes()


def run(command: list[str], *, env: dict | None = None, what: str, timeout: float = TIMEOUT) -> bytes:
    """Run a converter in its own process group, killed whole (with the children it started) after
    ``timeout`` seconds; its stdout. :class:`ExtractError` on timeout or when it cannot start."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,
        )
    except OSError as exc:
        raise ExtractError(f"无法运行 {Path(command[0]).name}（{exc.strerror or exc}）") from None
    try:
        out, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ExtractError(f"{what}超过 {timeout:g} 秒仍未完成，已中止；文件可能已损坏") from None
    return out


def to_text(data: bytes) -> str:
    from gongkai.annualreport.readers.docx import to_text as docx_to_text

    return docx_to_text(to_docx(data))
