"""Builders of the committed reference files in geo/data/, run by hand when their sources change:
``boundaries`` (governorate polygons, ``make boundaries``) and ``gazetteer`` (localities, districts and
sub-districts, ``make gazetteer``). Nothing at run time imports them. May import: the rest of ``geo``."""
