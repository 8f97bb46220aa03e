"""The words around place names: what marks a word as a place, what marks it as something else.

Plain data, kept apart from the code that reads it (geo/geoparse.py), so it can be extended and tested in
one table of negative cases (tests/unit/geo/test_geoparse.py). Common words are told from names by their
frequency in English and Arabic (the ``wordfreq`` package, loaded on first use).
"""
from __future__ import annotations

import re
from functools import lru_cache

# -- cues before a name ---------------------------------------------------------------------------------
# A strong cue makes the next name a place whatever it is ("the village of Hurriya"); a weak one lets a
# rarer name count as a place ("in Kafr Nabl") but not a common word ("in Revolution").
STRONG_CUES_EN = ["the town of", "town of", "the city of", "city of", "the village of", "village of",
                  "the villages of", "villages of", "the towns of", "towns of", "the district of", "district of",
                  "neighbourhood of", "neighborhood of", "the suburb of", "suburb of", "camp of", "the camp of",
                  "outskirts of", "countryside of", "province of", "governorate of", "sub-district of",
                  "the area of", "the region of", "besieged", "the besieged", "the countryside of",
                  # Kurmanji: the village, town, district, quarter of
                  "gundê", "gundên", "bajarê", "navçeya", "herêma", "taxa", "kantona"]
WEAK_CUES_EN = ["in", "near", "at", "around", "outside", "inside", "across", "from", "to", "into", "towards",
                "toward", "between", "through", "of", "on", "and", "nearby", "west of", "east of", "north of",
                "south of",
                # Kurmanji: in, from, to, near ("li Kobaniyê", "ji Qamişloyê")
                "li", "ji", "bo", "nêzî", "ber", "û"]
# Kurmanji words before a name that say what it is ("Bendava Tişrînê", the Tishreen dam), in the forms met.
KURDISH_TYPES = {"bendav": "dam", "bendava": "dam", "gund": "village", "gundê": "village", "bajar": "city",
                 "bajarê": "city", "navçe": "district", "navçeya": "district", "herêm": "region", "herêma": "region",
                 "tax": "neighbourhood", "taxa": "neighbourhood", "kampa": "camp", "kampê": "camp",
                 "pir": "", "pira": "", "gir": "", "girê": ""}  # a bridge, a hill: named after the place
# Arabic: the word before the name, after a one-letter prefix (و، ف، ب، ل، ك) is taken off. "حرش X", the
# woods of X, names X.
STRONG_CUES_AR = ["مدينة", "مدينتي", "مدن", "بلدة", "بلدتي", "بلدات", "قرية", "قريتي", "قرى", "مخيم", "مخيمات",
                  "حي", "أحياء", "ريف", "محافظة", "محافظتي", "منطقة", "ناحية", "معبر", "مطار", "مدينه", "بلده", "قريه"]
WEAK_CUES_AR = ["في", "من", "إلى", "الى", "قرب", "بالقرب", "حول", "نحو", "على", "عن", "بين", "داخل", "خارج",
                "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "أطراف", "محيط", "مناطق", "جسر",
                "حرش", "أحراش", "احراش"]
AR_PREFIXES = "وفبلك"
# Words no Arabic place name holds: prepositions, pronouns, particles (alone or with a pronoun suffix).
AR_FUNCTION_WORDS = {"في", "من", "إلى", "الى", "على", "عن", "مع", "بين", "داخل", "خارج", "قرب", "حول", "نحو", "عند",
                     "إليها", "إليه", "اليها", "اليه", "عليها", "عليه", "فيها", "فيه", "منها", "منه", "عنها", "عنه",
                     "بها", "به", "لها", "له", "معها", "معه", "التي", "الذي", "الذين", "هذا", "هذه", "ذلك", "تلك",
                     "أن", "إن", "ان", "كان", "كانت", "قد", "لقد", "ثم", "أو", "او", "لا", "لم", "لن", "ما", "هو", "هي",
                     "هم", "نحن", "كل", "بعد", "قبل", "خلال", "حتى", "منذ", "أمام", "امام", "ضد", "عبر"}

# Words after a name that say what kind of place it is ("Idlib province", "Yarmouk camp").
AFTER_TYPES_EN = {"province": "governorate", "governorate": "governorate", "district": "district",
                  "sub-district": "subdistrict", "subdistrict": "subdistrict", "town": "town", "city": "city",
                  "village": "village", "camp": "camp", "crossing": "crossing", "countryside": "governorate",
                  "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood", "airport": "airport",
                  "airbase": "military base", "highway": "road", "base": "military base", "prison": "prison",
                  "dam": "dam", "field": "oil field", "fields": "oil field", "refinery": "facility"}
