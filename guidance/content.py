"""Guidance content shipped with the code: guidance/content/<slug>.<lang>.md files.

Each file has YAML front matter (slug, title, summary, audience, order, updated_on, sources)
and a Markdown body. A file in a language the university does not write in (es, zh-hans, ar:
portal/languages.py) is a translation and also says `translated_from: en` (or `fr`) and
`translated_on: YYYY-MM-DD`; its sections carry the same anchors as the English file.
The data migrations load them so that a fresh install has every page;
`manage.py load_guidance_content --update` reloads them later. The loader takes the model
classes as arguments so that the migration can pass its historical models.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from guidance import markup
from portal import languages

CONTENT_DIR = Path(__file__).resolve().parent / "content"
REQUIRED_KEYS = ("slug", "title", "summary", "audience", "order", "updated_on", "sources")
TRANSLATION_KEYS = ("translated_from", "translated_on")


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
    translated_from: str = ""
    translated_on: date | None = None

    @property
    def anchors(self) -> list[str]:
        return [section.anchor for section in markup.sections(self.body)]


def _date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


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
    found = languages.get(language)
    if found is None:
        raise ContentError(f"{path.name}: {language!r} is not one of the portal's languages")
    translated_from, translated_on = "", None
    if found.translated_guidance:
        missing = [key for key in TRANSLATION_KEYS if not meta.get(key)]
        if missing:
            raise ContentError(f"{path.name}: a translation needs {', '.join(missing)}")
        translated_from = str(meta["translated_from"])
        original = languages.get(translated_from)
        if original is None or original.translated_guidance:
            raise ContentError(
                f"{path.name}: translated_from must be a language pages are written in "
                f"(en or fr), not {translated_from!r}"
            )
        try:
            translated_on = _date(meta["translated_on"])
        except ValueError:
            raise ContentError(f"{path.name}: translated_on is not a YYYY-MM-DD date") from None
    elif any(key in meta for key in TRANSLATION_KEYS):
        raise ContentError(f"{path.name}: English and French pages are not translations")
    updated_on = _date(meta["updated_on"])
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
        translated_from=translated_from,
        translated_on=translated_on,
    )


def anchor_problems(items: list[ContentFile]) -> list[str]:
    """Translations whose section anchors are not the English page's (posters link to them)."""
    english = {item.slug: item for item in items if item.language == "en"}
    problems = []
    for item in items:
        reference = english.get(item.slug)
        if reference is None or item.language == "en":
            continue
        if not (languages.BY_CODE[item.language].translated_guidance):
            continue
        mine, theirs = set(item.anchors), set(reference.anchors)
        if mine != theirs:
            problems.append(
                f"{item.path.name}: anchors differ from {reference.path.name}"
                f" (missing: {', '.join(sorted(theirs - mine)) or '-'};"
                f" unknown: {', '.join(sorted(mine - theirs)) or '-'})"
            )
    return problems


def read_all(directory: Path | None = None) -> list[ContentFile]:
    """Every content file, checked; a translation whose anchors differ stops the load."""
    directory = directory or CONTENT_DIR
    items = [parse(path) for path in sorted(directory.glob("*.*.md"))]
    problems = anchor_problems(items)
    if problems:
        raise ContentError("; ".join(problems))
    return items


def load(
    *,
    page_model,
    translation_model,
    directory: Path | None = None,
    update=False,
    languages_: tuple[str, ...] | None = None,
) -> int:
    """Create the pages and texts that do not exist yet (all of them with `update`).

    Without `update` an editor's changes are never overwritten, so running it twice is safe.
    `languages_` limits the load to those languages (a migration written before the others
    existed, whose historical model has no translation fields). Returns how many texts
    were written.
    """
    written = 0
    for item in read_all(directory):
        if languages_ is not None and item.language not in languages_:
            continue
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
        if item.translated_from:
            fields["translated_from"] = item.translated_from
            fields["translated_on"] = item.translated_on
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
