"""Spelling families of Syrian names: one key for the ways one name is written, in any transliteration or script.

A name reaches us in English, French-style, ACLED's and GeoNames' transliterations and in Kurmanji: Ftireh and
Fatirah, Ein Issa and `Ayn `Isa, Menagh and Minaq, Thiban and Dhiban, Til Koçer and Tall Kujar, Çilaxa and
Jil Agha. ``family_key`` folds each to the consonants it keeps across those systems:

- vowels, hamza and ayn marks go, as do a final -h (-eh, -ah, -a agree) and the article (al-, el-, ash-...);
- letters one system writes for one Arabic sound, another for its neighbour, share a class: k for q, k, g,
  gh, kh, c and Kurmanji x; t for t, d, th, dh (Thiban, Dhiban); s for s, z, sh, ch, j, dj and Kurmanji ş,
  ç and c; f for f, v, ph; b for b, p; ou is u; n before b is m (Turnabah, Turumbah);
- y and w count as vowels, a doubled letter once within a word (not across two: Arshani is not Ra's as
  Sinin), spaces not at all;
- Arabic script folds to the same classes, letter by letter (ق k, ث t, ج s, ع and long vowels dropped...), so
  كنصفرة meets Kansafrah and ثعلة Tha'lah where the gazetteer has only the Latin name;
- a ta marbuta is silent everywhere: the -t of -at before another word goes (Khirbat Hammud, خربة حمود,
  Rabia Mousa), and an article glued to a later word goes too (Ez Eldin, Izz ad-Din).

The key is coarse on purpose: it is asked only with other evidence (a position an ACLED event gives, a place
cue in the text, the governorates of the text's other places); near keys are graded where they are used.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from geo.normalize import LATIN_ARTICLES, is_arabic, normalize

KURDISH_LETTERS = set("êîûşçÊÎÛŞÇ")
_APOSTROPHES = str.maketrans("", "", "'`´‘’ʼʻʿʾ′ˈ")
_NOT_LETTERS = re.compile(r"[^a-z0-9]+")
# Two letters written for one sound first, then each letter to its class; vowels (and y, w) go.
_DIGRAPHS = [("kh", "k"), ("gh", "k"), ("ck", "k"), ("th", "t"), ("dh", "t"), ("sh", "s"), ("ch", "s"),
             ("dj", "s"), ("ph", "f"), ("ou", "u")]
VOWELS = set("aeiouyw")
_LETTERS = str.maketrans({"q": "k", "g": "k", "c": "k", "x": "k", "d": "t", "j": "s", "z": "s", "v": "f", "p": "b",
                          **{v: None for v in VOWELS}})
# Arabic letters by the Latin class they are written with; those not here (alif, waw, ya, ayn, hamza, ta marbuta
# once folded to ha at the end) are vowels or marks the Latin spellings drop.
_ARABIC = {"ب": "b", "ت": "t", "ث": "t", "ج": "s", "ح": "h", "خ": "k", "د": "t", "ذ": "t", "ر": "r", "ز": "s",
           "س": "s", "ش": "s", "ص": "s", "ض": "t", "ط": "t", "ظ": "s", "غ": "k", "ف": "f", "ق": "k", "ك": "k",
           "ل": "l", "م": "m", "ن": "n", "ه": "h", "پ": "b", "چ": "s", "ڤ": "f", "گ": "k"}


def kurdish(name: str) -> bool:
    """Written in Kurmanji's Latin letters (ê î û ş ç)."""
    return any(ch in KURDISH_LETTERS for ch in name)


def _fold(name: str) -> list[str]:
    text = name.lower()
    if kurdish(text):  # Kurmanji: c is j, x is kh, ş is sh, ç is ch
        text = re.sub("c(?!h)", "j", text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("ş", "sh").replace("ç", "ch"))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = [w for w in _NOT_LETTERS.split(text.translate(_APOSTROPHES)) if w]
    # an article glued to a later word ("Ez Eldin", "Orm Eljoz": Izz ad-Din, Urum al-Jawz); the word before it is
    # then no article (the Ez of Ez Eldin is Izz)
    glued = [bool(i) and len(w) > 4 and w[:2] in ("el", "al") for i, w in enumerate(words)]
    words = [w[2:] if g else w for w, g in zip(words, glued)]
    return [w for i, w in enumerate(words) if not (w in LATIN_ARTICLES and i + 1 < len(words) and not glued[i + 1])]


def _word_key(word: str, last: bool = True) -> str:
    if len(word) > 2 and word.endswith("h") and word[-2] in VOWELS:
        word = word[:-1]  # Hamah, Hama; Ftireh, Fatira
    if not last and len(word) > 4 and word[-2:] in ("at", "et"):
        word = word[:-1]  # a ta marbuta before another word: Rabi`at Musa, Rabia Mousa; Khirbat, Kherbet
    for pair, sound in _DIGRAPHS:
        word = word.replace(pair, sound)
    return re.sub(r"(.)\1+", r"\1", word.translate(_LETTERS))  # doubled letters once, within a word


def _arabic_key(name: str) -> str:
    words = normalize(name).split()  # folded (ta marbuta to ha), the article off
    # a ta marbuta is silent: at the end (حمورة, Hammurah) and, as Latin keys drop the -t of -at before another
    # word, there too (خربة حمود, Khirbat Hammud)
    return "".join(re.sub(r"(.)\1+", r"\1", "".join(_ARABIC.get(ch, "") for ch in (w[:-1] if w.endswith("ه") else w)))
                   for w in words)


@lru_cache(maxsize=262_144)
def family_key(name: str) -> str:
    """The consonant family of a name, in Latin letters, Kurmanji or Arabic script."""
    if not name:
        return ""
    if is_arabic(name):
        key = _arabic_key(name)
    else:
        words = _fold(name)
        key = "".join(_word_keys(words))
    return key.replace("nb", "mb")  # Turnabah, Turumbah


