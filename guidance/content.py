"""Guidance content shipped with the code: guidance/content/<slug>.<lang>.md files.

Each file has YAML front matter (slug, title, summary, audience, order, updated_on, sources)
and a Markdown body. The data migration loads them so that a fresh install has every page;
`manage.py load_guidance_content --update` reloads them later. The loader takes the model
classes as arguments so that the migration can pass its historical models.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from guidance import markup

CONTENT_DIR = Path(__file__).resolve().parent / "content"
REQUIRED_KEYS = ("slug", "title", "summary", "audience", "order", "updated_on", "sources")


class ContentError(ValueError):
    pass


@dataclass(frozen=True)
class ContentFile:
    path: Path
    slug: str
    language: str
    title: str
    summary: str
    audience: str
    order: int
    updated_on: date
    sources: list[dict]
    body: str


def parse(path: Path) -> ContentFile:
    """One content file: front matter checked, body kept as Markdown."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise ContentError(f"{path.name}: no front matter")
    try:
        front, body = text[4:].split("\n---\n", 1)
    except ValueError:
        raise ContentError(f"{path.name}: front matter is not closed") from None
    meta = yaml.safe_load(front) or {}
    missing = [key for key in REQUIRED_KEYS if key not in meta]
    if missing:
        raise ContentError(f"{path.name}: missing {', '.join(missing)}")
    slug, _dot, language = path.name.removesuffix(".md").rpartition(".")
    if meta["slug"] != slug:
        raise ContentError(f"{path.name}: slug {meta['slug']!r} does not match the file name")
    updated_on = meta["updated_on"]
    if not isinstance(updated_on, date):
        updated_on = date.fromisoformat(str(updated_on))
    sources = [{"title": str(s["title"]), "url": str(s["url"])} for s in meta["sources"] or []]
    return ContentFile(
        path=path,
        slug=slug,
        language=language,
        title=str(meta["title"]).strip(),
        summary=str(meta["summary"]).strip(),
        audience=str(meta["audience"]),
        order=int(meta["order"]),
        updated_on=updated_on,
        sources=sources,
        body=body.strip() + "\n",
    )


def read_all(directory: Path = CONTENT_DIR) -> list[ContentFile]:
    return [parse(path) for path in sorted(directory.glob("*.*.md"))]


def load(*, page_model, translation_model, directory: Path = CONTENT_DIR, update=False) -> int:
    """Create the pages and texts that do not exist yet (all of them with `update`).

    Without `update` an editor's changes are never overwritten, so running it twice is safe.
    Returns how many texts were written.
    """
    written = 0
    for item in read_all(directory):
        page, _created = page_model.objects.get_or_create(
            slug=item.slug, defaults={"audience": item.audience, "order": item.order}
        )
        fields = {
            "title": item.title,
            "summary": item.summary,
            "body": item.body,
            "updated_on": item.updated_on,
            "sources": item.sources,
            # Set here as well as in PageTranslation.save(): historical models have no save().
            "body_html": markup.render(item.body),
            "sections": [
                {"anchor": section.anchor, "title": section.title}
                for section in markup.sections(item.body)
            ],
        }
        text = translation_model.objects.filter(page=page, language=item.language).first()
        if text is None:
            translation_model.objects.create(page=page, language=item.language, **fields)
        elif update:
            if page.audience != item.audience or page.order != item.order:
                page.audience, page.order = item.audience, item.order
                page.save(update_fields=["audience", "order"])
            for name, value in fields.items():
                setattr(text, name, value)
            text.save()
        else:
            continue
        written += 1
    return written


FACTS_FILE = CONTENT_DIR / "facts.yaml"
FACT_KEYS = ("key", "statement", "source_title", "checked_on", "confidence", "pages")


def read_facts(path: Path = FACTS_FILE) -> list[dict]:
    """The facts the pages state (guidance/content/facts.yaml), checked."""
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    facts = []
    for item in items:
        missing = [key for key in FACT_KEYS if key not in item]
        if missing:
            raise ContentError(f"{path.name}: fact {item.get('key')!r} misses {missing}")
        for name in ("checked_on", "valid_until"):
            value = item.get(name)
            if value is not None and not isinstance(value, date):
                item[name] = date.fromisoformat(str(value))
        facts.append(item)
    return facts


def load_facts(*, fact_model, page_model, path: Path = FACTS_FILE, update=False) -> int:
    """Create the facts that do not exist yet (all of them with `update`), linked to pages."""
    written = 0
    pages = {page.slug: page for page in page_model.objects.all()}
    for item in read_facts(path):
        fields = {
            "statement": item["statement"].strip(),
            "source_title": item["source_title"].strip(),
            "source_url": item.get("source_url") or "",
            "checked_on": item["checked_on"],
            "valid_until": item.get("valid_until"),
            "confidence": item["confidence"],
        }
        fact = fact_model.objects.filter(key=item["key"]).first()
        if fact is None:
            fact = fact_model.objects.create(key=item["key"], **fields)
        elif update:
            for name, value in fields.items():
                setattr(fact, name, value)
            fact.save()
        else:
            continue
        fact.pages.set([pages[slug] for slug in item["pages"] if slug in pages])
        written += 1
    return written
