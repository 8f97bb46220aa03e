"""Name normalisation for matching Syrian place names across spellings.

Two keys are derived from a name:
- ``normalize`` folds case, accents, apostrophes, hyphens and the Arabic
  article, so "Ma'arrat an-Nu'man" and "Maarrat al Numan" agree exactly;
- ``skeleton`` also drops vowels and doubled letters, so transliterations
  that differ only in vowels ("Deir ez-Zor" / "Dayr az Zawr") agree.
Arabic script is folded too (diacritics, alef and yeh variants, the article).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Latin transliterations of the Arabic definite article, written before a word.
LATIN_ARTICLES = {
    "al", "el", "ad", "ed", "ar", "er", "as", "es", "ash", "esh",
    "az", "ez", "at", "et", "an", "en", "ath", "adh",
}
_APOSTROPHES = "'`´‘’ʼʻʿʾ′ˈ"
_NO_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)
_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي",
    "ة": "ه", "ؤ": "و", "ک": "ك", "ۆ": "و", "ە": "ه",
})
_DASHES = re.compile("[-\u2010-\u2015\u2212]+")  # hyphen-minus, the Unicode hyphens and dashes, minus
_NOT_WORD = re.compile(r"[\W_]+")
_ARABIC_CHARS = re.compile("[\u0600-\u06ff]")
_LATIN_CHARS = re.compile("[A-Za-z]")
# Scripts GeoNames lists alternate names in that our sources never use (Greek, Cyrillic, CJK, ...).
_OTHER_SCRIPTS = re.compile(
    "[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0900-\u0dff\u1200-\u137f\u3040-\u9fff\uac00-\ud7af]")
# Words that describe the kind of place rather than name it.
GENERIC_WORDS = {
    "the", "city", "town", "village", "district", "neighbourhood", "neighborhood",
    "quarter", "province", "governorate", "muhafazat", "muhafazah", "mohafazat",
    "suburb", "area", "camp", "crossing", "border",
}
ARABIC_GENERIC_WORDS = {"مدينه", "محافظه", "حي", "بلده", "قريه", "مخيم", "معبر"}


def is_arabic(text: str) -> bool:
    return bool(_ARABIC_CHARS.search(text or ""))


def is_latin(text: str) -> bool:
    return bool(_LATIN_CHARS.search(text or "")) and not _OTHER_SCRIPTS.search(text)


def _fold_latin(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().translate(_NO_APOSTROPHES)
    text = re.sub(r"[-_./,;:()\[\]\"]+", " ", text)
    return re.sub(r"[^a-z0-9 ]+", "", text)


def _strip_latin_articles(words: list[str]) -> list[str]:
    """Drop an article before another word ("al Waer", "ash Sham"); a lone "As" stays."""
    out = []
    for i, word in enumerate(words):
        if word in LATIN_ARTICLES and i + 1 < len(words):
            continue
        out.append(word)
    return out


def search_fold(text: str) -> str:
    """Text as a search compares it: case, Latin accents, Arabic diacritics, tatweel and letter variants
    (أ إ آ ا, ى ي, ة ه) folded, so "Ma'arrat" finds "Maarrat", "Türkiye" finds "Turkiye" and "مضايا" finds
    "مَضايا"; a hyphen or dash is a space and a run of spaces one space, so "north-east" finds "north east".
    Words stay in their order, so a phrase still finds only itself."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _ARABIC_DIACRITICS.sub("", unicodedata.normalize("NFC", text)).translate(_ARABIC_FOLD)
    return " ".join(_DASHES.sub(" ", text.casefold().translate(_NO_APOSTROPHES)).split())


def name_key(name: str) -> str:
    """A name as names are compared: ``search_fold`` without spaces or punctuation, so "north-east",
    "North East" and "northeast", or "U.N." and "UN", are one name."""
    return _NOT_WORD.sub("", search_fold(name))


def _fold_arabic(text: str) -> str:
    text = _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_FOLD).lower()
    text = re.sub(r"[^\u0600-\u06ffa-z0-9 ]+", " ", text)  # Latin codes stay: "الطريق الدولي M4"
    words = []
    for word in text.split():
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        words.append(word)
    return " ".join(words)


