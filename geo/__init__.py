"""Syrian places, on their own: name folding, the gazetteer, geocoding, governorate boundaries and codes,
the folium map and its offline assets.

- ``normalize``: matching keys for Latin and Arabic spellings;
- ``gazetteer``: a curated places table plus GeoNames' Syrian places, ``resolve(name)`` -> ranked candidates;
- ``geocode``: the chain curated -> GeoNames -> opt-in Nominatim, which reports ambiguity, never guesses;
- ``boundaries``, ``admin1``: governorate polygons and codes (OCHA P-codes, ISO 3166-2, HASC, GeoNames);
- ``mapview``, ``offline``: the briefing map and the Leaflet files served locally and inlined in saved maps;
- ``files``: the one atomic file write; ``build_boundaries``: derives the committed governorate GeoJSON.

Pure place logic: it takes paths and settings as arguments, reads no environment variable and knows
nothing of the dataset's layout. May import: nothing of ``atlas``.
"""
