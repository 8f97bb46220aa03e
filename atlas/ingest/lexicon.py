"""Words the ingest command looks for: speech-act cues, category keywords, actor aliases, organisations.

The words around place names are the geoparser's (geo/lexicon.py).

Plain data, kept apart from the code that uses it so curators can extend it.
"""
from __future__ import annotations

from datetime import date

# Speech act -> regular expressions (case-insensitive) that signal it. Checked in this order:
# the first act with a match wins, so a sentence that condemns and calls is a condemnation.
SPEECH_ACT_CUES: list[tuple[str, list[str]]] = [
    ("condemnation", [r"\bcondemn", r"\bdenounc", r"\bdeplor", r"\bcrimes? against humanity\b", r"\bwar crimes?\b",
                      r"\bunlawful\b", r"\boutrage"]),
    ("rejection", [r"\breject", r"\brefus", r"\bwill not (allow|accept|tolerate)\b", r"\bwould not allow\b",
                   r"\bdo(es)? not recogni[sz]e\b", r"\bno legitimacy\b"]),
    ("warning", [r"\bwarn", r"\bred lines?\b", r"\bwill (be forced to|reconsider|resume|hold)\b",
                 r"\bwould (signal|mean|end)\b", r"\bconsequences\b", r"\bthreaten"]),
    ("demand", [r"\bdemand", r"\bmust\b", r"\binsist", r"\brequires?\b", r"\bhave the right\b", r"\bhas the right\b",
                r"\bneeds? to\b", r"\bimperative\b", r"\bobligat"]),
    ("appeal", [r"\bcall(s|ed|ing)? (on|upon|for)\b", r"\burg(e|es|ed|ing)\b", r"\bappeal", r"\b(we|they) ask\b",
                r"\basks?\b", r"\bshould\b", r"\bencourag", r"\binvite", r"\brequest", r"\bplead"]),
    ("commitment", [r"\bwe will\b", r"\bwill continue to\b", r"\bcommit(s|ted)? (to|ourselves)\b", r"\bpledg",
                    r"\bcommitment to\b", r"\bagreed to\b", r"\bcontinue (working|to work)\b",
                    r"\bremain(s)? committed\b", r"\bwill (keep|remain|work|press|follow|stand)\b"]),
]
# Arabic cues, for statements in Arabic: a word may start with the conjunction و or ف.
_AR = r"(?:^|[\s\"«(])[وف]?"
ARABIC_CUES = {
    "condemnation": [_AR + r"(?:أدان|يدين|ندين|تدين|استنكر|يستنكر|نستنكر)", r"جرائم? (?:حرب|ضد الإنسانية)"],
    "rejection": [_AR + r"(?:رفض|يرفض|نرفض|ترفض)", r"لن (?:نسمح|نقبل)"],
    "warning": [_AR + r"(?:حذر|يحذر|نحذر|تحذر)", r"خطوط? حمراء", r"حق الرد"],
    "demand": [_AR + r"(?:طالب|يطالب|نطالب|تطالب)", r"ضرورة", r"يجب", r"يقتضي|يقتضى"],
    "appeal": [_AR + r"(?:دعا|يدعو|ندعو|تدعو|ناشد|يناشد|نناشد)"],
    "commitment": [_AR + r"(?:سنواصل|نلتزم|نتعهد|نؤكد التزامنا|نؤكد سعينا)"],
}
for _act, _patterns in SPEECH_ACT_CUES:
    _patterns.extend(ARABIC_CUES.get(_act, []))

CAMEO = {"appeal": "02", "commitment": "03", "demand": "10", "condemnation": "11", "rejection": "12", "warning": "13"}

