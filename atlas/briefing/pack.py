"""The briefing pack: one PDF, 16:9 slides or A4 pages, made offline from the since-view.

It holds the briefing map as a picture, what changed since the day, the scorecard of the addressees in view,
the overdue asks, and a page of every source cited with the dataset's version. fpdf2 writes it; with
uharfbuzz it shapes Arabic (joined letters) and lays each line out in its own direction, so quotes and names
read as written. The font is the DejaVu Sans that matplotlib ships, which has the Arabic letters.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from atlas import i18n
from atlas.briefing import short_day
from atlas.briefing.overdue import overdue_note
from atlas.briefing.scorecard import SCORE_ORDER, ceased_name, score_label, scorecard
from atlas.briefing.since import Since, since_sources
from atlas.i18n import _, ngettext
from atlas.views.exports import Download, file_stem
from atlas.views.mapdata import map_picture_png, map_points, place_references
from atlas.views.provenance import TOOL, version_line

LAYOUTS = {"slides": ("L", (190.5, 338.7)), "a4": ("P", "A4")}  # 16:9 at 1280x720 px, and A4 portrait
LINES_PER_SECTION = 40  # a long section is cut with "and N more": the page on screen holds them all
SCORE_ROWS = 15


def _font() -> tuple[str, str]:
    import matplotlib

    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return str(fonts / "DejaVuSans.ttf"), str(fonts / "DejaVuSans-Bold.ttf")


def _arabic(text: str) -> bool:
    """The line's first letter is Arabic: it reads right to left."""
    first = next((ch for ch in text if ch.isalpha()), "")
    return "\u0600" <= first <= "\u06ff"


