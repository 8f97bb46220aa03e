"""The briefing map: the folium map built from plain data (``view``; its layers built in the browser from one
JSON payload, ``jsonlayer``; the names and the map's words in English and Arabic, ``labels``; its styles,
``styles``), the picture for slides (``picture``), and the Leaflet files it needs, served by the app and
inlined into saved maps so it works with no internet (``offline``). May import: the rest of ``geo``, and
``atlas.i18n`` for its words."""
