"""The briefing pack: one PDF, 16:9 slides or A4 pages, made offline from the since-view.

It holds the briefing map as a picture, what changed since the day, the scorecard of the addressees in view,
the overdue asks, and a page of every source cited with the dataset's version. fpdf2 writes it; with
uharfbuzz it shapes Arabic (joined letters) and lays each line out in its own direction, so quotes and names
read as written. The font is the DejaVu Sans that matplotlib ships, which has the Arabic letters.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from atlas.briefing.overdue import overdue_note
from atlas.briefing.scorecard import SCORE_ORDER, score_label, scorecard
from atlas.briefing.since import Since, since_sources
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
        pdf.set_title("Briefing pack")
        self.footer = footer
        pdf.footer = self._foot  # fpdf calls it on every page

    def _foot(self) -> None:
        pdf = self.pdf
        pdf.set_y(-10)
        pdf.set_font("body", "", 7)
        pdf.set_text_color(90)
        pdf.cell(0, 5, f"{self.footer} · page {pdf.page_no()}", align="C")
        pdf.set_text_color(0)

    def page(self, title: str) -> None:
        self.pdf.add_page()
        self.heading(title, 18)

    def heading(self, text: str, size: int = 13) -> None:
        pdf = self.pdf
        pdf.set_font("body", "B", size)
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
            self.line(f"… and {len(rows) - LINES_PER_SECTION} more (see the Briefing page).")
        self.pdf.ln(3)


def briefing_pack(view: Since, card: pd.DataFrame, map_png: bytes | None,
                  filters_in_words: str, version: str, sources: list[str], layout: str = "slides") -> bytes:
    """The pack as PDF bytes (``layout``: "slides", 16:9, or "a4"). ``card`` is ``briefing.scorecard``'s
    table of the addressees in view, ``sources`` every address cited,
    ``version`` the dataset's version line (``provenance.version_line``)."""
    span = f"{view.since:%-d %B %Y} to {view.until:%-d %B %Y}"
    pack = _Pack(layout, f"{version} · briefing since {view.since:%-d %b %Y}")
    pdf = pack.pdf

    pack.page(f"What changed since {view.since:%-d %B %Y}")
    pack.line(f"From {span}, the record's changes as the Syria Statement Atlas holds them.", 12)
    pack.line(filters_in_words, 11)
    pdf.ln(4)
    for label, count in (("thread status changes", len(view.status_changes)), ("new asks", len(view.new_asks)),
                         ("new statements", len(view.new_statements)), ("new events", len(view.new_events)),
                         ("deadlines passed unmet", len(view.overdue))):
        pack.line(f"{count:,} {label}", 13, bold=True)
    pdf.ln(4)
    pack.line(f"{version}. Statuses and counts are read on {view.until:%-d %B %Y}, never today.", 9)

    if map_png:
        pack.page("Where the record speaks")
        from io import BytesIO

        width = pdf.w - pdf.l_margin - pdf.r_margin
        height = pdf.h - pdf.get_y() - 16
        pdf.image(BytesIO(map_png), x=pdf.l_margin, w=width, h=height, keep_aspect_ratio=True)

    pack.page("What changed")
    pack.lines("Status changes of threads", [
        f"{r.date:%-d %b %Y}: {r.thread}: now {r.status.lower()}" + (f" ({r.evidence})" if r.evidence else "")
        for r in view.status_changes.itertuples()], "No thread changed status in this window.")
    pack.heading(f"New asks, by thread ({len(view.new_asks)})")
    if view.new_asks.empty:
        pack.line("No demand was made in this window.")
    shown = 0
    for thread, group in view.new_asks.groupby("thread", sort=False):
        if shown >= LINES_PER_SECTION:
            pack.line(f"… and {len(view.new_asks) - shown} more (see the Briefing page).")
            break
        pack.line(thread or "In no thread", bold=True)
        for r in group.itertuples():
            pack.line(f"• {r.issuer} ({r.date:%-d %b %Y}): {r.demand}")
            quote = r.quote.strip().strip('"“”«»').strip()
            if quote:  # the issuer's words, in their own direction and quotation marks
                pack.line(f"«{quote}»" if _arabic(quote) else f"“{quote}”", 8.5)
            shown += 1
    pdf.ln(3)
    pack.lines("New statements, by issuer", [f"{r.issuer}, {r.date:%-d %b %Y}: {r.title}"
                                             for r in view.new_statements.itertuples()],
               "No statement was issued in this window.")
    pack.lines("New events", [f"{r.date:%-d %b %Y}: {r.title}" + (f" ({r.places})" if r.places else "")
                              for r in view.new_events.itertuples()], "No event on record in this window.")
    if view.acled is not None:
        pack.lines("ACLED events at the places the new statements name", [
            f"{r.place}: {r.events_since} in the window, {r.events_before} in as many days before ({r.change:+d})"
            for r in view.acled.itertuples()], "The new statements name no place with ACLED events.")

    pack.page("Who has met what")
    pack.line(f"The threads put to each addressee by {view.until:%-d %B %Y}, and their status that day, as shares. "
              "An addressee that ceased to exist keeps its asks as they stood that day: those still open are lapsed.",
              9)
    pdf.ln(2)
    if card.empty:
        pack.line("No thread was put to anyone among these records.")
    else:
        shown = card.head(SCORE_ROWS)
        pdf.set_font("body", "", 7.5 if layout == "a4" else 8.5)
        with pdf.table(col_widths=(30, 7, 8, *[8] * len(SCORE_ORDER)), text_align="LEFT", line_height=4.2,
                       first_row_as_headings=True) as table:
            table.row(["Addressee", "Asks", "Overdue", *[score_label(s) for s in SCORE_ORDER]])
            for r in shown.to_dict("records"):
                name = f"{r['addressee']} (ceased {r['ceased']})" if r["ceased"] else r["addressee"]
                table.row([name, str(r["asks"]), str(r["overdue"]), *[f"{r[s] * 100:.0f}%" for s in SCORE_ORDER]])
        if len(card) > SCORE_ROWS:
            pack.line(f"… and {len(card) - SCORE_ROWS} more addressees (see the Briefing page).", 8)

    pack.page("Overdue asks")
    pack.lines("Stated deadlines passed without the ask being met", [overdue_note(r) for r in view.late.itertuples()],
               "No stated deadline has passed unmet.")

    pack.page("Sources")
    pack.line(f"Every address cited by the records above. {version}.", 9)
    pdf.ln(2)
    for url in sources:
        pack.line(url, 7.5)
    return bytes(pdf.output())


def pack_download(dataset, filters, view: Since, scope, window, layout: str, in_words: str):
    """The pack as a download built when clicked: the map picture of the window, the scorecard of the threads
    in view, the overdue asks, every source; its file name says the day, the filters and the version.
    ``in_words``: the filters in words (``ui.plain_filters``)."""
    def build() -> bytes:
        threads = sorted(set(scope.demands["thread_id"]) - {""})
        references = place_references(dataset, window)
        picture = None if references.empty else map_picture_png(
            dataset, references, map_points(dataset, window, references),
            [TOOL, f"Since {view.since:%-d %b %Y}: " + in_words, version_line(dataset.version, dataset.release)],
            "16:9")
        return briefing_pack(view, scorecard(dataset, threads, view.until), picture, in_words,
                             version_line(dataset.version, dataset.release), since_sources(dataset, view), layout)

    label = "16:9 slides" if layout == "slides" else "A4 pages"
    stem = file_stem(f"briefing-since-{view.since.isoformat()}", filters, dataset.version)
    return Download(f"Download the briefing pack (PDF, {label})", build,
                    f"{stem}_{'16x9' if layout == 'slides' else 'a4'}.pdf", "application/pdf")