class _Pack:
    def __init__(self, layout: str, footer: str):
        from fpdf import FPDF

        orientation, size = LAYOUTS[layout]
        self.pdf = pdf = FPDF(orientation=orientation, unit="mm", format=size)
        regular, bold = _font()
        pdf.add_font("body", "", regular)
        pdf.add_font("body", "B", bold)
        pdf.set_text_shaping(True)
        pdf.set_auto_page_break(True, margin=14)
        pdf.set_margins(14, 12, 14)
        pdf.set_title(_("Briefing pack"))
        self.footer = footer
        pdf.footer = self._foot  # fpdf calls it on every page

    def _foot(self) -> None:
        pdf = self.pdf
        pdf.set_y(-10)
        pdf.set_font("body", "", 7)
        pdf.set_text_color(90)
        pdf.cell(0, 5, _("{footer} · page {n}").format(footer=self.footer, n=pdf.page_no()), align="C")
        pdf.set_text_color(0)

    def page(self, title: str) -> None:
        self.pdf.add_page()
        self.heading(title, 18)

    def heading(self, text: str, size: int = 13) -> None:
        pdf = self.pdf
        pdf.set_font("body", "B", size)
        if _arabic(text):  # an Arabic heading reads right to left, from the right margin
            pdf.set_text_shaping(True, direction="rtl")
            pdf.multi_cell(0, size * 0.5, text, align="R", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_shaping(True)
        else:
            pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)

    def line(self, text: str, size: float = 9.5, bold: bool = False) -> None:
        pdf = self.pdf
        pdf.set_font("body", "B" if bold else "", size)
        rtl = _arabic(text)
        pdf.set_text_shaping(True, direction="rtl" if rtl else "ltr")
        pdf.multi_cell(0, size * 0.48, text, align="R" if rtl else "L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_shaping(True)

    def lines(self, title: str, rows: list[str], empty: str) -> None:
        self.heading(f"{title} ({len(rows)})")
        if not rows:
            self.line(empty)
        for row in rows[:LINES_PER_SECTION]:
            self.line("• " + row)
        if len(rows) > LINES_PER_SECTION:
            self.line(_more(len(rows) - LINES_PER_SECTION))
        self.pdf.ln(3)


def _more(n: int) -> str:
    return _("… and {n} more (see the Briefing page).").format(n=n)


def briefing_pack(view: Since, card: pd.DataFrame, map_png: bytes | None,
                  filters_in_words: str, version: str, sources: list[str], layout: str = "slides") -> bytes:
    """The pack as PDF bytes (``layout``: "slides", 16:9, or "a4"). ``card`` is ``briefing.scorecard``'s
    table of the addressees in view, ``sources`` every address cited,
    ``version`` the dataset's version line (``provenance.version_line``)."""
    pack = _Pack(layout, _("{version} · briefing since {day}").format(version=version, day=short_day(view.since)))
    pdf = pack.pdf

    pack.page(_("What changed since {day}").format(day=i18n.day(view.since)))
    pack.line(_("From {start} to {end}, the record's changes as the Syria Statement Atlas holds them.").format(
        start=i18n.day(view.since), end=i18n.day(view.until)), 12)
    pack.line(filters_in_words, 11)
    pdf.ln(4)
    # one form for any count in English, as the pack has always said; Arabic has its own for each
    n = len(view.status_changes)
    pack.line(ngettext("{n} thread status changes", "{n} thread status changes", n).format(n=i18n.count(n)), 13,
              bold=True)
    n = len(view.new_asks)
    pack.line(ngettext("{n} new asks", "{n} new asks", n).format(n=i18n.count(n)), 13, bold=True)
    n = len(view.new_statements)
    pack.line(ngettext("{n} new statements", "{n} new statements", n).format(n=i18n.count(n)), 13, bold=True)
    n = len(view.new_events)
    pack.line(ngettext("{n} new events", "{n} new events", n).format(n=i18n.count(n)), 13, bold=True)
    n = len(view.overdue)
    pack.line(ngettext("{n} deadlines passed unmet", "{n} deadlines passed unmet", n).format(n=i18n.count(n)), 13,
              bold=True)
    pdf.ln(4)
    pack.line(_("{version}. Statuses and counts are read on {day}, never today.").format(
        version=version, day=i18n.day(view.until)), 9)

    if map_png:
        pack.page(_("Where the record speaks"))
        from io import BytesIO

        width = pdf.w - pdf.l_margin - pdf.r_margin
        height = pdf.h - pdf.get_y() - 16
        pdf.image(BytesIO(map_png), x=pdf.l_margin, w=width, h=height, keep_aspect_ratio=True)

    pack.page(_("What changed"))
    pack.lines(_("Status changes of threads"), [
        _("{day}: {thread}: now {status}").format(day=short_day(r.date), thread=r.thread, status=r.status.lower())
        + (f" ({r.evidence})" if r.evidence else "")
        for r in view.status_changes.itertuples()], _("No thread changed status in this window."))
    pack.heading(_("New asks, by thread ({n})").format(n=len(view.new_asks)))
    if view.new_asks.empty:
        pack.line(_("No demand was made in this window."))
    shown = 0
    for thread, group in view.new_asks.groupby("thread", sort=False):
        if shown >= LINES_PER_SECTION:
            pack.line(_more(len(view.new_asks) - shown))
            break
        pack.line(thread or _("In no thread"), bold=True)
        for r in group.itertuples():
            pack.line(f"• {r.issuer} ({short_day(r.date)}): {r.demand}")
            quote = r.quote.strip().strip('"“”«»').strip()
            if quote:  # the issuer's words, in their own direction and quotation marks
                pack.line(f"«{quote}»" if _arabic(quote) else f"“{quote}”", 8.5)
            shown += 1
    pdf.ln(3)
    pack.lines(_("New statements, by issuer"), [f"{r.issuer}, {short_day(r.date)}: {r.title}"
                                                for r in view.new_statements.itertuples()],
               _("No statement was issued in this window."))
    pack.lines(_("New events"), [f"{short_day(r.date)}: {r.title}" + (f" ({r.places})" if r.places else "")
                                 for r in view.new_events.itertuples()], _("No event on record in this window."))
    if view.acled is not None:
        pack.lines(_("ACLED events at the places the new statements name"), [
            _("{place}: {since} in the window, {before} in as many days before ({change})").format(
                place=r.place, since=r.events_since, before=r.events_before, change=f"{r.change:+d}")
            for r in view.acled.itertuples()], _("The new statements name no place with ACLED events."))

    pack.page(_("Who has met what"))
    pack.line(_("The threads put to each addressee by {day}, and their status that day, as shares. An addressee "
                "that ceased to exist keeps its asks as they stood that day: those still open are lapsed.").format(
        day=i18n.day(view.until)), 9)
    pdf.ln(2)
    if card.empty:
        pack.line(_("No thread was put to anyone among these records."))
    else:
        shown = card.head(SCORE_ROWS)
        pdf.set_font("body", "", 7.5 if layout == "a4" else 8.5)
        rtl = i18n.direction() == "rtl"
        with pdf.table(col_widths=(30, 7, 8, *[8] * len(SCORE_ORDER)), text_align="RIGHT" if rtl else "LEFT",
                       line_height=4.2, first_row_as_headings=True) as table:
            table.row([_("Addressee"), _("Asks"), _("Overdue"), *[score_label(s) for s in SCORE_ORDER]])
            for r in shown.to_dict("records"):
                name = ceased_name(r["addressee"], r["ceased"])
                table.row([name, str(r["asks"]), str(r["overdue"]), *[f"{r[s] * 100:.0f}%" for s in SCORE_ORDER]])
        if len(card) > SCORE_ROWS:
            pack.line(_("… and {n} more addressees (see the Briefing page).").format(n=len(card) - SCORE_ROWS), 8)

    pack.page(_("Overdue asks"))
    pack.lines(_("Stated deadlines passed without the ask being met"),
               [overdue_note(r) for r in view.late.itertuples()], _("No stated deadline has passed unmet."))

    pack.page(_("Sources"))
    pack.line(_("Every address cited by the records above. {version}.").format(version=version), 9)
    pdf.ln(2)
    for url in sources:
        pack.line(url, 7.5)
    return bytes(pdf.output())


def pack_download(dataset, filters, view: Since, scope, window, layout: str, in_words: str):
    """The pack as a download built when clicked: the map picture of the window, the scorecard of the threads
    in view, the overdue asks, every source; its file name says the day, the filters and the version.
    ``in_words``: the filters in words (``ui.plain_filters``). The pack is in the language in force here, whenever
    it is built (``Download.build``)."""
    def build() -> bytes:
        threads = sorted(set(scope.demands["thread_id"]) - {""})
        references = place_references(dataset, window)
        picture = None if references.empty else map_picture_png(
            dataset, references, map_points(dataset, window, references),
            [_(TOOL), _("Since {day}: {filters}").format(day=short_day(view.since), filters=in_words),
             version_line(dataset.version, dataset.release)], "16:9")
        return briefing_pack(view, scorecard(dataset, threads, view.until), picture, in_words,
                             version_line(dataset.version, dataset.release), since_sources(dataset, view), layout)

    label = _("Download the briefing pack (PDF, 16:9 slides)") if layout == "slides" else \
        _("Download the briefing pack (PDF, A4 pages)")
    stem = file_stem(f"briefing-since-{view.since.isoformat()}", filters, dataset.version)
    return Download(label, build,
                    f"{stem}_{'16x9' if layout == 'slides' else 'a4'}.pdf", "application/pdf")
