"""Inspect one PDF in a child process: `python -I pdf_inspect.py MEMORY CPU MAX_PAGES MAX_DECODED`.

Reads the PDF on stdin and prints one JSON line: {"verdict": "ok", "pages": n} or
{"verdict": "encrypted" | "active-content" | "broken" | "too-complex" | "too-many-pages"}.

It runs apart from the web worker, under an address-space and CPU limit set before pypdf is
imported, and the parent kills it after a wall-clock timeout: a hostile PDF (a parser bug, a
compression bomb, a reference loop) can only kill this process. It imports nothing from
Django, so it starts in a fraction of a second.
"""

import json
import resource
import sys
from io import BytesIO

# Keys and action types that make a PDF do something when opened or clicked, or carry other
# files (OWASP File Upload Cheat Sheet; SECURITY.md row 29).
ACTIVE_KEYS = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/AA",
        "/Launch",
        "/EmbeddedFiles",
        "/EF",
        "/XFA",
        "/RichMedia",
        "/RichMediaContent",
    }
)
ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/GoToE",
        "/ImportData",
        "/SubmitForm",
        "/ResetForm",
        "/RichMediaExecute",
        "/Rendition",
        "/Movie",
        "/Sound",
    }
)
ACTIVE_SUBTYPES = frozenset({"/RichMedia", "/FileAttachment", "/Movie", "/Sound", "/Screen"})
MAX_OBJECTS = 200_000


class Verdict(Exception):
    def __init__(self, verdict: str):
        super().__init__(verdict)
        self.verdict = verdict


def limit_resources(memory: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    # It only reads stdin and writes stdout: no file of its own.
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def find_active_content(roots) -> None:
    """Walk every object reachable from the trailer's entries; raise on anything active."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack = list(roots)
    visited = 0
    while stack:
        node = stack.pop()
        visited += 1
        if visited > MAX_OBJECTS:
            raise Verdict("too-complex")
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            if ACTIVE_KEYS.intersection(node.keys()):
                raise Verdict("active-content")
            action_type = _resolve(node.get("/S"))
            if action_type in ACTIVE_ACTIONS or _resolve(node.get("/Subtype")) in ACTIVE_SUBTYPES:
                raise Verdict("active-content")
            open_action = node.get("/OpenAction")
            if open_action is not None:
                # A destination (open at page 1, fit width) is what word processors and
                # scanners write; an action dictionary other than GoTo is refused.
                target = open_action.get_object()
                if isinstance(target, DictionaryObject) and _resolve(target.get("/S")) != "/GoTo":
                    raise Verdict("active-content")
            for name, value in node.items():
                if name not in ("/Parent", "/P"):
                    stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)


def _resolve(value):
    return value.get_object() if value is not None else None


def inspect(data: bytes, *, max_pages: int, max_decoded: int) -> dict:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise Verdict("encrypted")
        trailer = {k: v for k, v in reader.trailer.items() if k != "/Encrypt"}
        find_active_content(trailer.values())
        page_count = len(reader.pages)
        if page_count == 0:
            raise Verdict("broken")
        if page_count > max_pages:
            raise Verdict("too-many-pages")
        decoded = 0
        for page in reader.pages:
            _ = page.mediabox
            contents = page.get_contents()
            if contents is not None:
                decoded += len(contents.get_data())
                if decoded > max_decoded:
                    raise Verdict("too-complex")
    except Verdict as verdict:
        return {"verdict": verdict.verdict}
    except (LimitReachedError, MemoryError, RecursionError):
        return {"verdict": "too-complex"}
    except Exception:  # noqa: BLE001 - any parser failure means the file is not a usable PDF
        return {"verdict": "broken"}
    return {"verdict": "ok", "pages": page_count}


def main() -> None:
    memory, cpu_seconds, max_pages, max_decoded = (int(arg) for arg in sys.argv[1:5])
    limit_resources(memory, cpu_seconds)
    data = sys.stdin.buffer.read()
    result = inspect(data, max_pages=max_pages, max_decoded=max_decoded)
    sys.stdout.write(json.dumps(result))


if __name__ == "__main__":
    main()
