"""The dataset's schema, read from data/datapackage.json: the one source of truth.

Field names, types, required fields, vocabularies, keys and references all come
from the descriptor; the validator and the loader read them from here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from atlas import i18n

DESCRIPTOR = "datapackage.json"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple | None = None
    pattern: str | None = None
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    reference: tuple[str, str] | None = None  # (resource, field) this field points at
    # the field it gives in another language (``x-translation-of``, e.g. title_ar of title): a file may leave
    # such a column out, every version then missing
    translation_of: str | None = None

    @property
    def is_list(self) -> bool:
        return self.type == "list"


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: str

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True)
class Schema:
    descriptor: dict
    resources: tuple[Resource, ...]

    def resource(self, name: str) -> Resource:
        return next(r for r in self.resources if r.name == name)

    @property
    def vocabularies(self) -> dict:
        return self.descriptor.get("x-vocabularies", {})

    def vocabulary_names(self, lang: str) -> dict[str, dict[str, str]]:
        """The names of the vocabularies' codes in ``lang`` (``x-vocabulary-names``; the ACLED event types and
        sub-event types under ``event_type`` and ``sub_event_type``)."""
        return self.descriptor.get("x-vocabulary-names", {}).get(lang, {})

    def term(self, vocabulary: str, code: str, lang: str | None = None) -> str:
        """A code's name as pages and downloads show it, never the code itself, in ``lang`` (the language in
        force by default). In Arabic, its name in ``x-vocabulary-names``. In English, where every definition
        of the vocabulary opens with a name and a colon ("Civilian protection: keeping civilians..."), that
        name; otherwise the code in words, cased as its definition opens ("partly-met" -> "Partly met",
        "un-document" -> "UN document")."""
        code = str(code)
        named = self.vocabulary_names(lang or i18n.current()).get(vocabulary, {})
        if code in named:
            return named[code]
        terms = self.vocabularies.get(vocabulary, {})
        if code in terms and all(":" in text.split(". ")[0] for text in terms.values()):
            return terms[code].split(":")[0]
        words = code.replace("-", " ").replace("_", " ")
        opening = terms.get(code, "")[:len(words)]
        return opening if opening.lower() == words.lower() else words[:1].upper() + words[1:]

    @property
    def acled_event_types(self) -> dict[str, list[str]]:
        return self.descriptor.get("x-acled-event-types", {})


def _field(raw: dict, foreign: dict[str, tuple[str, str]]) -> Field:
    cons = raw.get("constraints", {})
    ref = raw.get("references")
    reference = (ref["resource"], ref["field"]) if ref else foreign.get(raw["name"])
    enum = cons.get("enum")
    return Field(
        name=raw["name"], type=raw["type"], description=raw.get("description", ""),
        required=bool(cons.get("required")), unique=bool(cons.get("unique")),
        enum=tuple(enum) if enum is not None else None, pattern=cons.get("pattern"),
        max_length=cons.get("maxLength"), minimum=cons.get("minimum"), maximum=cons.get("maximum"),
        reference=reference, translation_of=raw.get("x-translation-of"),
    )


def parse_descriptor(descriptor: dict) -> Schema:
    resources = []
    for raw in descriptor["resources"]:
        schema = raw["schema"]
        foreign = {fk["fields"]: (fk["reference"]["resource"], fk["reference"]["fields"])
                   for fk in schema.get("foreignKeys", [])}
        pk = schema["primaryKey"]
        resources.append(Resource(
            name=raw["name"], path=raw["path"], title=raw.get("title", raw["name"]),
            description=raw.get("description", ""),
            fields=tuple(_field(f, foreign) for f in schema["fields"]),
            primary_key=pk[0] if isinstance(pk, list) else pk,
        ))
    return Schema(descriptor=descriptor, resources=tuple(resources))


def load_schema(data_dir: Path) -> Schema:
    """The schema described in ``data_dir/datapackage.json`` (raises OSError, ValueError, KeyError)."""
    path = (Path(data_dir) / DESCRIPTOR).resolve()
    return _load_schema_cached(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load_schema_cached(path: str, _mtime_ns: int) -> Schema:
    return parse_descriptor(json.loads(Path(path).read_text(encoding="utf-8")))
