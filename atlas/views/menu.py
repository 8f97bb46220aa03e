"""Which record a one-record page (a statement, a thread) offers and opens first."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Menu:
    titles: dict[str, str]  # id -> title, in the order the picker offers them
    index: int | None  # the one shown first; None: none until one is picked
    notice: str = ""  # why the link's record is not shown (plain text), or ""


def menu(titles: dict[str, str], known: dict[str, str], wanted: str | None, noun: str,
         first_by_default: bool = True) -> Menu:
    """``titles`` (the filtered records, in order) opened at ``wanted``, a deep link's id.

    A deep link to a record outside the filters still opens it, first in the list; an id not in ``known``
    (every record's title) is named in the notice and the list opens at its first record (or at none, when
    not ``first_by_default``).
    """
    notice = ""
    if wanted and wanted not in known:
        notice = f"No {noun} with the id {wanted[:60]}; showing the list instead."
        wanted = None
    if wanted and wanted not in titles:
        titles = {wanted: known[wanted], **titles}
    if wanted in titles:
        return Menu(titles, list(titles).index(wanted), notice)
    return Menu(titles, 0 if first_by_default else None, notice)
