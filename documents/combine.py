"""One ready-to-upload PDF per document: its pages and photos in order, on A4.

The official site takes one PDF per document slot. Photos are placed on an A4 page (turned
landscape for landscape photos) at DOCUMENT_COMBINED_PDF_DPI with JPEG compression, which
keeps the file small; PDF pages are appended as they are. The inputs already passed the
upload checks, so pypdf reads them here in the web process.
"""

from io import BytesIO

from django.conf import settings
from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter

from documents.models import DocumentPage, DocumentVersion, FileType

A4_INCHES = (210 / 25.4, 297 / 25.4)
MARGIN_INCHES = 0.4


def combined_pdf(version: DocumentVersion) -> bytes:
    """The version's stored files combined into one PDF, in their upload order."""
    writer = PdfWriter()
    pages = version.pages.exclude(file="").order_by("position")
    for page in pages:
        data = _read(page)
        if page.file_type == FileType.PDF:
            writer.append(PdfReader(BytesIO(data)), import_outline=False)
        else:
            writer.append(PdfReader(BytesIO(image_on_a4(data))))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _read(page: DocumentPage) -> bytes:
    with page.file.open("rb") as handle:
        return handle.read()


def image_on_a4(data: bytes, *, dpi: int | None = None) -> bytes:
    """A one-page PDF with the image centred on A4, scaled to fit inside the margins."""
    dpi = dpi or settings.DOCUMENT_COMBINED_PDF_DPI
    with Image.open(BytesIO(data)) as image:
        image.load()
        picture = image.convert("L" if image.mode in ("1", "L", "LA") else "RGB")
    width, height = (round(side * dpi) for side in A4_INCHES)
    if picture.width > picture.height:
        width, height = height, width
    margin = round(MARGIN_INCHES * dpi)
    picture = ImageOps.contain(picture, (width - 2 * margin, height - 2 * margin))
    sheet = Image.new(picture.mode, (width, height), "white")
    sheet.paste(picture, ((width - picture.width) // 2, (height - picture.height) // 2))
    out = BytesIO()
    sheet.save(out, "PDF", resolution=dpi, quality=80)
    return out.getvalue()
