"""Which record a one-record page (a statement, a thread) offers and opens first."""
from __future__ import annotations

from dataclasses import dataclass

from atlas.i18n import N_, _

# why a deep link's record is not shown, by the noun of the record: one whole sentence each
NOTICES = {"thread": N_("No thread with the id {id}; showing the list instead."),
           "statement": N_("No statement with the id {id}; showing the list instead."),
           "addressee": N_("No addressee with the id {id}; showing the list instead.")}


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
        notice = (_(NOTICES[noun]).format(id=wanted[:60]) if noun in NOTICES
                  else f"No {noun} with the id {wanted[:60]}; showing the list instead.")
        wanted = None
    if wanted and wanted not in titles:
        titles = {wanted: known[wanted], **titles}
    if wanted in titles:
        return Menu(titles, list(titles).index(wanted), notice)
    return Menu(titles, 0 if first_by_default else None, notice)
