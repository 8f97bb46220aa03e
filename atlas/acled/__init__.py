"""ACLED's events as a second layer: an export checked, linked to places and stored; then held in memory
for the pages.

- ``importer``: ``import_export`` reads an export row by row, links it to the gazetteer and stores it;
- ``wordindex``: the word index, built at import and searched by the app, with one way of splitting words;
- ``store``: the layer's files on disk (Arrow files and the manifest), written so a crash loses nothing;
- ``layer``: the stored layer in memory: filtering, and counts per site, week or month, and table rows.

The app loads ``layer`` (with ``store`` and ``wordindex``) and never the importer.
May import: ``atlas.filters``, ``atlas.dataset``, ``atlas.settings``, ``geo``.
"""
