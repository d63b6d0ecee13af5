"""QR codes for the campus health service's posters and link kit."""

import io

import segno


def qr_svg(url: str) -> bytes:
    """An SVG QR code of `url` that scales to its box (no fixed size; 4-module quiet zone)."""
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", xmldecl=False, omitsize=True, border=4, scale=1, title=url)
    return buffer.getvalue()