BEFORE_TYPES_AR = {"مدينة": "city", "مدينه": "city", "بلدة": "town", "بلده": "town", "قرية": "village",
                   "قريه": "village", "مخيم": "camp", "حي": "neighbourhood", "محافظة": "governorate",
                   "منطقة": "district", "ناحية": "subdistrict", "معبر": "crossing", "مطار": "airport"}
BEFORE_TYPES_EN = {"town": "town", "towns": "town", "city": "city", "cities": "city", "village": "village",
                   "villages": "village", "district": "district", "neighbourhood": "neighbourhood",
                   "neighborhood": "neighbourhood", "camp": "camp", "suburb": "neighbourhood",
                   "province": "governorate", "governorate": "governorate", "sub-district": "subdistrict"}
# "rural Idlib", "Idlib countryside", "ريف إدلب": the governorate named, read as its countryside.
COUNTRYSIDE_BEFORE = re.compile(r"(?:rural|the\s+countryside\s+of|countryside\s+of|ريف|بريف|وريف|لريف)\s+$", re.I)
COUNTRYSIDE_AFTER = re.compile(r"^\s+(?:countryside|province|governorate)\b", re.I)

# -- what is never a Syrian place -----------------------------------------------------------------------
# "Syria" itself, its adjective and the wider region are not place mentions.
COUNTRY_WORDS = {"syria", "syrian", "syrians", "levant", "syrian arab republic", "سوريا", "سورية", "السورية",
                 "السوري", "الجمهورية العربية السورية", "سوريه"}
# Names that contain place-like words but name something else; masked before places are looked for.
NOT_PLACES = [
    "تجمع أحرار حوران", "أحرار حوران", "Horan Free League",
    # Kurmanji: the SDF, YPG, the administration, outlets ("HSDyê": of the SDF)
    "HSD", "HSDyê", "HSDê", "YPG", "YPJ", "PYD", "PKK", "Asayîş", "Asayîşê", "Rêveberiya Xweser", "Rûdaw",
    "Rûdawê", "Kurdistan24", "ANHA", "Hawarnews", "Şîrove",
    "Hayat Tahrir al-Sham", "Tahrir al-Sham", "Ahrar al-Sham", "Jaish al-Islam", "Jabhat al-Nusra", "Faylaq al-Sham",
    "Bilad al-Sham", "Syrian Democratic Forces", "Syrian National Army", "Syrian National Coalition",
    "National Coalition for Syrian Revolution and Opposition Forces", "National Coalition of Syrian Revolution and Opposition Forces",
    "Syrian Revolution", "Free Syrian Army", "Damascus Declaration", "Aleppo Media Center", "Bashar al-Assad",
    "Hafez al-Assad", "al-Assad", "Assad", "Jaysh al-Fatah", "Jaish al-Fatah", "Jabhat Fateh al-Sham",
    "Islamic State", "Hurras al-Din", "Liwa al-Quds", "Quds Force", "Sham Legion", "Aleppo Conquest",
    "Revolutionary Commando Army", "Syrian Observatory for Human Rights", "Damascus University", "Aleppo University",
    "Tishreen University", "Homs Refinery", "Ghouta Media Center", "Raqqa is Being Slaughtered Silently",
    "هيئة تحرير الشام", "تحرير الشام", "أحرار الشام", "جيش الإسلام", "جبهة النصرة", "فيلق الشام",
    "بلاد الشام", "قوات سوريا الديمقراطية", "الجيش الوطني السوري", "الائتلاف الوطني", "الجيش السوري الحر",
    "الجيش الحر", "بشار الأسد", "حافظ الأسد", "الأسد", "تنظيم الدولة", "الدولة الإسلامية", "جيش الفتح",
    "الثورة السورية", "قوى الثورة والمعارضة", "الثورة والمعارضة", "المرصد السوري", "حراس الدين",
    "الإدارة الذاتية", "Autonomous Administration", "حلب اليوم", "Halab Today", "Aleppo Today", "صدى الشام",
    "درع الساحل", "Coastal Shield", "عنب بلدي", "Enab Baladi", "Deir ez-Zor 24", "دير الزور 24", "Suwayda 24",
    "السويداء 24", "Raqqa Post", "Hawar", "Jisr Press", "Idlib Post", "Aleppo 24", "حلب 24", "Mazloum Abdi",
    "مظلوم عبدي", "Mazloum Kobani", "Hakki Kobani",
]
# Abbreviated titles: the words after them are a person's name ("Dr. Mufaddal Hamadeh").
# ("Sheikh" is not among them: Sheikh Maqsoud and Sheikh Miskin are places.)
TITLES = ["Dr.", "Dr", "Gen.", "Brig.", "Col.", "Lt.", "Maj.", "Sgt.", "Capt.", "Mr.", "Mrs.", "Ms.", "St.", "Prof.",
          "Sen.", "Rep.", "Amb.", "H.E.", "President", "Minister", "Ambassador", "Envoy", "Patriarch", "Bishop",
          "Mufti", "King", "Prince", "Emir", "د.", "الدكتور", "الرئيس", "الوزير", "اللواء", "العميد", "العقيد",
          "المطران", "البطريرك", "المبعوث", "السفير", "الجنرال", "القائد", "المدعو", "السيد", "الشهيد",
          "General", "Commander", "Mr", "Ms"]
