"""The briefing map as a picture for slides, drawn on the server with matplotlib (no browser, no network).

It draws what the interactive map draws, from the same inputs: the neighbours and the sea, the
governorates shaded by references, the M5, the places sized by area and coloured by kind (a region hatched),
and names placed most important first, as the interactive map places them: each at the first free spot
around its point (beside its marker: right, left, above, below; over an area: centred, then around), clear
of the names already drawn, of the markers and of the frame, or left out. Its words are in the language in
force (``atlas.i18n``), and so are the names (Arabic names where the language is Arabic): matplotlib joins
Arabic letters and lays them out right to left itself.
"""
from __future__ import annotations

import io
import math

from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon as PolygonPatch

from atlas import i18n
from atlas.i18n import _
from geo.boundaries import load_boundaries
from geo.maps.labels import load_neighbours, map_labels
from geo.maps.view import (
    ATTRIBUTION,
    COLOURS,
    GOV_EDGE,
    INK,
    KIND_LABELS,
    LAND,
    LAND_EDGE,
    LEGEND_NOTES,
    REGION_LABEL,
    ROAD,
    SEA,
    _shade,
    data_bounds,
    load_road,
    place_radius,
)

SIZES = {"16:9": (1920, 1080), "4:3": (1600, 1200)}
DPI = 100


def _rings(geometry: dict):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        yield polygon[0]  # the outer ring: holes are too small to show at this scale


def _frame(points: list[dict], aspect: float) -> tuple[float, float, float, float]:
    """West, east, south, north around the points (or Syria), widened to the picture's aspect."""
    (south, west), (north, east) = data_bounds(points, pad=0.4)
    squash = math.cos(math.radians((south + north) / 2))  # a degree of longitude is shorter than one of latitude
    width, height = (east - west) * squash, north - south
    if width / height < aspect:
        grow = (height * aspect / squash - (east - west)) / 2
        west, east = west - grow, east + grow
    else:
        grow = (width / aspect - height) / 2
        south, north = south - grow, north + grow
    return west, east, south, north


def map_picture(points: list[dict], governorate_counts: dict[str, int], title: str, lines: list[str],
                size: str = "16:9", governorate_names: dict[str, list[str]] | None = None) -> bytes:
    """A PNG of the map: ``points`` as for ``build_map`` (sorted by references, most first), ``title`` and
    ``lines`` (filters, version) above it, the sources below it; governorates named by ``governorate_names``
    (pcode -> [name, Arabic name]) as on the interactive map."""
    width_px, height_px = SIZES[size]
    # a Figure of its own, not pyplot's global one: the server draws for several sessions at once
    fig = Figure(figsize=(width_px / DPI, height_px / DPI), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    head = 0.085 + 0.03 * max(len(lines) - 1, 0)
    ax = fig.add_axes((0.01, 0.04, 0.98, 0.955 - head - 0.04))
    box = ax.get_position()
    aspect = (box.width * width_px) / (box.height * height_px)
    west, east, south, north = _frame(points, aspect)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)), adjustable="datalim")
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_color("#9aa5b1")

    for feature in load_neighbours()["features"]:
        for ring in _rings(feature["geometry"]):
            ax.add_patch(PolygonPatch(ring, closed=True, facecolor=LAND, edgecolor=LAND_EDGE, lw=0.6))
    largest_gov = max(governorate_counts.values(), default=0)
    for feature in load_boundaries().geojson["features"]:
        pcode = feature["properties"]["admin1_pcode"]
        colour = _shade(governorate_counts.get(pcode, 0), largest_gov)
        for ring in _rings(feature["geometry"]):
            ax.add_patch(PolygonPatch(ring, closed=True, facecolor=colour, edgecolor=GOV_EDGE, lw=0.7, alpha=0.9))
    road = load_road()["geometry"]["coordinates"]
    ax.plot([c[0] for c in road], [c[1] for c in road], color=ROAD, lw=2.2, ls=(0, (4, 3)), zorder=3)

    largest = max((p["total"] for p in points), default=0)
    scale = width_px / 1400  # markers keep their on-screen size relative to the picture
    radii = {p["id"]: place_radius(p, largest) * scale for p in points}
    for p in sorted(points, key=lambda p: -radii[p["id"]]):  # the smallest drawn last, on top
        size = (radii[p["id"]] * 72 / DPI) ** 2 * math.pi
        if p.get("region"):  # an area, not a town: hatched, with a dashed rim in its colour
            ax.scatter([p["lon"]], [p["lat"]], s=size, facecolors="white", edgecolors=COLOURS[p["kind"]],
                       hatch="////", linewidths=1.6, linestyle="--", alpha=0.9, zorder=4)
            continue
        ax.scatter([p["lon"]], [p["lat"]], s=size, c=COLOURS[p["kind"]],
                   edgecolors=INK, linewidths=1.4 if p.get("approx") else 0.6,
                   linestyle="--" if p.get("approx") else "-", alpha=0.9, zorder=4)

    discs = [(*ax.transData.transform((p["lon"], p["lat"])), radii[p["id"]] + 1) for p in points]
    _names(fig, ax, map_labels(points, radii, governorates=governorate_names), scale, discs)
    fig.text(0.012, 0.985, title, fontsize=26 * scale, fontweight="bold", color=INK, va="top")
    for i, line in enumerate(lines):
        fig.text(0.012, 0.985 - 0.055 - 0.03 * i, line, fontsize=14 * scale, color=ROAD, va="top")
    handles = [Line2D([], [], marker="o", ls="", markersize=11 * scale, markerfacecolor=COLOURS[k],
                      markeredgecolor=INK, label=_(KIND_LABELS[k])) for k in ("statements", "events", "both")]
    fig.legend(handles=handles, loc="upper right", bbox_to_anchor=(0.995, 0.998), ncol=3, frameon=False,
               fontsize=12 * scale)
    fig.text(0.99, 0.94, " · ".join(_(note) for note in LEGEND_NOTES[:2]), fontsize=11 * scale, color=ROAD,
             va="top", ha="right")
    if any(p.get("region") for p in points):
        fig.text(0.99, 0.915, _(REGION_LABEL), fontsize=11 * scale, color=ROAD, va="top", ha="right")
    fig.text(0.012, 0.012, _(ATTRIBUTION), fontsize=10 * scale, color=GOV_EDGE, va="bottom")
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI, facecolor="white")
    return out.getvalue()


