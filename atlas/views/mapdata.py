"""What the map shows: per place, how often the filtered records refer to it, and what they say.

Everything is aggregated here, before anything reaches folium: one row per
place, whatever the number of statements, demands and events.
"""
from __future__ import annotations

import html
import re

import pandas as pd

from atlas import i18n, settings
from atlas.acled.layer import EventLayer, counts_before_after
from atlas.dataset.loader import Dataset, actor_names
from atlas.dataset.values import date_label, ours
from atlas.filters import Filtered, Filters, place_set
from atlas.i18n import _, ngettext
from atlas.views.exports import Download, file_stem
from atlas.views.provenance import TOOL, version_line
from atlas.views.statement import WINDOW_DAYS
from atlas.views.tables import terms
from geo.maps.view import build_map
from geo.maps.offline import inline_assets
from geo.normalize import normalize

POPUP_ITEMS = 12
NOT_MARKERS = {"governorate", "road"}  # drawn as shapes and lines instead


def place_references(dataset: Dataset, filtered: Filtered) -> pd.DataFrame:
    """One row per referred place: counts of statements, demands and events, and their total.

    With a place or governorate filter, only the places it stands for are counted.
    """
    statements = (filtered.mentions[["statement_id", "place_id"]].drop_duplicates()
                  .groupby("place_id").size().rename("statements"))
    demands = (filtered.demands[["demand_id", "place_ids"]].explode("place_ids").dropna()
               .groupby("place_ids").size().rename("demands"))
    events = (filtered.events[["event_id", "place_ids"]].explode("place_ids").dropna()
              .groupby("place_ids").size().rename("events"))
    counts = pd.concat([statements, demands, events], axis=1).fillna(0).astype(int)
    counts["total"] = counts.sum(axis=1)
    places = dataset.places.set_index("place_id")
    wanted = place_set(dataset, filtered.filters)
    if wanted is not None:  # a place filter shows those places only, not everything their statements name
        counts = counts[counts.index.isin(wanted)]
    table = places.join(counts, how="inner").rename_axis("place_id").reset_index()  # named even when empty
    table["kind"] = [("both" if e and (s or d) else "events" if e else "statements")
                     for s, d, e in zip(table["statements"], table["demands"], table["events"])]
    return table.sort_values(["total", "name"], ascending=[False, True]).reset_index(drop=True)


def briefing_map(dataset: Dataset, references: pd.DataFrame, points: list[dict], **options):
    """The folium map for these references: governorates shaded and the M5 labelled from the same counts,
    governorates spelt as the dataset spells them (``governorate_names``).

    Online tiles are added only when configured (``atlas.settings.map_tiles``).
    """
    tiles_url, tiles_attribution = settings.map_tiles()
    options.setdefault("tiles_url", tiles_url)
    options.setdefault("tiles_attribution", tiles_attribution)
    return build_map(points, governorate_counts(references),
                     road_counts=dict(zip(references["place_id"], references["total"])),
                     governorate_names=governorate_names(dataset), **options)


def standalone_map(dataset: Dataset, references: pd.DataFrame, points: list[dict], caption: list[str],
                   **options) -> str:
    """The map as one HTML file that opens offline anywhere: it fills its window, says what it shows in its
    caption and its page title, and keeps the data clear of the caption."""
    saved = briefing_map(dataset, references, points, height="100%", caption=caption, **options)
    page = inline_assets(saved.get_root().render(), extra=saved.atlas_generated)
    title = html.escape(" · ".join(line for line in caption[:2] if line))
    return page.replace("<head>", f"<head>\n<title>{title}</title>", 1)


def map_downloads(dataset: Dataset, references: pd.DataFrame, points: list[dict], filters: Filters,
                  filters_in_words: str, layer_note: str = "", **layer_options) -> list[Download]:
    """The Map page's files, each saying what it shows: the map as one offline HTML file, and as PNGs for
    slides at 16:9 and 4:3. Built only when clicked."""
    caption = [_(TOOL), filters_in_words, version_line(dataset.version, dataset.release), layer_note]
    stem = file_stem("map", filters, dataset.version)
    return [
        Download(_("Download map (HTML, works offline)"),
                 lambda: standalone_map(dataset, references, points, caption, **layer_options), f"{stem}.html",
                 "text/html"),
        Download(_("Download map (PNG 1920×1080, for slides)"),
                 lambda: map_picture_png(dataset, references, points, caption, "16:9"), f"{stem}_16x9.png",
                 "image/png"),
        Download(_("Download map (PNG 4:3)"),
                 lambda: map_picture_png(dataset, references, points, caption, "4:3"), f"{stem}_4x3.png", "image/png"),
    ]


def map_picture_png(dataset: Dataset, references: pd.DataFrame, points: list[dict], caption: list[str],
                    size: str) -> bytes:
    """The map as a PNG for slides (``size`` "16:9" or "4:3"), drawn from the same counts as the map."""
    from geo.maps.picture import map_picture  # matplotlib loads only when a picture is asked for

    return map_picture(points, governorate_counts(references), caption[0], [line for line in caption[1:] if line],
                       size=size, governorate_names=governorate_names(dataset))


def governorate_counts(references: pd.DataFrame) -> dict[str, int]:
    return {str(k): int(v) for k, v in references.groupby(references["admin1_pcode"].astype(str))["total"].sum().items()}