# Places abroad that our sources name beside Syrian ones, and that must never become Syrian places
# (Syria has villages called Tarabulus, Beirut and Sinjar; a statement that names them means abroad).
FOREIGN_PLACES = [
    # Kurmanji forms, with their oblique endings
    "Tirkiye", "Tirkiyê", "Tirkiyeyê", "Iraq", "Iraqê", "Îraq", "Îraqê", "Îran", "Îranê", "Rûsya", "Rûsyayê",
    "Amerîka", "Amerîkayê", "Emerîka", "Ewropa", "Ewropayê", "Başûrê Kurdistanê", "Bakurê Kurdistanê",
    "Hewlêr", "Hewlêrê", "Silêmanî", "Duhokê", "Enqere", "Enqereyê", "Stenbol", "Şengal", "Şingal",
    "Geneva", "Astana", "Nur-Sultan", "Sochi", "Vienna", "Moscow", "Washington", "New York", "London", "Paris",
    "Brussels", "Berlin", "Ankara", "Istanbul", "Gaziantep", "Antep", "Hatay", "Antakya", "Reyhanli", "Reyhanlı",
    "Kilis", "Sanliurfa", "Şanlıurfa", "Urfa", "Akcakale", "Akçakale", "Ceylanpinar", "Ceylanpınar", "Nusaybin",
    "Mardin", "Adana", "Mersin", "Beirut", "Tripoli", "Arsal", "Akkar", "Bekaa", "Baalbek", "Hermel", "Sidon", "Tyre",
    "Amman", "Zaatari", "Za'atari", "Azraq", "Mafraq", "Irbid", "Ramtha", "Baghdad", "Erbil", "Mosul", "Sinjar",
    "Duhok", "Dohuk", "Kurdistan Region", "Qaim", "Al-Qaim", "Tehran", "Riyadh", "Jeddah", "Doha", "Cairo", "Abu Dhabi",
    "Dubai", "Kuwait", "Muscat", "Jerusalem", "Tel Aviv", "Haifa", "Gaza", "Ramallah", "Tiberias", "Lebanon",
    "Turkey", "Türkiye", "Jordan", "Iraq", "Israel", "Iran", "Russia", "Egypt", "Qatar", "Europe",
    "جنيف", "أستانا", "سوتشي", "فيينا", "موسكو", "واشنطن", "نيويورك", "لندن", "باريس", "بروكسل", "برلين", "أنقرة",
    "إسطنبول", "اسطنبول", "غازي عنتاب", "عنتاب", "هاتاي", "أنطاكيا", "الريحانية", "كلس", "أورفا", "شانلي أورفا",
    "أقجة قلعة", "نصيبين", "ماردين", "بيروت", "طرابلس", "عرسال", "عكار", "البقاع", "بعلبك", "الهرمل", "صيدا", "صور",
    "عمان", "عمّان", "الزعتري", "الأزرق", "المفرق", "إربد", "الرمثا", "بغداد", "أربيل", "الموصل", "سنجار", "دهوك",
    "القائم", "طهران", "الرياض", "جدة", "الدوحة", "القاهرة", "أبوظبي", "دبي", "الكويت", "القدس", "تل أبيب", "حيفا",
    "غزة", "رام الله", "طبريا", "لبنان", "تركيا", "الأردن", "العراق", "إسرائيل", "إيران", "روسيا", "مصر", "قطر",
    "السعودية", "فلسطين", "أوروبا",
]
# Capitalised words that follow "in" or "near" without being places.
NOT_NAMES = {"Operation", "Regime", "Aggression", "Coalition", "Council", "Syria", "Syrian", "Government",
             "Statement", "Resolution", "Article", "Islam", "Islamic", "Christian", "Muslim", "Arab", "Arabic",
             "English", "Kurdish", "Ramadan", "Eid", "International", "Human", "Rights", "Security", "General",
             "Assembly", "Union", "State", "States", "New", "January", "February", "March", "April", "May", "June",
             "July", "August", "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday",
             "Thursday", "Friday", "Saturday", "Sunday", "The", "This", "That", "These", "Our", "We", "It", "He",
             "She", "They", "His", "Her", "Their", "Its", "A", "An", "In", "On", "At", "For", "With", "As"}