# Category -> keyword stems; the category with most hits wins, ties in this order.
CATEGORY_KEYWORDS: list[tuple[str, list[str]]] = [
    ("end-sieges-displacement", ["siege", "besieged", "displace", "evacuat", "starv", "expel", "kneel or starve",
                                 "demographic change", "forced transfer", "التهجير", "الحصار", "المحاصرة"]),
    ("protected-areas", ["protected area", "no-fly", "no fly", "safe zone", "no-bombing", "buffer zone"]),
    ("ceasefire", ["ceasefire", "cease-fire", "truce", "cessation of hostilities", "de-escalation", "hostilities",
                   "الهدنة", "وقف إطلاق النار"]),
    ("humanitarian-aid", ["humanitarian", "aid", "relief", "assistance", "cross-border", "access", "food", "medical",
                          "supplies", "donor", "funding"]),
    ("accountability", ["accountab", "justice", "perpetrator", "impunity", "prosecut", "crime", "investigat",
                        "sanction", "held to account", "chemical"]),
    ("right-of-return", ["return", "refugee", "عودة", "اللاجئين"]),
    ("political-transition", ["transition", "political process", "political solution", "2254", "negotiation",
                              "geneva", "elections", "constitution", "political"]),
    ("governance-rights", ["rights", "governance", "administration", "representative", "inclusive", "women",
                           "minorit", "detainee", "freedom", "power-sharing"]),
    ("landmines", ["landmine", "mine", "explosive", "booby", "unexploded", "ordnance"]),
    ("stabilisation-reconstruction", ["stabili", "reconstruct", "recovery", "rebuild", "services", "infrastructure"]),
    ("sovereignty", ["territorial integrity", "sovereign", "self-determination", "agency", "unity of syria"]),
    ("civilian-protection", ["civilian", "protect", "bombard", "airstrike", "air strike", "shelling", "killing",
                             "barrel bomb", "attack"]),
]

# Extra ways the press names actors already in actors.csv (names and short names are matched too).
ACTOR_ALIASES: dict[str, list[str]] = {
    "united-states": ["U.S.", "US government", "Washington", "United States of America", "American administration"],
    "united-kingdom": ["U.K.", "UK government", "Britain", "British government"],
    "united-nations": ["UN", "U.N.", "the United Nations", "UN agencies"],
    "un-security-council": ["Security Council", "UNSC", "UN Security Council"],
    "international-community": ["international community", "world community"],
    "donor-governments": ["donor governments", "donors", "donor countries"],
    "assad-government": ["Assad regime", "the regime", "Syrian regime", "Assad government", "Syrian government",
                         "regime forces", "Damascus government"],
    "russia": ["Russia", "Russian Federation", "Moscow", "Russian forces"],
    "iran": ["Iran", "Tehran", "Iranian"],
    "snc": ["Syrian National Coalition", "Syrian Coalition", "National Coalition", "SNC", "Etilaf"],
    "fsa": ["Free Syrian Army", "FSA"],
    "issg": ["International Syria Support Group", "ISSG"],
    "opposition-forces": ["opposition forces", "military operation room", "Military Operations Command"],
    "hts": ["Hayat Tahrir al-Sham", "HTS", "Tahrir al-Sham"],
    "hezbollah": ["Hezbollah", "Hizbullah", "Hizballah"],
}

# Actors that share names ("the Syrian government") by the days they held them: [first day, day after the last).
ACTOR_PERIODS: dict[str, tuple[date | None, date | None]] = {
    "assad-government": (None, date(2024, 12, 8)),
    "syrian-transitional-authorities": (date(2024, 12, 8), None),
}

# Words that make an unknown capitalised phrase look like an organisation (a possible new actor).
ORGANISATION_WORDS = ["Coalition", "Council", "Network", "Organization", "Organisation", "Committee", "Campaign",
                      "Association", "Union", "Forum", "Front", "Commission", "Movement", "League", "Alliance",
                      "Consortium", "Foundation", "Institute", "Federation", "Society", "Office", "Agency",
                      "Ministry", "Department", "Centre", "Center", "Observatory", "Mission", "Watch", "Defence",
                      "Defense", "Group", "Body", "Authority", "Commission of Inquiry"]
