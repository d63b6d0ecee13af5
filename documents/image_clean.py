"""Decode an image fully and write a fresh file: no metadata, nothing appended, upright.

Imports only Pillow, so it also runs as a child process, for large images:

    python -I image_clean.py MEMORY CPU MAX_PIXELS FORMAT OUTPUT

reads the image on stdin, writes the clean image to the file OUTPUT and prints one JSON
line: {"verdict": "ok" | "too-large" | "invalid"}. A 12-megapixel photo takes about 36 MB
once decoded, and more while it is turned and encoded again: in a child process that memory
is given back to the system at once, instead of staying with a web worker (documents/checks.py
decides which images go there).
"""

import json
import resource
import struct
import sys
import warnings
from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError

# What a corrupt or truncated image makes Pillow raise.
_BROKEN = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, struct.error)


class TooLarge(Exception):
    pass


class Invalid(Exception):
    pass


def pixels(data: bytes, pillow_format: str, max_pixels: int) -> int:
    """The image's pixel count, read from its header only; refuses more than `max_pixels`."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data), formats=[pillow_format]) as probe:
                width, height = probe.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise TooLarge from None
    except _BROKEN:
        raise Invalid from None
    if width * height > max_pixels:
        raise TooLarge
    return width * height


def clean(data: bytes, pillow_format: str, max_pixels: int) -> bytes:
    """The image decoded, turned upright and encoded again (JPEG quality 90, or PNG)."""
    pixels(data, pillow_format, max_pixels)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data), formats=[pillow_format]) as probe:
                probe.verify()
            with Image.open(BytesIO(data), formats=[pillow_format]) as image:
                image.load()
                # Phones record rotation in EXIF, which we drop: apply it to the pixels.
                upright = ImageOps.exif_transpose(image)
                fresh = _normalise_mode(upright, pillow_format)
                fresh.info = {}
                out = BytesIO()
                if pillow_format == "JPEG":
                    fresh.save(out, "JPEG", quality=90, optimize=True)
                else:
                    fresh.save(out, "PNG")
                return out.getvalue()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise TooLarge from None
    except _BROKEN:
        raise Invalid from None


def _normalise_mode(image: Image.Image, pillow_format: str) -> Image.Image:
    has_alpha = "A" in image.getbands() or "transparency" in image.info
    if pillow_format == "JPEG":
        return image if image.mode in ("L", "RGB") else image.convert("RGB")
    if image.mode in ("1", "L", "LA", "RGB", "RGBA") and "transparency" not in image.info:
        return image
    return image.convert("RGBA" if has_alpha else "RGB")


def main() -> None:
    memory, cpu_seconds, max_pixels = (int(value) for value in sys.argv[1:4])
    pillow_format, output = sys.argv[4], sys.argv[5]
    data = sys.stdin.buffer.read()
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    # It writes only the clean image, never more than a few times the upload.
    limit = 16 * len(data) + 1024 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        result = clean(data, pillow_format, max_pixels)
    except TooLarge:
        verdict = "too-large"
    except Invalid:
        verdict = "invalid"
    else:
        with open(output, "wb") as handle:
            handle.write(result)
        verdict = "ok"
    print(json.dumps({"verdict": verdict}))


if __name__ == "__main__":
    main()
