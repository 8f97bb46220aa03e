"""Which record a one-record page (a statement, a thread) offers and opens first."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Menu:
    titles: dict[str, str]  # id -> title, in the order the picker offers them
    index: int  # the one shown first
    notice: str = ""  # why the link's record is not shown (plain text), or ""


def menu(titles: dict[str, str], known: dict[str, str], wanted: str | None, noun: str) -> Menu:
    """``titles`` (the filtered records, in order) opened at ``wanted``, a deep link's id.

    A deep link to a record outside the filters still opens it, first in the list; an id not in ``known``
    (every record's title) is named in the notice and the list opens at its first record.
    """
    notice = ""
    if wanted and wanted not in known:
        notice = f"No {noun} with the id {wanted[:60]}; showing the list instead."
        wanted = None
    if wanted and wanted not in titles:
        titles = {wanted: known[wanted], **titles}
    return Menu(titles, list(titles).index(wanted) if wanted in titles else 0, notice)
