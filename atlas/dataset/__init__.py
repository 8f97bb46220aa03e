"""The curated dataset: its schema (from data/datapackage.json), the validator, loading, value helpers
and the data dictionary.

- ``schema``: the descriptor read into fields, resources and vocabularies: the one source of truth;
- ``validate``: every problem of a dataset folder at once, with file, row and field;
- ``loader``: ``load_dataset()``, the validated, typed, read-only ``Dataset`` with the joins pages use;
- ``values``: dates and ``;`` lists read, dates written for people, Markdown-safe text, ids from names;
- ``datadoc``: the data dictionary in data/README.md, rendered from the descriptor.

May import: ``atlas.settings``, ``geo``.
"""
