"""From a statement's text to curated rows: reading the text, extracting a first pass, a draft a curator
reviews, merging it, and measuring the extraction.

- ``textload``: plain text from .txt, Markdown or HTML, with stable character offsets;
- ``lexicon``: the words extraction looks for (speech-act cues, categories, actor aliases), as data;
- ``extract``: places, demand sentences, dates and actors found in the text;
- ``draft``: ``propose`` (text -> draft with TODOs) and ``apply_draft`` (reviewed draft -> data/);
- ``evaluation``: precision and recall against the hand-labelled statements in eval/.

May import: ``atlas.dataset``, ``atlas.settings``, ``geo``.
"""