STYLE = {"country": dict(fontsize=15, color="#6b6459", fontstyle="normal", fontweight="normal"),
         "sea": dict(fontsize=15, color="#2f6388", fontstyle="italic", fontweight="normal"),
         "golan": dict(fontsize=10, color="#6b6459", fontstyle="italic", fontweight="normal"),
         "place": dict(fontsize=13, color=INK, fontstyle="normal", fontweight="bold"),
         "gov": dict(fontsize=10, color=GOV_EDGE, fontstyle="normal", fontweight="normal")}


def _spots(label: dict, gap: float, size: float) -> list[tuple[float, float, str, str]]:
    """Where a name may go, best first, as (x, y) offsets in points from its point and its alignment."""
    if label["kind"] == "place":  # beside its marker: right, left, above, below, then the corners
        corner = gap * 0.72
        return [(gap, 0, "left", "center"), (-gap, 0, "right", "center"), (0, gap, "center", "bottom"),
                (0, -gap, "center", "top"), (corner, corner, "left", "bottom"), (corner, -corner, "left", "top"),
                (-corner, corner, "right", "bottom"), (-corner, -corner, "right", "top")]
    # over an area: centred, then a little right, left, above, below, then twice as far; a country or the Golan
    # then wholly right or left of its point (the sea and a governorate stay over their own)
    shifts = [(0, 0), (1.5, 0), (-1.5, 0), (0, 1.15), (0, -1.15), (3, 0), (-3, 0), (0, 2.3), (0, -2.3)]
    around = [(dx * size, dy * size, "center", "center") for dx, dy in shifts]
    if label["kind"] not in ("country", "golan"):
        return around
    return around + [(dx * size, dy * size, ha, "center") for dy in (0, 1.15, -1.15)
                     for dx, ha in ((1, "left"), (-1, "right"))]


def _names(fig, ax, labels: list[dict], scale: float, discs: list[tuple[float, float, float]]) -> None:
    """Draw the names in order, each at its first spot clear of the frame, the names drawn and the markers
    (``discs``: x, y and radius in pixels); a name with no such spot is left out."""
    renderer = fig.canvas.get_renderer()
    kept = []
    frame = ax.get_window_extent(renderer)
    for label in labels:
        style = dict(STYLE[label["kind"]])
        style["fontsize"] *= scale
        if label.get("region"):
            style["fontstyle"] = "italic"
        if i18n.current() == "ar" and label.get("name_ar"):
            text = label["name_ar"]
            style["fontstyle"] = "normal"  # the font's oblique has no Arabic letters (as on the map: upright)
        else:
            text = label["name"].upper() if label["kind"] in ("country", "gov") else label["name"]
        gap = (label.get("r", 0) + 3) * 72 / DPI
        for dx, dy, ha, va in _spots(label, gap, style["fontsize"]):
            artist = ax.annotate(text, (label["lon"], label["lat"]), xytext=(dx, dy), textcoords="offset points",
                                 ha=ha, va=va, zorder=6 if label["kind"] == "place" else 5, **style)
            artist.set_path_effects([patheffects.withStroke(linewidth=3, foreground="white")])
            box = artist.get_window_extent(renderer)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(other) for other in kept) and \
                    not any(_meets(box, disc) for disc in discs):
                kept.append(box.expanded(1.05, 1.1))
                break
            artist.remove()


def _meets(box, disc: tuple[float, float, float]) -> bool:
    x, y, r = disc
    nearest_x, nearest_y = min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1)
    return (nearest_x - x) ** 2 + (nearest_y - y) ** 2 < r * r
