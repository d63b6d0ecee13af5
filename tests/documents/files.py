"""Real and hostile files, built in the tests (SECURITY.md rows 22–33)."""

import io
import struct
import zipfile
import zlib

from PIL import ExifTags, Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript, PageTrigger
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

MiB = 1024 * 1024


def _write(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    return _write(writer)


def pdf_of_size(size: int) -> bytes:
    """A valid one-page PDF of exactly `size` bytes (padded with an unused stream)."""
    padding = size - len(pdf()) - 100
    for _ in range(5):
        writer = PdfWriter()
        writer.add_blank_page(595, 842)
        stream = StreamObject()
        stream.set_data(b"0" * padding)
        writer.root_object[NameObject("/Padding")] = writer._add_object(stream)
        data = _write(writer)
        if len(data) == size:
            return data
        padding += size - len(data)
    raise AssertionError("could not build a PDF of the exact size")


def pdf_with_document_javascript() -> bytes:
    """What pypdf's old add_js() made: a document-level JavaScript name tree."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_open_action(JavaScript("app.alert('hello');"))
    return _write(writer)


def pdf_with_open_action_javascript() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert(1)"),
        }
    )
    return _write(writer)


def pdf_with_open_action_to_page() -> bytes:
    """An OpenAction that only opens page 1 fitted to the window, as word processors write."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    writer.root_object[NameObject("/OpenAction")] = ArrayObject(
        [page.indirect_reference, NameObject("/Fit")]
    )
    return _write(writer)


def pdf_with_launch_action() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
            NameObject("/A"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/Launch"),
                    NameObject("/F"): TextStringObject("calc.exe"),
                }
            ),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    return _write(writer)


def pdf_with_page_open_script() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.pages[0].add_action(PageTrigger.OPEN, JavaScript("app.alert(2)"))
    return _write(writer)


def pdf_with_embedded_file() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("invoice.exe", b"MZ\x90\x00")
    return _write(writer)


def pdf_with_xfa() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    xfa = StreamObject()
    xfa.set_data(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'/>")
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): writer._add_object(xfa)}
    )
    return _write(writer)


def pdf_with_rich_media() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/RichMedia"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    return _write(writer)


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    return _write(writer)


def pdf_with_compression_bomb(decoded_size: int = 300 * MiB) -> bytes:
    """A small PDF whose page content inflates to hundreds of megabytes."""
    compressor = zlib.compressobj(9)
    chunk = b"0" * MiB
    compressed = b"".join(compressor.compress(chunk) for _ in range(decoded_size // MiB))
    compressed += compressor.flush()
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    stream = StreamObject()
    stream._data = compressed
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    return _write(writer)


def jpeg(size=(320, 200), colour="teal", *, gps: bool = False) -> bytes:
    image = Image.new("RGB", size, colour)
    out = io.BytesIO()
    if gps:
        exif = Image.Exif()
        exif[ExifTags.Base.Make] = "PhoneMaker"
        gps_ifd = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps_ifd[ExifTags.GPS.GPSLatitudeRef] = "N"
        gps_ifd[ExifTags.GPS.GPSLatitude] = (48.0, 51.0, 24.0)
        gps_ifd[ExifTags.GPS.GPSLongitudeRef] = "E"
        gps_ifd[ExifTags.GPS.GPSLongitude] = (2.0, 21.0, 3.0)
        image.save(out, "JPEG", exif=exif)
    else:
        image.save(out, "JPEG")
    return out.getvalue()


def png(size=(300, 400), colour="navy") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def polyglot_jpeg() -> bytes:
    """A JPEG with HTML and a ZIP appended after the end-of-image marker."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("payload.html", "<script>alert(document.cookie)</script>")
    return jpeg() + b"<html><script>alert(document.cookie)</script></html>" + archive.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def pixel_flood_png(width: int = 50_000, height: int = 50_000) -> bytes:
    """A tiny PNG whose header claims 50,000 × 50,000 pixels (2.5 gigapixels)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + _png_chunk(b"IEND", b"")
    )


def zip_archive() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("passport.pdf", pdf())
    return out.getvalue()


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Override PartName="/word/document.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"'
            "/></Types>",
        )
        zf.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


PHP = b"<?php system($_GET['cmd']); ?>\n"
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
