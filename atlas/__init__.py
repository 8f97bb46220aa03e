"""Syria Statement Atlas: the product's logic, in rooms that import one way.

Three flows pass through them:
- a statement's text -> ``atlas.ingest`` -> the curated dataset in ``data/``;
- an ACLED export -> ``atlas.acled`` -> the event layer in ``data/acled/``;
- the dataset and the layer -> ``atlas.dataset`` (loading) and ``atlas.filters`` -> ``atlas.views`` (and
  ``atlas.briefing``, which builds on them) -> the pages.

Every word the interface shows passes through ``atlas.i18n`` (the language in force, the message catalogues,
dates and numbers), the lowest floor, so the maps of ``geo`` speak Arabic too; ``atlas.catalogue`` keeps the
catalogues in step with the code.

Floors, lowest first; a module imports only from floors below its own, or from its own room:
``atlas.i18n`` < ``geo``, ``atlas.catalogue`` < ``atlas.settings`` < ``atlas.dataset`` < ``atlas.ingest``, ``atlas.filters`` < ``atlas.acled``
< ``atlas.views`` < ``atlas.briefing`` < ``atlas.ui``, ``atlas.__main__`` (the command line) < ``dashboard.py``
and ``app_pages/``.
Only ``atlas.ui`` imports Streamlit, and only ``atlas.settings`` reads the environment.
``tests/unit/test_architecture.py`` holds the code to this.
"""
