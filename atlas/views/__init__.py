"""What the pages show, computed from the filtered dataset and layer: pure functions, no Streamlit.

- ``tables``: demands, statements and sources as people read them;
- ``mapdata``: per-place references and popups, and the briefing map built from them;
- ``timeline``: the plotly timeline and ACLED's counts over time;
- ``statement``: one statement with everything attached, and which statements the page offers;
- ``threads``: the threads the filtered demands raise, one thread whole, their statuses on a day;
- ``ledger``: what is still asked of whom, since when and for how long;
- ``menu``: which record a one-record page offers and opens first;
- ``coverage``: what the dataset covers, in figures, and the record's last day;
- ``provenance``: the citation and the provenance every download carries;
- ``exports``: CSV, Excel and JSON downloads, formula-safe, and what each page offers.

May import: ``atlas.acled``, ``atlas.filters``, ``atlas.dataset``, ``atlas.settings``, ``geo``.
"""
