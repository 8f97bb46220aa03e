"""The message catalogues' upkeep: the interface's words extracted from the code (every ``_()``, ``N_()``
and ``ngettext()``) into ``locale/messages.pot``, and merged into each language's ``messages.po``, keeping
what translators wrote. ``python -m atlas catalogue`` runs both and lists the words still untranslated.

May import: ``atlas.i18n``, Babel.
"""
from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

from atlas.i18n import DEFAULT, DOMAIN, LANGUAGES, LOCALE_DIR, catalogue_path

ROOT = LOCALE_DIR.parent
# Where the interface's words are written: the entry file, the pages, and the code that builds what they show.
SOURCES = ("dashboard.py", "app_pages", "atlas", "geo")
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
COMMENT_TAGS = ("Translators:",)  # a comment so tagged, just above a word, reaches its translators
PROJECT = "Syria Statement Atlas"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"


def extract(root: Path = ROOT) -> Catalog:
    """Every word of the interface, with where it is written."""
    catalog = Catalog(project=PROJECT, domain=DOMAIN, charset="utf-8", fuzzy=False)
    for source in SOURCES:
        path = root / source
        if path.is_file():
            found = [(source, *m) for m in extract_from_file("python", str(path), keywords=KEYWORDS,
                                                              comment_tags=COMMENT_TAGS)]
        else:
            found = [(f"{source}/{name}", *m) for name, *m in extract_from_dir(str(path), keywords=KEYWORDS,
                                                                                 comment_tags=COMMENT_TAGS)]
        for filename, lineno, message, comments, context in found:
            catalog.add(message, locations=[(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def read(lang: str) -> Catalog:
    """The catalogue of ``lang`` as its translators keep it."""
    with catalogue_path(lang).open("rb") as po:
        return read_po(po, locale=lang, domain=DOMAIN)


def untranslated(catalog: Catalog) -> list[str]:
    """The words of ``catalog`` without a translation (or only a fuzzy guess)."""
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all((s or "").strip() for s in strings):
            missing.append(message.id[0] if isinstance(message.id, tuple) else message.id)
    return missing


def update(root: Path = ROOT) -> dict[str, list[str]]:
    """Extract the words into the template and merge it into each language's catalogue (new words added
    empty, words no longer used dropped); per language, the words still untranslated."""
    template = extract(root)
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    with TEMPLATE.open("wb") as out:
        write_po(out, template, width=120, sort_output=True)
    missing = {}
    for lang in LANGUAGES:
        if lang == DEFAULT:
            continue
        path = catalogue_path(lang)
        catalog = read(lang) if path.exists() else Catalog(locale=lang, domain=DOMAIN, charset="utf-8",
                                                           project=PROJECT, fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as out:
            write_po(out, catalog, width=120, sort_output=True, ignore_obsolete=True)
        missing[lang] = untranslated(catalog)
    return missing
