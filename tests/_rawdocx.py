"""Build .docx files byte by byte (zip + WordprocessingML) for reader and bad-input tests.

python-docx cannot produce broken, hostile or unusual files; these helpers can.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path
from typing import Optional
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def p(text: str, ppr: str = "") -> str:
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def cell(inner: str, tcpr: str = "") -> str:
    return f"<w:tc>{tcpr}{inner or '<w:p/>'}</w:tc>"


def table(rows: list[list[str]], header: bool = False) -> str:
    out = ["<w:tbl>"]
    for i, row in enumerate(rows):
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header and i == 0 else ""
        out.append("<w:tr>" + trpr + "".join(cell(p(c)) for c in row) + "</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def document_xml(body: str, prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')


def docx_bytes(body: str = "", *, prolog: str = "", parts: Optional[dict[str, str | bytes]] = None,
               document: Optional[str | bytes] = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", document if document is not None else document_xml(body, prolog))
        for name, data in (parts or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def write_docx(path: Path, body: str = "", **kw) -> Path:
    path.write_bytes(docx_bytes(body, **kw))
    return path


def lie_about_size(data: bytes, member: str, size: int) -> bytes:
    """Patch a member's uncompressed size in its local header and the central directory."""
    out = bytearray(data)
    name = member.encode()
    pos = 0
    while True:
        pos = out.find(b"PK\x03\x04", pos)
        if pos < 0:
            break
        n_len, = struct.unpack_from("<H", out, pos + 26)
        if out[pos + 30:pos + 30 + n_len] == name:
            struct.pack_into("<I", out, pos + 22, size)
        pos += 4
    pos = 0
    while True:
        pos = out.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        n_len, = struct.unpack_from("<H", out, pos + 28)
        if out[pos + 46:pos + 46 + n_len] == name:
            struct.pack_into("<I", out, pos + 24, size)
        pos += 4
    return bytes(out)


def ole_container(streams: dict[str, bytes]) -> bytes:
    """A minimal, valid OLE compound file (v3, 512-byte sectors) holding ``streams``.

    Streams are stored in regular sectors (padded to 4096 bytes so no mini stream is needed).
    An Office file encrypted with a password is such a container with ``EncryptionInfo`` and
    ``EncryptedPackage`` streams.
    """
    end, free, fatsect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    names = list(streams)
    data_sectors: list[bytes] = []
    starts, sizes = [], []
    fat = [fatsect, end]  # sector 0: FAT, sector 1: directory
    for name in names:
        blob = streams[name]
        blob = blob + b"\0" * (max(4096, -(-len(blob) // 512) * 512) - len(blob))
        first = 2 + len(data_sectors)
        n = len(blob) // 512
        for k in range(n):
            fat.append(first + k + 1 if k < n - 1 else end)
            data_sectors.append(blob[k * 512:(k + 1) * 512])
        starts.append(first)
        sizes.append(len(blob))
    assert len(fat) <= 128 and len(names) <= 3
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = (name.encode("utf-16-le") + b"\0\0") if name else b""
        e = raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
        e += struct.pack("<III", nostream, right, child) + b"\0" * 16 + struct.pack("<I", 0) + b"\0" * 16
        return e + struct.pack("<IQ", start, size)

    entries = [entry("Root Entry", 5, 1 if names else nostream, nostream, end, 0)]
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else nostream
        entries.append(entry(name, 2, nostream, right, starts[i], sizes[i]))
    directory = b"".join(entries).ljust(512, b"\0")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    assert len(header) == 512
    return header + struct.pack("<128I", *fat) + directory + b"".join(data_sectors)


def encrypted_docx_bytes() -> bytes:
    """What Word writes for a .docx with a password to open: an OLE container, not a zip."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<encryption xmlns=\"http://schemas.microsoft.com/office/2006/encryption\"/>"
    return ole_container({"EncryptionInfo": info, "EncryptedPackage": struct.pack("<Q", 4096) + b"\x5a" * 4096})
