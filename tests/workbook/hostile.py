"""Hostile files for the reader: each one damaged in its own way."""

import io
import struct
import zipfile

from tests.workbook.helpers import PROJECTS, xlsx

CSV = (
    b"project_ref,name,project_type,sector_type,intake_date\nP-1,Shop,creation,market,2024-01-15\n"
)


def csv_zip(members: dict[str, bytes], compression=zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _local_headers(data: bytes):
    """Offsets of the local file headers and of the central directory entries."""
    local = [i for i in range(len(data)) if data.startswith(b"PK\x03\x04", i)]
    central = [i for i in range(len(data)) if data.startswith(b"PK\x01\x02", i)]
    return local, central


def with_bad_crc(data: bytes, member: int = 0) -> bytes:
    """The stored CRC of a member no longer matches its content."""
    local, central = _local_headers(data)
    out = bytearray(data)
    for offset in (local[member] + 14, central[member] + 16):
        (crc,) = struct.unpack_from("<I", out, offset)
        struct.pack_into("<I", out, offset, crc ^ 0xFFFFFFFF)
    return bytes(out)


def with_compression(data: bytes, method: int, member: int = 0) -> bytes:
    """A member that claims a compression method (9: Deflate64, which Python lacks)."""
    local, central = _local_headers(data)
    out = bytearray(data)
    struct.pack_into("<H", out, local[member] + 8, method)
    struct.pack_into("<H", out, central[member] + 10, method)
    return bytes(out)


def encrypted(data: bytes, member: int = 0) -> bytes:
    """A member flagged as encrypted (a password-protected zip)."""
    local, central = _local_headers(data)
    out = bytearray(data)
    for offset in (local[member] + 6, central[member] + 8):
        (flags,) = struct.unpack_from("<H", out, offset)
        struct.pack_into("<H", out, offset, flags | 0x1)
    return bytes(out)


def truncated(data: bytes, keep: float = 0.6) -> bytes:
    return data[: int(len(data) * keep)]


def member_index(data: bytes, name: str) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [info.filename for info in archive.infolist()].index(name)


def good_xlsx() -> bytes:
    return xlsx({"projects": PROJECTS})


def hostile_files() -> dict[str, tuple[str, bytes]]:
    """{case: (file name, content)}."""
    book = good_xlsx()
    sheet = member_index(book, "xl/worksheets/sheet1.xml")
    workbook_xml = member_index(book, "xl/workbook.xml")
    zipped = csv_zip({"projects.csv": CSV})
    deflated = csv_zip({"projects.csv": CSV}, zipfile.ZIP_DEFLATED)
    huge_field = b"project_ref,name\nP-1," + b'"' + b"x" * 200_000 + b'"\n'
    return {
        "zip bad crc": ("book.zip", with_bad_crc(zipped)),
        "zip unsupported compression": ("book.zip", with_compression(zipped, 9)),
        "zip encrypted member": ("book.zip", encrypted(zipped)),
        "zip csv field over the limit": ("book.zip", csv_zip({"projects.csv": huge_field})),
        "zip truncated": ("book.zip", truncated(deflated)),
        "zip csv with nul bytes": ("book.zip", csv_zip({"projects.csv": CSV + b"P-2,\x00,x\n"})),
        "zip unknown compression number": ("book.zip", with_compression(zipped, 77)),
        "xlsx sheet bad crc": ("book.xlsx", with_bad_crc(book, sheet)),
        "xlsx workbook bad crc": ("book.xlsx", with_bad_crc(book, workbook_xml)),
        "xlsx sheet unsupported compression": ("book.xlsx", with_compression(book, 9, sheet)),
        "xlsx workbook unsupported compression": (
            "book.xlsx",
            with_compression(book, 9, workbook_xml),
        ),
        "xlsx sheet encrypted": ("book.xlsx", encrypted(book, sheet)),
        "xlsx workbook encrypted": ("book.xlsx", encrypted(book, workbook_xml)),
        "xlsx truncated": ("book.xlsx", truncated(book)),
        "xlsx without its workbook part": (
            "book.xlsx",
            csv_zip({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": b"<x/>"}),
        ),
        "xlsx with broken xml": (
            "book.xlsx",
            _replace_member(book, "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row"),
        ),
        "xlsx entity expansion": (
            "book.xlsx",
            _replace_member(
                book,
                "xl/workbook.xml",
                b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
                b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><workbook>&c;</workbook>',
            ),
        ),
        "empty file": ("book.xlsx", b""),
        "a zip inside": ("book.zip", csv_zip({"inner.zip": zipped})),
    }


def _replace_member(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, content if info.filename == name else source.read(info))
    return buffer.getvalue()
