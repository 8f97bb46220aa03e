"""The briefing map: the folium map built from plain data (``view``) and the Leaflet files it needs, served
by the app and inlined into saved maps so it works with no internet (``offline``). May import: the rest of
``geo``."""