@lru_cache(maxsize=262_144)  # the gazetteer folds some 80,000 names, many of them more than once
def _folded(name: str) -> tuple[bool, tuple[str, ...]]:
    """Whether a name is in Arabic script, and its folded words: once per name for both keys below."""
    if is_arabic(name):
        return True, tuple(_fold_arabic(name).split())
    return False, tuple(_fold_latin(name).split())


@lru_cache(maxsize=262_144)
def normalize(name: str, drop_generic: bool = False) -> str:
    """Fold a name to its matching key (Latin or Arabic script)."""
    if not name:
        return ""
    arabic, words = _folded(name)
    if arabic:
        if drop_generic:
            words = [w for w in words if w not in ARABIC_GENERIC_WORDS] or words
        return " ".join(words)
    if drop_generic:
        words = [w for w in words if w not in GENERIC_WORDS and w != "of"] or words
    return " ".join(_strip_latin_articles(list(words)))


@lru_cache(maxsize=65_536)  # words recur across names (Tall, Kafr, Ayn...)
def _skeleton_word(word: str) -> str:
    word = word.replace("q", "k").replace("c", "k").replace("ph", "f").replace("ou", "u")
    if len(word) > 2 and word.endswith("h") and word[-2] in "aeiouy":
        word = word[:-1]  # Hamah / Hama, Moaddamiyeh / Moadamiya
    vowels = set("aeiou")
    out = []
    for i, ch in enumerate(word):
        if ch in vowels:
            continue
        if ch in "yw" and i > 0:
            prev = word[i - 1]
            nxt = word[i + 1] if i + 1 < len(word) else ""
            # y/w between vowels is a consonant (Darayya, Madaya); elsewhere a vowel.
            if not (prev in vowels or prev == ch) or not (nxt in vowels or nxt == ch):
                continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


def skeleton(name: str) -> str:
    """Consonant skeleton of a Latin name; Arabic names keep their folded form."""
    key = normalize(name, drop_generic=True)
    if not key or is_arabic(key):
        return key
    return " ".join(s for s in (_skeleton_word(w) for w in key.split()) if s)


def arabic_skeleton(name: str) -> str:
    """An Arabic name without spaces, hamza, a final ta marbuta or alif, or long vowels after its first letter:
    "كفر عويد" and "كفرعويد", "سفوهون" and "سفوهن" agree. Empty for a name not in Arabic script."""
    key = normalize(name, drop_generic=True).replace(" ", "")
    if not key or not is_arabic(key):
        return ""
    key = re.sub("(?:ء|ه|ا)+$", "", key.replace("ء", ""))  # "الزرقة" and "الزرقاء" alike
    return key[:1] + re.sub("[اوي]", "", key[1:])


# Facilities and infrastructure: places of their own, named as such ("Sednaya prison", "سد تشرين"), never the
# town they are named after.
FACILITY_TYPES = frozenset({"airport", "military base", "camp", "crossing", "road", "prison", "dam", "oil field",
                            "facility"})
# Words in a name that say what kind of facility it is ("Tishreen dam", "سجن صيدنايا", "Conoco gas field").
KIND_WORDS = {"camp": {"camp", "مخيم"}, "crossing": {"crossing", "معبر"}, "prison": {"prison", "سجن"},
              "dam": {"dam", "سد"}, "oil field": {"field", "fields", "حقل", "حقول"},
              "facility": {"refinery", "مصفاه", "مصفاة"}}


@lru_cache(maxsize=65_536)
def type_hint(name: str) -> str | None:
    """The kind of place a name asks for, from words like "province" or "district"."""
    words = set(_fold_latin(name).split()) if not is_arabic(name) else set(_fold_arabic(name).split())
    if words & {"province", "governorate", "muhafazat", "muhafazah", "mohafazat", "محافظه"}:
        return "governorate"
    if words & {"district", "neighbourhood", "neighborhood", "quarter", "حي"}:
        return "neighbourhood"
    if words & {"airbase", "مطار عسكري", "قاعده"} or {"air", "base"} <= words or {"military", "airport"} <= words \
            or {"مطار", "عسكري"} <= words:
        return "military base"
    if words & {"airport", "مطار"}:
        return "airport"
    for kind, marks in KIND_WORDS.items():
        if words & marks:
            return kind
    if words & {"city", "مدينه"}:
        return "city"
    return None
