"""Readers: a file on disk -> Document. Readers never judge."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

from ..model import Document
from .docx_reader import DocxReader
from .errors import ReadError
from .text_reader import decode, parse_text
from .zipguard import ZipLimits

TEXT_SUFFIXES = {".txt", ".md", ".text", ".tsv"}
DOCX_SUFFIXES = {".docx", ".docm", ".dotx"}
REPORT_SUFFIXES = TEXT_SUFFIXES | DOCX_SUFFIXES | {".doc"}
MAX_TEXT_BYTES = 200 * 1024 * 1024

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Files that sit beside reports in a folder but are not reports (a folder's own README,
# Word's "~$" lock files, hidden folders such as .git). Named explicitly, they are still read.
NOT_REPORT_STEMS = {"readme", "license", "licence", "changelog", "contributing"}


def is_report_file(path: Path, root: Optional[Path] = None) -> bool:
    """True when a file found by walking a folder should be checked as a report."""
    if path.suffix.lower() not in REPORT_SUFFIXES or path.name.startswith("~$"):
        return False
    if path.stem.lower() in NOT_REPORT_STEMS:
        return False
    parts = path.relative_to(root).parts[:-1] if root else ()
    return not any(part.startswith(".") for part in parts)


def read_document(path: str | os.PathLike, limits: Optional[ZipLimits] = None) -> Document:
    """Read a report. Raises ReadError with a clear one-line message on any bad input."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise ReadError(name, "không tìm thấy tệp (file not found)")
    if p.is_dir():
        raise ReadError(name, "đây là thư mục, không phải tệp (is a directory)")
    try:
        size = p.stat().st_size
        with open(p, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ReadError(name, f"không đọc được tệp ({exc.strerror or exc})") from None
    if size == 0:
        raise ReadError(name, "tệp rỗng (empty file)")
    suffix = p.suffix.lower()
    if head.startswith(OLE_MAGIC):
        return _read_ole(p, name, suffix, limits)
    if head.startswith(ZIP_MAGIC) or suffix in DOCX_SUFFIXES:
        if not head.startswith(ZIP_MAGIC):
            raise ReadError(name, "tệp không phải .docx hợp lệ (not a zip/docx file)")
        return DocxReader(name, limits).read()
    if suffix == ".doc":
        raise ReadError(name, _fake_doc_message(head, p))
    if suffix in TEXT_SUFFIXES or suffix == "":
        if size > MAX_TEXT_BYTES:
            raise ReadError(name, f"tệp văn bản quá lớn (text file over {MAX_TEXT_BYTES // 2**20} MB)")
        return parse_text(decode(p.read_bytes(), name), name)
    raise ReadError(name, f"định dạng không hỗ trợ (unsupported file type '{suffix}'; use .docx, .txt or .md)")


def _ole_has_stream(data: bytes, name: str) -> bool:
    """Directory entry names in an OLE container are UTF-16-LE, NUL-terminated."""
    return (name.encode("utf-16-le") + b"\0\0") in data


def _read_ole(p: Path, name: str, suffix: str, limits: Optional[ZipLimits]) -> Document:
    """An OLE container is either a legacy .doc or a password-protected .docx (or not Word at all)."""
    data = p.read_bytes()
    if _ole_has_stream(data, "EncryptedPackage") or _ole_has_stream(data, "EncryptionInfo"):
        raise ReadError(name, "tệp được bảo vệ bằng mật khẩu — hãy mở bằng Word, gỡ mật khẩu "
                              "(Tệp > Thông tin > Bảo vệ tài liệu) rồi kiểm tra lại "
                              "(password-protected/encrypted document)")
    if not _ole_has_stream(data, "WordDocument"):
        other = ("Excel" if _ole_has_stream(data, "Workbook") or _ole_has_stream(data, "Book")
                 else "PowerPoint" if _ole_has_stream(data, "PowerPoint Document") else "Office")
        raise ReadError(name, f"không phải tài liệu Word: đây là tệp {other} 97-2003 "
                              f"(OLE container without a WordDocument stream: not a Word file)")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise ReadError(name, "tệp Word 97-2003 (.doc) — hãy lưu lại thành .docx, hoặc cài LibreOffice "
                              "để rasoat tự chuyển đổi (legacy .doc: save as .docx or install LibreOffice)")
    with tempfile.TemporaryDirectory(prefix="rasoat-") as tmp:
        src = Path(tmp) / ("input" + (suffix or ".doc"))
        shutil.copyfile(p, src)  # convert a copy: the user's file is never touched
        try:
            subprocess.run([soffice, "--headless", "--convert-to", "docx", "--outdir", tmp, str(src)],
                           check=True, capture_output=True, timeout=180,
                           env={**os.environ, "HOME": tmp})
        except (subprocess.SubprocessError, OSError) as exc:
            raise ReadError(name, f"không chuyển được .doc sang .docx (LibreOffice conversion failed: {exc})") from None
        out = Path(tmp) / "input.docx"
        if not out.exists():
            raise ReadError(name, "không chuyển được .doc sang .docx (LibreOffice produced no output)")
        doc = DocxReader(str(out), limits).read()
    doc.path = name
    return doc


def _fake_doc_message(head: bytes, p: Path) -> str:
    """A '.doc' that is not a Word 97-2003 file: often RTF or a web page saved with that name."""
    try:
        with open(p, "rb") as fh:
            start = fh.read(512).lstrip().lower()
    except OSError:
        start = head.lower()
    if start.startswith(b"{\\rtf"):
        kind = "RTF (rich text format)"
    elif start.startswith((b"<html", b"<!doctype html", b"<?xml", b"mime-version")):
        kind = "HTML/MHT (web page)"
    else:
        kind = "không rõ định dạng (unknown format)"
    return (f"tệp .doc này thực ra là {kind} — hãy mở bằng Word và lưu lại thành .docx "
            f"(not a Word 97-2003 file; save as .docx)")


__all__ = ["read_document", "ReadError", "ZipLimits", "REPORT_SUFFIXES", "is_report_file", "parse_text"]