# First words of many compound names ("Tell Rifaat", "Ras al-Ain"); alone they are rarely the place meant.
NAME_PREFIXES = {"tell", "tall", "tal", "ras", "jisr", "kafr", "ayn", "ain", "deir", "dayr", "khan", "bab", "wadi",
                 "jabal", "jebel", "abu", "umm", "bir", "beit", "bayt", "hayy", "harat", "tel"}
AR_NAME_PREFIXES = {"جبل", "تل", "عين", "راس", "خان", "دير", "كفر", "بير", "ابو", "ام", "جسر", "وادي", "سهل", "قلعه",
                    "مزرعه", "خربه", "تله", "حي", "دوار", "ساحه", "شارع", "جامع", "مشفي", "قصر", "رسم", "رجم", "جب",
                    "شيخ", "بيت", "حوش", "مرج", "نبع", "تلول", "عيون", "معره", "مزارع", "زور", "ضهر", "بئر"}
# The words that begin Arabic names, as written (AR_NAME_PREFIXES holds their folded forms), and those that begin
# a name whatever precedes them (not أبو, شيخ, بيت: people and houses too).
AR_NAME_STARTS = ["تل", "تلة", "عين", "رأس", "راس", "خان", "دير", "كفر", "بئر", "بير", "أبو", "ابو", "أم", "ام",
                  "جسر", "وادي", "سهل", "قلعة", "مزرعة", "خربة", "حي", "دوار", "ساحة", "قصر", "رسم", "رجم", "جب",
                  "شيخ", "الشيخ", "بيت", "حوش", "مرج", "نبع", "تلول", "عيون", "معرة", "مزارع", "زور", "ضهر", "جبل"]
AR_NAME_STARTS_STRONG = {"تل", "تلة", "عين", "كفر", "خربة", "دير", "رسم", "رجم", "جب", "مزرعة", "حوش", "تلول"}
# Words after an Arabic name that are part of it: "تل الأحمر الشرقي", "مخلف شمالي".
AR_NAME_QUALIFIERS = {"الشرقي", "الغربي", "الشمالي", "الجنوبي", "الكبير", "الصغير", "الفوقاني", "التحتاني", "القبلي",
                      "الشرقية", "الغربية", "الشمالية", "الجنوبية", "الكبيرة", "الصغيرة", "الفوقانية", "التحتانية",
                      "شرقي", "غربي", "شمالي", "جنوبي", "كبير", "صغير", "فوقاني", "تحتاني", "قبلي", "الجديدة", "القديمة"}
# Arabic plural cues ("قرى", "بلدات"): an indefinite common word after one is an adjective ("قرى جديدة", new
# villages), not a name.
AR_PLURAL_CUES = {"قرى", "بلدات", "مدن", "مناطق", "أحياء", "مخيمات", "قريتي", "بلدتي", "مدينتي"}
# Arabic words that are place names and far more often ordinary words: a name only with a strong cue
# ("مدينة الباب") or a named governorate or district beside it ("الباب شرقي حلب").
GUARDED_AR = {"الباب", "التل", "الثورة", "ثورة", "السلمية", "سلمية", "الحرية", "السلام", "النصر", "القصير",
              "الميادين", "الشيخ", "العين", "الجديدة", "المدينة", "السعودية", "القاهرة", "الرياض", "الملك",
              "الشرقية", "الغربية", "الشمالية", "الجنوبية", "الحسينية", "المزرعة", "الصناعة", "المحطة",
              "الكنيسة", "السجن", "المشفى", "المدرسة", "الجامع", "الجامعة", "العمال", "الفرقان", "الأمل",
              # "the visit", "woods", "harvest", "medical services", "countrysides", "the balance"
              "الزيارة", "زيارة", "حرش", "الحرش", "قطاف", "الطبابة", "طبابة", "أرياف", "ارياف", "التوازن"}
