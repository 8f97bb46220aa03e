"""Syrian places, on their own: name folding, the gazetteer, the context resolver and the geoparser,
geocoding, governorate boundaries and codes, the folium map and its offline assets.

- ``normalize``: matching keys for Latin and Arabic spellings;
- ``gazetteer``: a curated places table plus every Syrian locality, district and sub-district (geo/data/);
- ``resolver``: which place a name means, from the context (areas named beside it, the text's other places,
  the kind of place asked for, population); reports ambiguity, never guesses;
- ``geoparse``, ``lexicon``: the places a text names, and the cue words and guards it reads them with;
- ``geocode``: the resolver, then an opt-in online geocoder;
- ``boundaries``, ``admin1``: governorate polygons and codes (OCHA P-codes, ISO 3166-2, HASC, GeoNames);
- ``maps/``: the briefing map and the Leaflet files served locally and inlined in saved maps;
- ``build/``: the builders of the committed reference files (``make boundaries``, ``make gazetteer``);
- ``files``: the one atomic file write.

Pure place logic: it takes paths and settings as arguments, reads no environment variable and knows
nothing of the dataset's layout. May import: nothing of ``atlas``.
"""