def governorate_names(dataset: Dataset) -> dict[str, list[str]]:
    """pcode -> [name, Arabic name]: how the map writes each governorate, one spelling per place. A governorate
    named after its capital is spelt as the curated capital is (Daraa, not Dar'a; Idlib, not Idleb): the
    capital is the city or town of the governorate whose name, Arabic or English, is the governorate's own or
    one of its aliases, less the word "governorate". Any other keeps its curated name, less that word."""
    places = dataset.places
    towns = places[places["place_type"].isin(["city", "town"])]
    names = {}
    for pcode, name, name_ar, aliases in _columns(places[places["place_type"] == "governorate"], "admin1_pcode",
                                                  "name", "name_ar", "aliases"):
        keys = {normalize(n, drop_generic=True) for n in (name, name_ar, *(aliases or ()))}
        capital = [(n, a) for n, a, p in _columns(towns, "name", "name_ar", "admin1_pcode")
                   if p == pcode and (normalize(a) in keys or normalize(n) in keys)]
        names[str(pcode)] = list(capital[0]) if capital else [
            re.sub(r"\s+governorate$", "", name, flags=re.IGNORECASE), re.sub(r"^محافظة\s+", "", name_ar)]
    return names


def _section(heading: str, items: list[dict]) -> dict:
    left = len(items) - POPUP_ITEMS
    more = ngettext("and {n} more", "and {n} more", left).format(n=left) if left > 0 else ""
    return {"heading": heading, "items": items[:POPUP_ITEMS], "more": more}


def _by_place(place_ids: pd.Series, items: list[dict]) -> dict[str, list[dict]]:
    """place id -> popup items, for items each with its list of place ids."""
    out: dict[str, list[dict]] = {}
    for ids, item in zip(place_ids.tolist(), items):
        for place_id in ids:
            out.setdefault(place_id, []).append(item)
    return out


def _columns(frame: pd.DataFrame, *names: str) -> zip:
    # plain lists: iterating the frame's Arrow-backed text row by row costs more than the rest of the map
    return zip(*(frame[name].tolist() for name in names))


def map_points(dataset: Dataset, filtered: Filtered, references: pd.DataFrame, layer: EventLayer | None = None
               ) -> list[dict]:
    """The payload for geo.maps.view.build_map: plain dicts, text left raw (the map escapes it). With an ACLED
    ``layer``, each statement in a place's popup says how many ACLED events that place saw in the
    WINDOW_DAYS before and after it (counts only)."""
    actors = actor_names(dataset, short=True)
    statements, spans = {}, {}
    english, comma = i18n.current() == "en", _(", ")
    for sid, day, end, precision, issuers, title, title_ar, url in _columns(
            filtered.statements, "statement_id", "date", "date_end", "time_precision", "issuer_ids", "title",
            "title_ar", "source_url"):
        title = title if english else ours(title, title_ar)
        statements[sid] = {"date": date_label(day, end, precision),
                           "text": f"{comma.join(actors.get(a, a) for a in issuers)}: {title}", "url": url}
        spans[sid] = (day.date(), (end if pd.notna(end) else day).date())
    mentions = filtered.mentions.groupby("place_id")["statement_id"].agg(lambda s: list(dict.fromkeys(s)))
    acts = terms(dataset, "speech_act", filtered.demands["speech_act"])
    paraphrases = (filtered.demands["demand"].tolist() if english else
                   [ours(en, ar) for en, ar in _columns(filtered.demands, "demand", "demand_ar")])
    demands = _by_place(filtered.demands["place_ids"], [
        {"text": f"{act}: {demand}"} for act, demand in zip(acts, paraphrases)])
    events = filtered.events.sort_values("date")
    events = _by_place(events["place_ids"], [
        {"date": date_label(day, end, precision), "text": title if english else ours(title, title_ar)}
        for day, end, precision, title, title_ar in _columns(events, "date", "date_end", "time_precision", "title",
                                                             "title_ar")])
    precision = dataset.schema.vocabularies.get("geo_precision", {})
    points = []
    for (place_id, place_type, geo_precision, name, name_ar, lat, lon, total, kind, n_statements, n_demands,
         n_events) in _columns(references, "place_id", "place_type", "geo_precision", "name", "name_ar", "lat", "lon",
                               "total", "kind", "statements", "demands", "events"):
        if place_type in NOT_MARKERS:
            continue
        statement_items = [_with_events(statements[sid], layer, place_id, spans[sid]) if layer else statements[sid]
                           for sid in mentions.get(place_id, []) if sid in statements]
        sections = [s for s in (_section(_("Statements"), statement_items),
                                _section(_("Demands"), demands.get(place_id, [])),
                                _section(_("Events"), events.get(place_id, []))) if s["items"]]
        approx = "" if int(geo_precision) == 1 else _("Approximate position ({precision}).").format(
            precision=precision.get(str(int(geo_precision)), "").split(":")[0].lower() if english
            else dataset.schema.term("geo_precision", str(int(geo_precision))))
        points.append({
            "id": place_id, "name": name, "name_ar": name_ar, "lat": float(lat), "lon": float(lon),
            "total": int(total), "kind": kind, "approx": approx, "region": place_type == "region",
            "summary": _("{statements} statement(s), {demands} demand(s), {events} event(s)").format(
                statements=n_statements, demands=n_demands, events=n_events),
            "sections": sections,
        })
    return points


def _with_events(item: dict, layer: EventLayer, place_id: str, span: tuple) -> dict:
    counts = counts_before_after(layer, place_id, span[0], span[1], WINDOW_DAYS)
    if counts is None:
        return item
    return {**item, "acled": _("ACLED here: {before} event(s) in the {days} days before, {after} in the {days} "
                               "after").format(before=i18n.count(counts[0]), after=i18n.count(counts[1]),
                                               days=WINDOW_DAYS)}