# Endings of an Arabic word with a pronoun attached ("مقاتليها", its fighters; "قلعتها", its castle): such a word
# is not a name, whatever village a gazetteer spells like it.
AR_PRONOUN_ENDINGS = ("ها", "هم", "هما", "هن", "كم", "كما", "نا")
# English words that are the translation of a place's name, or a press nickname for it: never a place alone.
GUARDED_EN = {"revolution", "country", "center", "centre", "counter", "century", "capital", "city", "camp", "freedom",
              "peace", "victory", "liberation", "island", "station", "fields", "airport", "crossing"}
VERY_COMMON = 4.5  # even after "the village of", a word this common is not taken for a name
RARE = {"ar": 2.6, "en": 3.0}  # below this, "in X" or "وX" is cue enough for a village's one-word name
COMMON_EN = 3.5  # zipf frequency from which an English word is too common to be a name on its own
COMMON_AR = 4.0


@lru_cache(maxsize=1)
def _frequencies():
    from wordfreq import zipf_frequency  # loaded on first use: about 0.3 s per language

    return zipf_frequency


@lru_cache(maxsize=100_000)
def frequency(word: str, lang: str) -> float:
    """How common ``word`` is in ``lang`` ("en" or "ar"), as a zipf value (7 = "the", 3 = rare)."""
    return _frequencies()(word, lang)


def common_word(word: str) -> bool:
    """A word far more often an ordinary word than a name: "Revolution", "Center", "تحت"."""
    if re.search("[\u0600-\u06ff]", word):
        return word in GUARDED_AR or frequency(word, "ar") >= COMMON_AR
    return word.lower() in GUARDED_EN or frequency(word.lower(), "en") >= COMMON_EN


# -- a capital named for its government ------------------------------------------------------------------------
# "Damascus must withdraw", "the SDF's talks with Damascus", "دمشق ترفض", "بين دمشق وقسد": the government, not the
# place. Such a mention is not a place reference (the map leaves it out); ingest lists it apart, as a metonym.
CAPITALS = {"damascus"}  # place ids of the capitals read this way
_GOVERNMENT_VERBS_EN = (r"will|would|must|should|can|could|cannot|says?|said|announced?|agreed?|"
                        r"rejects?|rejected|refused?|denied|denies|accused?|accuses|wants?|insists?|insisted|demands?|"
                        r"demanded|responded|signed|sent|declared|welcomed?|condemned?|warned?|accepted?|launched|"
                        r"seeks?|sought|hopes?|plans?|claims?|claimed|blamed?|vowed?|pledged?|threatened|refuses")
METONYM_AFTER_EN = re.compile(r"^(?:'s|’s)?\s+(?:(?:government|authorities|regime|leadership|officials?)\b|(?:"
                              + _GOVERNMENT_VERBS_EN + r")\b)", re.I)
METONYM_BEFORE_EN = re.compile(r"\b(?:talks|negotiations|agreement|deal|accord|dialogue|relations|ties|contacts?|"
                               r"pressure|integration|reconciliation|understanding|arrangement|rapprochement|"
                               r"normali[sz]ation|engagement|negotiate[sd]?|negotiating|agreed|signed|met|meet|"
                               r"meeting|cooperation|coordination|clashes|fighting|war|ceasefire|truce)\s+(?:\w+\s+){0,2}"
                               r"(?:with|between|on|by|against)\s+$", re.I)
METONYM_AFTER_AR = re.compile(r"^\s+(?:ترفض|رفضت|تطالب|طالبت|أعلنت|اعلنت|تعلن|وافقت|توافق|اتهمت|تتهم|قالت|تقول|"
                              r"أكدت|تؤكد|ترحب|رحبت|تنفي|نفت|أبلغت|تسعى|سعت|تريد|حذرت|تحذر|تدين|أدانت|وقعت|توقع)")
METONYM_AFTER_AR_PARTNER = re.compile(r"^\\s+و(?:قوات|قسد|الإدارة|حكومة|الحكومة|تركيا|أنقرة|موسكو|واشنطن|إسرائيل|"
                                      r"طهران|عمان|بيروت|بغداد|الأكراد|المجلس)")
METONYM_BEFORE_AR = re.compile(r"(?:(?:اتفاق|الاتفاق|تفاهم|محادثات|مفاوضات|هدنة|الهدنة)[^.،]{0,40}بين|فصائل|قوات|جيش|"
                               r"ميليشيات|حكومة|سلطات|الحكومة في|السلطات في|نظام|مع|اتفاق|الاتفاق مع|مفاوضات مع|"
                               r"محادثات مع|حوار مع|علاقات مع)\s+$")