def _word_keys(words: list[str]) -> list[str]:
    """Each folded word's key, the last word's -h and a -t before another word treated as they are."""
    return [_word_key(w, i + 1 == len(words)) for i, w in enumerate(words)]


# English words ACLED and the press put before a name for the Arabic qualifier after it ("Western Ghariyeh" is
# al-Ghariyah al-Gharbiyah, "Big Khwein" Khuwayn al-Kabir), each with that qualifier's Latin spellings.
QUALIFIERS = {"western": ("gharbi",), "west": ("gharbi",), "eastern": ("sharqi",), "east": ("sharqi",),
              "northern": ("shamali",), "north": ("shamali",), "southern": ("janubi",), "south": ("janubi",),
              "upper": ("fawqani", "ulya"), "lower": ("tahtani", "sufla"), "big": ("kabir",), "great": ("kabir",),
              "greater": ("kabir",), "small": ("saghir",), "little": ("saghir",), "old": ("qadim",),
              "new": ("jadid",), "middle": ("wastani", "wusta"), "central": ("wastani", "wusta")}


# English names inside Arabic ones ("Kafr Aleppo" is Kafr Halab, "Sahm El Golan" Saham al-Jawlan).
EXONYMS = {"aleppo": "halab", "golan": "jawlan", "damascus": "dimashq", "euphrates": "furat"}


def spellings(name: str) -> list[str]:
    """``name`` and the forms it stands for: an English qualifier written as the Arabic one, after the name
    ("Western Ghariyeh": "Ghariyeh gharbi"; family keys drop the feminine ending, so gharbi is gharbiyah too),
    an English name inside it as the Arabic one, and "X Castle" as Qal`at X."""
    words = name.split()
    first = words[0].lower() if words else ""
    out = [name]
    if len(words) >= 2 and first in QUALIFIERS:
        out += [" ".join(words[1:] + [q]) for q in QUALIFIERS[first]]
    if len(words) >= 2 and any(w.lower() in EXONYMS for w in words):
        out.append(" ".join(EXONYMS.get(w.lower(), w) for w in words))
    if len(words) >= 2 and words[-1].lower() == "castle":
        out.append(" ".join(["qalat", *words[:-1]]))
    return out


_QUALIFIER_STEMS = ("gharb", "sharq", "shamal", "janub", "kabir", "kbir", "saghir", "sghir", "tahtan", "fawqan",
                    "foqan", "fouqan", "wastan", "wusta", "jadid", "qadim", "ulya", "sufla")


# Words for a kind of place that one spelling puts before a name and another leaves out (Tall Abu Rasayn and
# Abu Rasin, Kherbet Sheikh Aqil and Shaykh `Aqil, Hersh Banin, the woods of Banin); Turkish and Kurdish "village"
# after one (Abdi Koy).
KIND_PREFIXES = {"tall", "tal", "tell", "tel", "til", "tulul", "khirbat", "khirbet", "kherbet", "kherbeh", "khirbeh",
                 "hersh", "hirsh", "qaryat", "mazraat", "mazrat"}
KIND_SUFFIXES = {"koy", "koyu", "gund"}


@lru_cache(maxsize=262_144)
def core(name: str) -> tuple[str, frozenset[str]]:
    """The family key of a name without the words for its kind before it and its qualifiers after it (Tall Abu
    Rasayn and Abu Rasin, Shamsani ash-Sharqi and al-Shamsani), and those qualifiers, by stem: Upper Marwana is
    not Marwanah Tahtani. Coarser still than a family: asked only very close to a place."""
    if is_arabic(name):
        return family_key(name), frozenset()
    words, stems = _fold(name), set()
    while len(words) > 1 and (words[0] in KIND_PREFIXES or words[0] in QUALIFIERS):
        stems |= {_stem(words[0])} - {""}
        words = words[1:]
    while len(words) > 1 and (words[-1] in KIND_SUFFIXES or (stem := _stem(words[-1]))):
        stems |= {stem} if words[-1] not in KIND_SUFFIXES else set()
        words = words[:-1]
    return "".join(_word_keys(words)).replace("nb", "mb"), frozenset(stems)


@lru_cache(maxsize=262_144)
def word_count(name: str) -> int:
    """The words of a name, articles left out: "Rasm Haram El-Imam" has three, "Rasm al Harmal" two, so the
    one is no misspelling of the other, however alike their families."""
    return len(normalize(name).split()) if is_arabic(name) else len(_fold(name))


@lru_cache(maxsize=262_144)
def words_key(name: str) -> tuple[str, ...]:
    """The family keys of a name's words, without the words for its kind before it: "Tall Samn Missak" is (smn,
    msk). One name's words leading the other's ("Tal Samn", "Tokhar" and Tukhar Taymu) is weak evidence,
    asked only at the place itself."""
    if is_arabic(name):
        return ()
    words = _fold(name)
    while len(words) > 1 and words[0] in KIND_PREFIXES:
        words = words[1:]
    return tuple(_word_keys(words))


def _stem(word: str) -> str:
    """The qualifier a folded word is, as its stem ('' if none): Tahtaniyah and tahtani are tahtan."""
    if word in QUALIFIERS:
        word = QUALIFIERS[word][0]
    return next((s for s in _QUALIFIER_STEMS if word.startswith(s)), "")


def qualifier(word: str) -> bool:
    """A word that tells a place from its namesake (Western, al-Gharbi, Tahtani...): never dropped from a name."""
    folded = _fold(word)
    return bool(folded) and bool(_stem(folded[-1]))
