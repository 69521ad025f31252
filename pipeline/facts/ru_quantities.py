"""Quantities in Russian text: the Russian counterpart of `quantities.extract_passage`.

`extract_russian(text, sentence_spans, dates=None)` returns `Quantity` objects (the English
module's dataclass and conventions) for every amount written in digits or in number words:

* digits with Russian grouping and decimals: `1 500`, `1\u00a0500`, `2,5`, `2.5`, magnitudes
  `тыс.`, `тысяч`, `млн`, `миллионов`, `млрд`, `трлн` (`2,5 млн` = 2500000);
* number words in every case and gender (pymorphy2 normal forms, cached): `двух тысяч пятисот`
  = 2500, `сорока двух` = 42, collectives `трое` = 3, `полторы тысячи` = 1500, `оба` = 2;
* hedges (`не менее`, `более`, `свыше` -> at_least; `не более`, `до`, `менее`, `почти` ->
  at_most; `около`, `порядка`, `примерно` -> about; `с лишним`, `и более` after -> at_least);
* ranges as one figure (`от 10 до 15`, `10–15`, `от двух до трёх тысяч`, `двух-трёх`);
* vague amounts after the project convention (docs/facts.md, tests/gold/facts/README.md):
  qualifier `vague`, value_low = twice the base, value_high None (`десятки` 20, `сотни` 200,
  `тысячи` 2000, `десятки тысяч` 20000, `несколько сотен` 200); the closed reading
  (`десятки` = 10..99) is kept in `extra["span"]`; `около сотни` = about 100;
* units: `percent`, currencies RUB KZT USD EUR (GBP, CNY), time units for terms (`year`,
  `month`, `day`, `week`, `hour`, ...), `ratio` for `в 2 раза`, `person` when the counted
  noun is a person; `head` is the counted noun's normal form (`человек`, `демонстрант`,
  `погибший`), `head_start` its offset.

Not amounts: years, dates (`16 декабря`, `16.12.2011`, the `dates` spans), clock times, ages,
ordinals, addresses, article and document numbers, phone numbers, model names (`Ту-154`),
scores (`2:1`), relative offsets (`5 лет назад`, `через 2 дня`), `один из ...` (like English
`one of`; flip ONE_OF_IS_FIGURE to count it).

Measure and attribution are left to measure.py and attribution.py (measure "other",
attribution None). Every value is a finite float; any input returns a list in linear time:
each figure looks at a bounded window of tokens around it.
"""

from __future__ import annotations

import bisect
import inspect
import math
import re
import threading
import types
from functools import lru_cache

from pipeline.facts.measure import MONEY_UNITS
from pipeline.facts.quantities import Quantity

ONE_OF_IS_FIGURE = False   # "один из задержанных": English `one of` is no figure; keep the languages alike

# ----------------------------------------------------------------------------------------------
# pymorphy2, loaded once on first use
# ----------------------------------------------------------------------------------------------
_MORPH = None
_MORPH_LOCK = threading.Lock()


def _morph():
    """The shared MorphAnalyzer, or False when pymorphy2 cannot be loaded (digits still work)."""
    global _MORPH
    if _MORPH is None:
        with _MORPH_LOCK:
            if _MORPH is None:
                try:
                    import pymorphy2.units.base as _base
                    if not hasattr(_base.inspect, "getargspec"):
                        # pymorphy2 0.9.1 calls inspect.getargspec, gone in Python 3.11: give only its
                        # module a shim instead of patching the global `inspect`
                        _base.inspect = types.SimpleNamespace(
                            getargspec=lambda f: tuple(inspect.getfullargspec(f))[:4])
                    import pymorphy2
                    _MORPH = pymorphy2.MorphAnalyzer()
                except Exception:  # noqa: BLE001 - a missing or broken analyser must not break the stage
                    _MORPH = False
    return _MORPH


# numeral lemmas -> (value, class); class: u units, t teens, d tens, h hundreds, s scale,
# c collective, f fraction (полтора), o один, z ноль
NUMERALS: dict[str, tuple[float, str]] = {
    "ноль": (0, "z"), "нуль": (0, "z"), "один": (1, "o"), "два": (2, "u"), "три": (3, "u"),
    "четыре": (4, "u"), "пять": (5, "u"), "шесть": (6, "u"), "семь": (7, "u"), "восемь": (8, "u"),
    "девять": (9, "u"), "десять": (10, "t"), "одиннадцать": (11, "t"), "двенадцать": (12, "t"),
    "тринадцать": (13, "t"), "четырнадцать": (14, "t"), "пятнадцать": (15, "t"), "шестнадцать": (16, "t"),
    "семнадцать": (17, "t"), "восемнадцать": (18, "t"), "девятнадцать": (19, "t"),
    "двадцать": (20, "d"), "тридцать": (30, "d"), "сорок": (40, "d"), "пятьдесят": (50, "d"),
    "шестьдесят": (60, "d"), "семьдесят": (70, "d"), "восемьдесят": (80, "d"), "девяносто": (90, "d"),
    "сто": (100, "h"), "двести": (200, "h"), "триста": (300, "h"), "четыреста": (400, "h"),
    "пятьсот": (500, "h"), "шестьсот": (600, "h"), "семьсот": (700, "h"), "восемьсот": (800, "h"),
    "девятьсот": (900, "h"),
    "тысяча": (1e3, "s"), "миллион": (1e6, "s"), "миллиард": (1e9, "s"), "триллион": (1e12, "s"),
    "полтора": (1.5, "f"), "оба": (2, "c"),
    "двое": (2, "c"), "трое": (3, "c"), "четверо": (4, "c"), "пятеро": (5, "c"), "шестеро": (6, "c"),
    "семеро": (7, "c"), "восьмеро": (8, "c"), "девятеро": (9, "c"), "десятеро": (10, "c"),
}
_RANK = {"h": 3, "d": 2, "t": 1, "u": 1, "o": 1, "z": 1, "f": 1, "c": 1}
# vague bases: the plural means "at least twice the base" (project convention); span = closed reading
VAGUE_BASES = {"десяток": 10, "сотня": 100, "тысяча": 1000, "миллион": 1e6, "миллиард": 1e9, "дюжина": 12}
VAGUE_SPAN = {10: (10, 99), 100: (100, 999), 1000: (1000, 9999), 1e6: (1e6, 1e9 - 1), 1e9: (1e9, 1e12 - 1),
              12: (24, None)}
_HALF = {"полсотни": 50.0, "полтысячи": 500.0, "полмиллиона": 5e5, "полмиллиарда": 5e8}
_HALF_UNIT = {"полгода": ("year", "год"), "полчаса": ("hour", "час"), "полмесяца": ("month", "месяц"),
              "полдня": ("day", "день")}
_PLURAL_FORMS = {"десяток": ("десятки", "десятков", "десяткам", "десятками", "десятках"),
                 "сотня": ("сотни", "сотен", "сотням", "сотнями", "сотнях"),
                 "тысяча": ("тысячи", "тысяч", "тысячам", "тысячами", "тысячах"),
                 "миллион": ("миллионы", "миллионов", "миллионам", "миллионами", "миллионах"),
                 "миллиард": ("миллиарды", "миллиардов", "миллиардам", "миллиардами", "миллиардах"),
                 "дюжина": ("дюжины", "дюжин", "дюжинам", "дюжинами", "дюжинах")}
_SEVERAL = {"несколько", "нескольких", "нескольким", "несколькими", "многие", "многих", "многим", "многими"}

MULT_ABBR = {"тыс": 1e3, "млн": 1e6, "млрд": 1e9, "трлн": 1e12, "тысяч": 1e3, "миллиона": 1e6}
_SCALE_LEMMAS = {"тысяча": 1e3, "миллион": 1e6, "миллиард": 1e9, "триллион": 1e12}

TIME_LEMMAS = {"год": "year", "месяц": "month", "сутки": "day", "день": "day", "неделя": "week",
               "час": "hour", "минута": "minute", "секунда": "second", "ночь": "night",
               "десятилетие": "decade", "полгода": "year"}
MEASURE_LEMMAS = {"километр": "km", "метр": "metre", "сантиметр": "cm", "миллиметр": "mm", "килограмм": "kg",
                  "грамм": "gram", "тонна": "tonne", "гектар": "hectare", "литр": "litre", "градус": "degree",
                  "баррель": "barrel"}
MEASURE_ABBR = {"км": "km", "м": "metre", "см": "cm", "мм": "mm", "кг": "kg", "г": "gram", "т": "tonne",
                "га": "hectare", "л": "litre"}
MONTHS = {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
          "ноября", "декабря", "янв", "фев", "февр", "мар", "апр", "июн", "июл", "авг", "сен", "сент", "окт",
          "ноя", "нояб", "дек"}
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "₽": "RUB", "₸": "KZT", "£": "GBP", "¥": "CNY"}
# lemmas of the currencies of the countries Russian-language news reports on (ISO 4217 codes)
_REGIONAL = {"гривна": "UAH", "гривня": "UAH", "сом": "KGS", "сомони": "TJS", "сум": "UZS", "лари": "GEL",
             "драм": "AMD", "манат": "AZN", "лей": "MDL", "йена": "JPY", "иена": "JPY", "франк": "CHF",
             "лира": "TRY", "злотый": "PLN", "грн": "UAH"}
_REGIONAL.update({"сомов": "KGS", "сома": "KGS", "сомах": "KGS", "сомами": "KGS", "гривен": "UAH", "гривны": "UAH"})
# an adjective of a country before its currency ("белорусских рублей", "американских долларов")
_COUNTRY_ADJECTIVES = ("белорус", "российск", "американск", "казахстанск", "кыргызск", "киргизск", "украинск")
_CUR_CODES = {"usd": "USD", "eur": "EUR", "rub": "RUB", "kzt": "KZT", "gbp": "GBP", "cny": "CNY"}

# hedges before a number, by words (lower case, ё -> е)
HEDGES = [
    ("не менее чем", "at_least"), ("не меньше чем", "at_least"), ("не менее", "at_least"),
    ("не меньше", "at_least"), ("как минимум", "at_least"), ("по меньшей мере", "at_least"),
    ("по крайней мере", "at_least"), ("более чем", "at_least"), ("больше чем", "at_least"),
    ("чуть более", "at_least"), ("чуть больше", "at_least"), ("немногим более", "at_least"),
    ("немногим больше", "at_least"), ("чуть свыше", "at_least"), ("минимум", "at_least"),
    ("более", "at_least"), ("больше", "at_least"), ("свыше", "at_least"),
    ("не более чем", "at_most"), ("не больше чем", "at_most"), ("не более", "at_most"),
    ("не больше", "at_most"), ("не свыше", "at_most"), ("вплоть до", "at_most"), ("менее чем", "at_most"),
    ("меньше чем", "at_most"), ("чуть менее", "at_most"), ("чуть меньше", "at_most"),
    ("немногим менее", "at_most"), ("немногим меньше", "at_most"), ("максимум", "at_most"),
    ("менее", "at_most"), ("меньше", "at_most"), ("почти", "at_most"), ("до", "at_most"),
    ("около", "about"), ("порядка", "about"), ("примерно", "about"), ("приблизительно", "about"),
    ("ориентировочно", "about"), ("почти около", "about"),
    ("ровно", "exact"), ("всего", "exact"), ("лишь", "exact"), ("только", "exact"),
    # verbs of exceeding and falling short: "ущерб превысил 2 млн" is more than 2 million
    ("превысил", "at_least"), ("превысила", "at_least"), ("превысило", "at_least"), ("превысили", "at_least"),
    ("превысит", "at_least"), ("превысят", "at_least"), ("превышает", "at_least"), ("превышают", "at_least"),
    ("превышал", "at_least"), ("превышала", "at_least"), ("превышало", "at_least"), ("превышали", "at_least"),
    ("не превысил", "at_most"), ("не превысила", "at_most"), ("не превысило", "at_most"),
    ("не превысит", "at_most"), ("не превышает", "at_most"), ("не превышают", "at_most"),
    ("не достигает", "at_most"), ("не достиг", "at_most"), ("не достигла", "at_most"),
]
_HEDGES = sorted(((tuple(w.split()), q) for w, q in HEDGES), key=lambda x: -len(x[0]))
_HEDGES_BY_LAST: dict[str, list] = {}
for _w, _q in _HEDGES:
    _HEDGES_BY_LAST.setdefault(_w[-1], []).append((_w, _q))
# words after which тысячи / сотни / дюжины / десятка are a singular genitive (около тысячи = ~1000)
GEN_GOVERNORS = {"около", "более", "менее", "свыше", "до", "порядка", "больше", "меньше", "от", "из", "без",
                 "для", "чем", "минимум", "максимум", "кроме", "вместо"}
# change verbs: "выросло с 10 до 15" is two figures, not a range
CHANGE_STEMS = ("вырос", "выраст", "увелич", "сократ", "сниз", "упал", "упад", "повыс", "подня", "возрос",
                "подорож", "подешев", "уменьш", "дорос", "опуст", "довед", "поднима", "повыш")
CHANGE_WORDS = {"рост", "роста", "ростом", "снижение", "снижения", "повышение", "повышения", "увеличение",
                "увеличения", "сокращение", "сокращения"}
# the word before a number that makes it a code, an address or a reference
CODE_LEMMAS = {"статья", "часть", "пункт", "подпункт", "глава", "параграф", "номер", "дом", "квартира", "корпус",
               "строение", "офис", "том", "страница", "рейс", "маршрут", "палата", "камера", "кабинет",
               "аудитория", "версия", "серия", "выпуск", "абзац", "приложение", "раздел", "таблица", "рисунок",
               "модель", "шоссе", "трасса", "платформа", "участок", "школа", "колония", "лицей", "гимназия",
               "больница", "поликлиника", "округ", "канал", "линия", "блок", "сектор", "ряд", "место",
               "автобус", "поезд", "троллейбус", "трамвай", "категория", "группа", "вариант", "пример",
               "позиция", "уровень", "этап", "тур", "сезон", "эпизод", "слайд", "фото", "мкр", "микрорайон",
               "подъезд", "этаж", "цех", "сура", "аят", "стих", "код", "индекс", "счёт", "счет", "табло",
               "закон", "постановление", "приказ", "указ", "решение", "протокол", "дело", "поправка"}
CODE_ABBR = {"ст", "ч", "п", "пп", "д", "кв", "корп", "стр", "гл", "рис", "табл", "т", "с", "ул", "пр", "мкр",
             "тел", "факс", "стр", "подп", "абз", "разд", "прил", "вып", "оф", "каб"}
CODE_SIGNS = {"№", "#"}
STREET_WORDS = {"ул", "улица", "улице", "улицы", "пр", "проспект", "проспекте", "пер", "переулок", "переулке",
                "бульвар", "бульваре", "б-р", "шоссе", "пл", "площадь", "площади", "мкр", "микрорайон",
                "микрорайоне", "проезд", "проезде", "наб", "набережная", "набережной", "просп"}
# ordinal/adjective endings written after a hyphen: 3-й, 5-го, 38-летний; cardinal case endings: 5-ти, 2-х
CARDINAL_HYPHEN = {"ти", "ми", "и", "ух", "ох", "ех", "мя", "ю"}
AGE_BEFORE = {"возрасте", "возрастом", "возраст", "исполнилось", "исполнится", "исполняется", "исполнялось",
              "старше", "младше", "моложе", "юбилей", "летием"}
OFFSET_BEFORE = {"через", "спустя"}
DATIVE_PRONOUNS = {"ему", "ей", "им", "мне", "тебе", "нам", "вам"}
OFFSET_AFTER = {"назад", "спустя"}
COMPARATIVES = ("больше", "меньше", "выше", "ниже", "дороже", "дешевле", "чаще", "реже", "быстрее", "медленнее",
                "сильнее", "слабее", "дольше", "короче", "длиннее")
ONE_IDIOMS = {("с", "сторона"), ("", "слово"), ("в", "голос"), ("", "раз")}   # (word before, lemma after)

_SPACES = " \u00a0\u202f\u2009"
_DASHES = {"-", "–", "—", "‑", "−"}
_TOKEN = re.compile(r"(?P<n>\d+)|(?P<w>[^\W\d_]+)|(?P<p>\S)")
_PHONE = re.compile(r"\+\d[\d \u00a0\-()]{6,18}\d|(?<![\d\w])8[ \u00a0-]?\(?\d{3}\)?[ \u00a0-]?\d{3}[ \u00a0-]?"
                    r"\d{2}[ \u00a0-]?\d{2}(?!\d)|(?<![\d\w\-])\d{2,3}-\d{2}-\d{2}(?![\d\-])|\(\d{3,5}\)[ \u00a0]?"
                    r"\d{1,3}[\d \u00a0\-]{4,10}\d")
_DOTTED = re.compile(r"(?<![\d.])\d{1,4}[./]\d{1,2}[./]\d{1,4}(?![\d])")


# ----------------------------------------------------------------------------------------------
# word analysis (cached)
# ----------------------------------------------------------------------------------------------
class _Info:
    __slots__ = ("num", "pos", "lemma", "anim", "plural", "gent", "oblique_sing", "adj_lemma", "abbr", "name")

    def __init__(self):
        self.num = None          # numeral lemma, if any reading of the word is a numeral of the table
        self.pos = None          # POS of the most likely reading
        self.lemma = None        # its normal form
        self.anim = False
        self.plural = False      # some noun reading is plural
        self.gent = False        # some noun reading is genitive
        self.oblique_sing = False  # every noun reading is singular loct/datv/ablt (ordinal use: "на 5 этаже")
        self.adj_lemma = None    # masc nom sing form of an adjective / participle reading (substantivised)
        self.abbr = False
        self.name = False        # some reading is a first name, surname or patronymic


_EMPTY = _Info()


@lru_cache(maxsize=200_000)
def word_info(word: str) -> _Info:
    """pymorphy2 analysis of one lower-case word, reduced to what the parser needs (cached)."""
    m = _morph()
    if not m or not word:
        return _EMPTY
    try:
        parses = m.parse(word)
    except Exception:  # noqa: BLE001
        return _EMPTY
    info = _Info()
    if not parses:
        return info
    for p in parses:
        nf = p.normal_form.replace("ё", "е")
        if nf in NUMERALS and (p.tag.POS in ("NUMR", "ADJF") or nf in _SCALE_LEMMAS or nf in ("ноль", "нуль")):
            info.num = nf
            break
    first = parses[0]
    info.pos = first.tag.POS
    info.lemma = first.normal_form.replace("ё", "е")
    info.abbr = "Abbr" in first.tag
    info.name = any(("Surn" in p.tag or "Name" in p.tag or "Patr" in p.tag) and p.score >= 0.1 for p in parses[:4])
    nouns = [p for p in parses if p.tag.POS == "NOUN" and p.normal_form == first.normal_form]
    if info.pos == "NOUN":
        info.anim = "anim" in first.tag
        info.plural = any(p.tag.number == "plur" for p in nouns)
        info.gent = any(p.tag.case in ("gent", "gen2") for p in nouns)
        info.oblique_sing = all(p.tag.number == "sing" and p.tag.case in ("loct", "loc2", "datv", "ablt")
                                for p in nouns)
    if info.pos in ("ADJF", "PRTF"):
        for p in parses:
            if p.tag.POS == "ADJF":
                info.adj_lemma = p.normal_form.replace("ё", "е")
                break
        if info.adj_lemma is None:
            try:
                f = first.inflect({"masc", "sing", "nomn"})
                info.adj_lemma = (f.word if f else first.word).replace("ё", "е")
            except Exception:  # noqa: BLE001
                info.adj_lemma = first.word
    return info


_FORMS: frozenset | None = None
_SCALE_FORMS: dict = {}


def _forms() -> frozenset:
    """Every written form of the numeral lemmas and vague bases (a fast filter before pymorphy2)."""
    global _FORMS
    if _FORMS is None:
        forms = set(_HALF) | set(_HALF_UNIT) | _SEVERAL | set(MULT_ABBR)
        m = _morph()
        if m:
            for lemma in list(NUMERALS) + list(VAGUE_BASES) + ["десятка"]:
                for p in m.parse(lemma):
                    if p.normal_form == lemma:
                        try:
                            for f in p.lexeme:
                                forms.add(f.word.replace("ё", "е"))
                        except Exception:  # noqa: BLE001
                            pass
            for lemma, val in _SCALE_LEMMAS.items():
                for p in m.parse(lemma):
                    if p.normal_form == lemma and p.tag.POS == "NOUN":
                        for f in p.lexeme:
                            _SCALE_FORMS[f.word.replace("ё", "е")] = (val, f.tag.number, f.tag.case)
        for w, v in (("тыс", 1e3), ("млн", 1e6), ("млрд", 1e9), ("трлн", 1e12)):
            _SCALE_FORMS[w] = (v, None, None)
        _FORMS = frozenset(forms)
    return _FORMS


# ----------------------------------------------------------------------------------------------
# the parser
# ----------------------------------------------------------------------------------------------
class _Doc:
    """Tokens of a text as parallel lists: start, end, kind (n number, w word, p punctuation), lower text."""

    __slots__ = ("text", "S", "E", "K", "L", "n", "blocked", "bstarts")

    def __init__(self, text: str, blocked):
        self.text = text
        low = text.lower()
        if len(low) != len(text):
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        low = low.replace("ё", "е")
        S, E, K, L = [], [], [], []
        for m in _TOKEN.finditer(low):
            S.append(m.start())
            E.append(m.end())
            K.append(m.lastgroup)
            L.append(m.group())
        self.S, self.E, self.K, self.L, self.n = S, E, K, L, len(S)
        self.blocked = blocked
        self.bstarts = [a for a, _ in blocked]

    def w(self, k: int) -> str:
        return self.L[k] if 0 <= k < self.n and self.K[k] == "w" else ""

    def t(self, k: int) -> str:
        return self.L[k] if 0 <= k < self.n else ""

    def spaced(self, a: int, b: int) -> bool:
        """Only spaces between tokens a and b (a < b): at most 3, no line break (a headline's last word
        and the next line's first are not one phrase)."""
        if not (0 <= a < b < self.n):
            return False
        e, s = self.E[a], self.S[b]
        return s - e <= 3 and self.text[e:s].strip() == "" and "\n" not in self.text[e:s]

    def glued(self, a: int, b: int) -> bool:
        return 0 <= a < b < self.n and self.E[a] == self.S[b]

    def in_blocked(self, pos: int) -> int:
        """End of the blocked span containing `pos`, or -1."""
        k = bisect.bisect_right(self.bstarts, pos) - 1
        if k >= 0 and self.blocked[k][0] <= pos < self.blocked[k][1]:
            return self.blocked[k][1]
        return -1


class _Num:
    """A number as parsed: value, value before a trailing magnitude (base) and that magnitude."""

    __slots__ = ("value", "base", "mult", "i", "j", "kind", "words", "digits", "year_like", "span")

    def __init__(self, value, base, mult, i, j, kind="exact", words=False):
        self.value, self.base, self.mult, self.i, self.j = value, base, mult, i, j
        self.kind = kind          # exact | vague | about (десяток) | several
        self.words = words
        self.digits = ""
        self.year_like = False
        self.span = None


def _finite(x) -> bool:
    return x is not None and isinstance(x, float) and math.isfinite(x)


def _fval(s: str) -> float | None:
    if len(s) > 400:
        return None
    try:
        v = float(s)
    except (ValueError, OverflowError):
        return None
    return v if math.isfinite(v) else None


def _scale_at(d: _Doc, k: int):
    """A magnitude word at token k (тыс., млн, тысяч, миллионов): (factor, index after) or None."""
    w = d.w(k)
    if not w:
        return None
    hit = _SCALE_FORMS.get(w)
    if hit is None:
        return None
    j = k + 1
    if w == "тыс" and d.t(j) == "." and d.glued(k, j):
        j += 1
    return hit[0], j


def _digits(d: _Doc, i: int):
    """Digits at token i with grouping, decimals and a magnitude: _Num, or (None, index to skip to)."""
    S, E, K, L, text = d.S, d.E, d.K, d.L, d.text
    n = d.n
    # glued to a letter or a model prefix before: Ту-154, ИК-5, x5, COVID-19, 1/2, 14:30 (second half)
    if i > 0 and d.glued(i - 1, i):
        p = L[i - 1]
        if K[i - 1] == "w" or p in ("/", ":", "\\", "_", "@", "&", "=") or (
                p in ("-", "‑") and i > 1 and K[i - 2] == "w" and d.glued(i - 2, i - 1)) or (
                p in (".", ",") and i > 1 and K[i - 2] == "n" and d.glued(i - 2, i - 1)):
            return None, i + 1
    if i > 0 and L[i - 1] in CODE_SIGNS and (d.spaced(i - 1, i) or d.glued(i - 1, i)):
        return None, i + 1
    first = L[i]
    parts = [first]
    j = i + 1
    grouped = False
    if len(first) <= 3 and first[0] != "0":
        while j < n and K[j] == "n" and len(L[j]) == 3 and S[j] == E[j - 1] + 1 and text[E[j - 1]] in _SPACES:
            parts.append(L[j])
            grouped = True
            j += 1
        if len(parts) > 5:
            return None, j   # "100 200 300 400 500 600": a list of numbers, not one number
        if grouped and j < n and K[j] == "n" and S[j] == E[j - 1] + 1 and text[E[j - 1]] in _SPACES:
            # "1 500 20": a run of groups that does not end cleanly is a list, not a number
            return None, j
    digits = "".join(parts)
    value_s = digits
    if not grouped and j + 1 < n and L[j] in ("/", "\\") and d.glued(j - 1, j) and d.glued(j, j + 1) \
            and K[j + 1] == "n":
        return None, j + 2   # 1/2, 16/12: a fraction or a date
    if not grouped and j + 1 < n and L[j] in (",", ".", ":") and d.glued(j - 1, j) and d.glued(j, j + 1) \
            and K[j + 1] == "n":
        sep, frac = L[j], L[j + 1]
        if j + 3 < n and L[j + 2] in (".", ",", ":", "/") and d.glued(j + 1, j + 2) and d.glued(j + 2, j + 3) \
                and K[j + 3] == "n":
            return None, j + 4   # 16.12.2011, 1.2.3, 12:30:15
        if sep == ":":
            return None, j + 2   # 14:30, 2:1
        after = _scale_at(d, j + 2)
        nxt = d.t(j + 2)
        money_next = after is not None or nxt in ("%",) or nxt in CURRENCY_SYMBOLS or _currency_at(d, j + 2)
        if sep == "." and len(first) <= 2 and len(frac) == 2 and not money_next and first[0] != "0":
            hh, mm = int(first), int(frac)
            if hh <= 31 and mm <= 59:
                return None, j + 2   # 14.30 (a clock time), 16.12 (a date)
        if sep == "." and len(frac) == 3 and len(first) <= 3 and first[0] != "0" and after is None:
            value_s = first + frac   # 1.500 = 1500 (a point before three digits and no magnitude)
        else:
            value_s = first + "." + frac
        digits = first + sep + frac
        j += 2
    elif not grouped and len(first) > 1 and first[0] == "0":
        return None, j           # 007, 0800: a code
    value = _fval(value_s)
    if value is None:
        return None, j
    num = _Num(value, value, 1.0, i, j)
    num.digits = digits
    num.year_like = not grouped and len(first) == 4 and "." not in value_s and 1000 <= value <= 2100
    # glued hyphen endings: 5-ти (cardinal), 3-й, 38-летний, 1990-х (not amounts)
    if j + 1 < n and L[j] in ("-", "‑") and d.glued(j - 1, j) and K[j + 1] == "w" and d.glued(j, j + 1):
        suf = L[j + 1]
        if suf in CARDINAL_HYPHEN or (suf in ("х", "ех", "ух", "ох") and value in (2, 3, 4)):
            j += 2
            num.j = j
        else:
            return None, j + 2
    # glued letters: 5млн, 100руб, 10тыс are fine; 5G, 3D, 1e309 are not numbers
    if j < n and K[j] == "w" and d.glued(j - 1, j):
        suf = L[j]
        if not (suf in _SCALE_FORMS or _currency_at(d, j) or suf in ("км", "кг", "м", "т", "чел", "г", "гг", "лет",
                                                                      "проц", "р")):
            return None, j + 1
    # magnitude
    k = j
    lish = None
    if d.w(k) == "с" and d.w(k + 1) in ("лишним", "небольшим", "гаком", "хвостиком") and _scale_at(d, k + 2):
        lish = (k, k + 2)
        k += 2
    sc = _scale_at(d, k)
    if sc is not None and (d.spaced(k - 1, k) or d.glued(k - 1, k)):
        factor, k2 = sc
        v = value * factor
        if not math.isfinite(v):
            return None, k2
        num.value, num.base, num.mult, num.j = v, value, factor, k2
        if lish:
            num.kind = "lish"
    return num, num.j


def _numeral_run(d: _Doc, i: int):
    """Number words from token i (at most 24 of them): _Num or None."""
    total = 0.0
    cur = 0.0
    last_rank = 9
    last_scale = math.inf
    last_cls = None
    k = i
    base, mult = None, 1.0
    count = 0
    while k < d.n and count < 24:
        w = d.w(k)
        if not w or (k > i and not d.spaced(k - 1, k)):
            break
        if w in _HALF and k == i:
            num = _Num(_HALF[w], _HALF[w], 1.0, i, k + 1, words=True)
            return num
        if w in _HALF_UNIT and k == i:   # полгода: half and the unit in one word
            num = _Num(0.5, 0.5, 1.0, i, k + 1, words=True)
            num.digits = "half:" + w
            return num
        info = word_info(w) if w in _FORMS else _EMPTY
        lemma = info.num
        if lemma is None:
            break
        val, cls = NUMERALS[lemma]
        if cls == "s":
            if val >= last_scale or (k > i and cur == 0 and total > 0):
                break
            if k == i or cur == 0:
                if k > i:
                    break
                cur = 1.0
            base, mult = cur, val
            total += cur * val
            cur = 0.0
            last_scale = val
            last_rank = 9
            last_cls = "s"
        else:
            rank = _RANK[cls]
            if cls in ("c", "f", "z") and k > i:
                break   # collectives, полтора and ноль start a number (полторы тысячи), never continue one
            if cls == "o" and k > i and last_cls not in ("d", "h", "s"):
                break
            if rank >= last_rank:
                break
            if cls == "t" and last_cls == "d":
                break
            if last_cls == "d" and cls not in ("u", "o"):
                break
            cur += val
            last_rank = rank
            last_cls = cls
            base, mult = None, 1.0
            if cls in ("c", "f", "z"):
                last_rank = 0   # only a magnitude may follow
        k += 1
        count += 1
    if k == i:
        return None
    # "два с половиной миллиона"
    if d.w(k) == "с" and d.w(k + 1) == "половиной" and cur > 0 and last_cls in ("u", "t", "d", "h", "o"):
        cur += 0.5
        k += 2
        sc = _scale_at(d, k)
        if sc is not None and sc[0] < last_scale:
            base, mult = cur, sc[0]
            total += cur * sc[0]
            cur = 0.0
            k = sc[1]
    value = total + cur
    if base is None:
        base, mult = value, 1.0
    if not math.isfinite(value):
        return None
    num = _Num(value, base, mult, i, k, words=True)
    num.digits = "word:" + (last_cls or "")
    if k == i + 1:
        lemma = word_info(d.L[i]).num
        num.digits = "word1:" + NUMERALS[lemma][1]
    return num


def _vague(d: _Doc, i: int):
    """десятки, сотни, тысячи (at least twice the base), десятки тысяч, несколько сотен, около сотни (100),
    десяток (about 10), дюжина (12). _Num or None."""
    w = d.w(i)
    prev = d.w(i - 1) if d.spaced(i - 1, i) else ""
    several = w in _SEVERAL
    k = i + 1 if several else i
    wk = d.w(k) if (k == i or d.spaced(k - 1, k)) else ""
    if not wk:
        return None
    info = word_info(wk)
    lemma = info.num if info.num in VAGUE_BASES else (info.lemma if info.lemma in VAGUE_BASES else None)
    if wk.startswith("десятк") or wk == "десяток":
        lemma = "десяток"
    if lemma is None:
        if several:
            # несколько + a noun phrase: several = at least 2
            nxt = word_info(wk)
            if nxt.pos in ("NOUN", "ADJF", "PRTF") and wk not in ("раз",):
                num = _Num(2.0, 2.0, 1.0, i, i + 1, kind="vague")
                num.span = (2, 9)
                return num
        return None
    base = float(VAGUE_BASES[lemma])
    plural_forms = _PLURAL_FORMS[lemma]
    ambiguous = wk in ("тысячи", "сотни", "дюжины", "десятка")
    plural = wk in plural_forms and not (ambiguous and not several and prev in GEN_GOVERNORS)
    if wk == "десятка" and not (prev in GEN_GOVERNORS or several):
        return None   # "десятка" alone: the top ten, a ten-rouble note
    j = k + 1
    if not plural and not several:
        if lemma in ("тысяча", "миллион", "миллиард"):
            return None  # singular scale words are numbers: the numeral run reads them
        num = _Num(base, base, 1.0, i, j, kind="about" if lemma == "десяток" else "exact", words=True)
        num.digits = "vague1"
        return num
    if several and not plural:
        return None
    low = 2 * base
    span = VAGUE_SPAN.get(base)
    # десятки тысяч, сотни миллионов, несколько десятков тысяч
    sc = _scale_at(d, j) if d.spaced(j - 1, j) else None
    if sc is not None and d.w(j) in ("тысяч", "миллионов", "миллиардов", "тыс", "млн", "млрд") and sc[0] > base:
        low *= sc[0]
        span = (span[0] * sc[0], (span[1] + 1) * sc[0] - 1) if span and span[1] else None
        j = sc[1]
    if not math.isfinite(low):
        return None
    num = _Num(low, low, 1.0, i, j, kind="vague", words=True)
    num.span = span
    return num


def _currency_at(d: _Doc, k: int):
    """A currency written at token k: (code, index after) or None."""
    t = d.t(k)
    if not t:
        return None
    if t in CURRENCY_SYMBOLS and d.K[k] == "p":
        return CURRENCY_SYMBOLS[t], k + 1
    if d.K[k] != "w":
        return None
    if t.startswith(_COUNTRY_ADJECTIVES) and d.K[k + 1:k + 2] == ["w"]:  # "белорусских рублей", "российских рублей"
        after = _currency_at(d, k + 1)
        if after is not None and after[0] == "RUB" and t.startswith("белорус"):
            return "BYN", after[1]
        return after
    j = k + 1
    code = None
    if (t.startswith("рубл") and word_info(t).lemma == "рубль") or t in ("руб", "р"):
        if t == "р" and not (d.t(j) == "." and d.glued(k, j)):
            return None
        code = "RUB"
    elif t in ("тенге", "тг"):
        code = "KZT"
    elif (t.startswith("доллар") and word_info(t).lemma == "доллар") or t == "долл":
        code = "USD"
    elif t == "евро":
        code = "EUR"
    elif t.startswith("юан"):
        code = "CNY"
    elif t in _REGIONAL:  # the currencies of the region Russian news reports from, by lemma
        code = _REGIONAL[t]
    elif word_info(t).lemma in _REGIONAL:
        code = _REGIONAL[word_info(t).lemma]
    elif t in _CUR_CODES:
        code = _CUR_CODES[t]
    elif t.startswith("фунт") and d.w(j).startswith("стерлинг"):
        code, j = "GBP", j + 1
    if code is None:
        return None
    if t in ("руб", "р", "долл", "тг") and d.t(j) == "." and d.glued(k, j):
        j += 1
    if code == "USD" and d.w(j) == "сша" and d.spaced(j - 1, j):
        j += 1
    return code, j


def _hedge_before(d: _Doc, i: int):
    """(qualifier, index of the hedge's first token) for a hedge written right before token i."""
    if i < 1 or d.K[i - 1] != "w" or d.L[i - 1] not in _HEDGES_BY_LAST:
        return None, None
    for words, q in _HEDGES_BY_LAST[d.L[i - 1]]:
        m = len(words)
        k0 = i - m
        if k0 < 0:
            continue
        ok = True
        for a, word in enumerate(words):
            k = k0 + a
            if d.K[k] != "w" or d.L[k] != word or not d.spaced(k, k + 1):
                ok = False
                break
        if ok:
            return q, k0
    return None, None


def _unit_after(d: _Doc, k: int, num: _Num):
    """What follows a number at token k: (unit, head lemma, head token, index after the unit, kind)."""
    t = d.t(k)
    if not t:
        return None, None, None, k, None
    near = d.spaced(k - 1, k) or d.glued(k - 1, k)
    if not near:
        return None, None, None, k, None
    if t == "%" or t in ("процент", "процента", "процентов", "процентам", "процентами", "процентах", "проц"):
        j = k + 1
        if t == "проц" and d.t(j) == "." and d.glued(k, j):
            j += 1
        return "percent", None, None, j, "percent"
    cur = _currency_at(d, k)
    if cur is not None:
        return cur[0], None, None, cur[1], "money"
    if d.K[k] != "w":
        return None, None, None, k, None
    if t in ("чел",):
        j = k + 1 + (d.t(k + 1) == "." and d.glued(k, k + 1))
        return "person", "человек", k, j, "head"
    dot = k + 1 < d.n and d.L[k + 1] == "." and d.glued(k, k + 1)
    if t == "гг" or (t == "г" and (dot or num.year_like)):
        return None, "год", k, k + 1 + dot, "yearabbr"
    if t in ("мес",):
        return "month", "месяц", k, k + 1 + dot, "time"
    if t in MEASURE_ABBR and not (t == "т" and dot and d.w(k + 2) in ("е", "д", "п", "ч", "к")):
        return MEASURE_ABBR[t], None, None, k + 1, "measure"
    info = word_info(t)
    if info.pos == "NOUN" and info.lemma in TIME_LEMMAS:
        return TIME_LEMMAS[info.lemma], info.lemma, k, k + 1, "time"
    if info.pos == "NOUN" and info.lemma in MEASURE_LEMMAS:
        return MEASURE_LEMMAS[info.lemma], None, None, k + 1, "measure"
    if t in ("раз", "раза"):
        return "ratio", "раз", k, k + 1, "times"
    return None, None, None, k, None


def _head(d: _Doc, k: int):
    """The counted noun from token k, skipping adjectives: (lemma, token index, is person, info) or Nones."""
    if not d.spaced(k - 1, k):
        return None, None, False, None
    if d.w(k) == "из" and d.spaced(k, k + 1):   # partitive: "двое из задержанных"
        k += 1
    adj = None
    for a in range(4):
        kk = k + a
        w = d.w(kk)
        if not w or (a > 0 and not d.spaced(kk - 1, kk)):
            break
        if w in ("чел",):
            return "человек", kk, True, None
        info = word_info(w)
        if info.pos == "NOUN" and not (info.abbr and len(w) <= 3):
            if info.lemma in TIME_LEMMAS and adj is not None:
                break
            return info.lemma, kk, info.anim or info.lemma == "человек", info
        if info.pos in ("ADJF", "PRTF") and info.num is None:
            if adj is None:
                adj = (info.adj_lemma, kk)
            continue
        break
    if adj is not None and adj[0]:
        return adj[0], adj[1], True, None
    return None, None, False, None


def _is_date_after(d: _Doc, k: int) -> bool:
    w = d.w(k)
    return bool(w) and w in MONTHS and d.spaced(k - 1, k)


def _parse_any(d: _Doc, i: int):
    """A number (digits or words) starting at token i: (_Num or None, index to resume from)."""
    if d.K[i] == "n":
        return _digits(d, i)
    w = d.L[i]
    if w in _SEVERAL or w in _FORMS:
        v = _vague(d, i)
        if v is not None:
            return v, v.j
        r = _numeral_run(d, i)
        if r is not None:
            return r, r.j
    return None, i + 1


RANGEABLE = ("exact", "lish", "about")
SCORE_STEMS = ("счет", "ничь", "побед", "проигр", "обыгр", "матч", "тайм")
SCORE_WORDS = {"гол", "гола", "голов", "голы", "сет", "сета", "сетов", "партии", "игре", "игры"}
CODE_ABBR_NODOT = {"ст", "кв", "корп", "стр", "гл", "рис", "табл", "мкр", "тел", "каб", "оф"}
DECIMAL_WORDS = {"целых", "целая", "целой", "целую"}


def _range_second(d: _Doc, k: int, num: _Num, allow_do: bool):
    """The second number of a range starting at token k (a dash, or `до` after `от`/`с`): (_Num, dash?) or None."""
    n = d.n
    if k + 1 >= n:
        return None
    t = d.L[k]
    if t in _DASHES and (d.glued(k - 1, k) or d.spaced(k - 1, k)) and (d.glued(k, k + 1) or d.spaced(k, k + 1)):
        dash = True
    elif allow_do and t == "до" and d.K[k] == "w" and d.spaced(k - 1, k) and d.spaced(k, k + 1):
        dash = False
    else:
        return None
    if dash and d.L[k + 1] in CURRENCY_SYMBOLS and k + 2 < n and d.K[k + 2] == "n" and d.glued(k + 1, k + 2):
        k += 1   # $5-$10
    if not (d.K[k + 1] == "n" or (d.K[k + 1] == "w" and d.L[k + 1] in _FORMS)):
        return None
    if dash and d.K[k + 1] == "n" and num.words:
        return None
    cand, _ = _parse_any(d, k + 1)
    if cand is None or cand.kind not in RANGEABLE or (dash and cand.words != num.words):
        return None
    return cand, dash


def _excluded_before(d: _Doc, start_tok: int, i: int, j: int, num: _Num) -> bool:
    """Is the number at token i (digits) a code, an address, a name or a list marker by what precedes it?"""
    L, K = d.L, d.K
    prev_tok = d.t(start_tok - 1)
    prev = d.w(start_tok - 1) if d.spaced(start_tok - 1, start_tok) else ""
    if prev_tok in CODE_SIGNS:
        return True
    # ст. 272, ч. 2, д. 15, кв. 12 (but "в т. ч. 5 человек" = including 5 people)
    if prev_tok == "." and start_tok >= 2 and K[start_tok - 2] == "w" and L[start_tok - 2] in CODE_ABBR \
            and d.glued(start_tok - 2, start_tok - 1) and not (
                L[start_tok - 2] == "ч" and d.t(start_tok - 3) == "." and d.t(start_tok - 4) == "т"):
        return True
    if prev in CODE_ABBR_NODOT or (prev == "n" and d.text[d.S[start_tok - 1]] == "N"):
        return True
    rescued = None

    def rescue():
        _, _, person, _ = _head(d, j)
        return person or num.mult > 1 or _currency_at(d, j) is not None or d.t(j) == "%"

    if prev and word_info(prev).lemma in CODE_LEMMAS:
        rescued = rescue()
        if not rescued:
            return True
    # ул. Ленина, 5 / улица Абая 12
    for back in range(2, 6):
        kb = start_tok - back
        if kb < 0:
            break
        if L[kb] in STREET_WORDS and K[kb] == "w":
            if all(L[x] in (".", ",") or K[x] == "w" for x in range(kb + 1, start_tok)):
                if rescued is None:
                    rescued = rescue()
                if not rescued:
                    return True
            break
    # Boeing 737, Windows 10, iPhone 11: a Latin word with a capital right before
    if prev and prev.isascii():
        orig = d.text[d.S[start_tok - 1]:d.E[start_tok - 1]]
        if any(c.isupper() for c in orig) and not (_scale_at(d, j) or _currency_at(d, j) or d.t(j) == "%"):
            return True
    # a list marker at a line start: "1. ...", "2) ..."
    if _line_start(d.text, d.S[i]) and d.t(j) in (".", ")") and d.glued(j - 1, j) and num.mult == 1 \
            and num.digits.isdigit() and (j + 1 >= d.n or not d.glued(j, j + 1)):
        return True
    return False


def _after_name(d: _Doc, k: int) -> bool:
    """A person's name right before token k ("Иванову 38 лет", "Иванов, 38 лет,"): an age follows."""
    b = k - 1
    if d.t(b) == "," and d.glued(b - 1, b) if b > 0 else False:
        b -= 1
    w = d.w(b)
    if not w or not d.text[d.S[b]].isupper() or b == 0 and False:
        return False
    return word_info(w).name


def _line_start(text: str, pos: int) -> bool:
    """Is only blank space between the line start and `pos`? (looks back over that space only)"""
    k = pos - 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    return k < 0 or text[k] in "\n\r"


def _after_hedge(d: _Doc, k: int):
    """`с лишним`, `и более`, `или меньше` at token k: (qualifier, index after) or (None, k)."""
    w = d.w(k)
    if not w or not d.spaced(k - 1, k):
        return None, k
    w2 = d.w(k + 1)
    if not d.spaced(k, k + 1):
        return None, k
    if w == "с" and w2 in ("лишним", "небольшим", "гаком", "хвостиком"):
        return "at_least", k + 2
    if w in ("и", "или") and w2 in ("более", "больше", "свыше", "менее", "меньше") and not (
            k + 2 < d.n and d.spaced(k + 1, k + 2) and (d.K[k + 2] == "n" or d.L[k + 2] in _FORMS)):
        return ("at_least" if w2 in ("более", "больше", "свыше") else "at_most"), k + 2
    return None, k


def _figure(d: _Doc, i: int):
    """The figure whose number starts at token i: (Quantity or None, index to resume from)."""
    S, E, L, K = d.S, d.E, d.L, d.K
    num, resume = _parse_any(d, i)
    if num is None:
        return None, max(resume, i + 1)
    j = num.j
    start_tok = i
    unit = None
    sign = 1.0
    # currency or sign before: $5 млн, € 20, -5 градусов, минус 5
    if K[i] == "n" and i > 0 and L[i - 1] in CURRENCY_SYMBOLS and (d.glued(i - 1, i) or d.spaced(i - 1, i)):
        unit = CURRENCY_SYMBOLS[L[i - 1]]
        start_tok = i - 1
    elif K[i] == "n" and i > 0 and L[i - 1] in ("-", "−") and d.glued(i - 1, i) and (
            i == 1 or (not d.glued(i - 2, i - 1) and K[i - 2] != "n")):
        sign, start_tok = -1.0, i - 1
    elif d.w(i - 1) == "минус" and d.spaced(i - 1, i):
        sign, start_tok = -1.0, i - 1
    prev = d.w(start_tok - 1) if d.spaced(start_tok - 1, start_tok) else ""
    hq, hk = _hedge_before(d, start_tok)
    if hq == "exact":
        hq = None
    if d.w(j) in DECIMAL_WORDS:   # ноль целых пять десятых: a decimal in words, not read
        k = j + 1
        while k < d.n and k < j + 6 and d.K[k] == "w":
            k += 1
        return None, k

    # ---- a range: A-B, от A до B, двух-трёх, 10%-15%; "с A до B" is a change (two figures) -------
    qualifier = "exact" if num.kind in ("exact", "lish") else num.kind
    high = None
    num2 = None
    dash = False
    chg = prev == "с"
    borrowed = None
    if num.kind in RANGEABLE and j < d.n:
        ua = _unit_after(d, j, num)
        spots = [j] + ([ua[3]] if ua[4] in ("percent", "money") else [])
        for k in spots:
            res = _range_second(d, k, num, prev in ("от", "с"))
            if res is not None:
                num2, dash = res
                if k != j:   # unit on both numbers: the second must carry the same unit
                    ub = _unit_after(d, num2.j, num2)
                    if ub[0] != ua[0]:
                        num2 = None
                        continue
                break
    if num2 is not None:
        a, b = num.value, num2.value
        if num.mult == 1 and num2.mult > 1 and a <= num2.base:
            a = a * num2.mult
        if chg and not dash:
            ub = _unit_after(d, num2.j, num2)
            if ub[4] in ("percent", "money"):
                borrowed = ub[0]   # "с 10 до 15%": the first figure is in percent too
            num2 = None
        elif a < b:
            qualifier, high, num.value, j = "range", b, a, num2.j
        elif dash:
            return None, num2.j   # a pair going down is a score or a tally: 3-2, 1-0
        else:
            num2 = None
    if dash and num2 is not None and not num.words:
        for back in range(1, 5):
            w = d.w(start_tok - back)
            if w and (w.startswith(SCORE_STEMS) or w in SCORE_WORDS):
                return None, j
    last = num2 or num
    if not num.words and _excluded_before(d, start_tok, i, j, num):
        return None, j

    # ---- words that count only before a noun: один, ноль; СТО is an abbreviation ----------------
    if num.words and last is num and num.digits == "word1:o":
        if d.w(i - 1) == "ни" or L[i] in ("одни", "одних", "одними"):
            return None, j
        if d.w(j) == "из" and d.spaced(j - 1, j):
            if not ONE_OF_IS_FIGURE:
                return None, j
        else:
            hlem, _, _, _ = _head(d, j)
            if hlem is None or (prev, hlem) in ONE_IDIOMS or ("", hlem) in ONE_IDIOMS:
                return None, j
    if num.words and last is num and num.digits == "word1:z" and _head(d, j)[0] is None:
        return None, j
    if L[i] == "сто" and d.text[S[i]:E[i]] == "СТО":
        return None, j

    # ---- what follows the number ---------------------------------------------------------------
    after_q, j = _after_hedge(d, j) if _after_hedge(d, j)[0] == "at_least" and d.w(j) == "с" else (None, j)
    if num.kind == "lish":
        after_q = "at_least"
    core_end_tok = j
    u, head, head_tok, j2, ukind = _unit_after(d, j, last)
    if num.digits.startswith("half:") and qualifier != "range":
        u, head = _HALF_UNIT[num.digits[5:]]
        head_tok, j2, ukind, j = i, j, "time", i
    if ukind == "yearabbr":
        return None, j2
    # years: 2011 года, в 2011 году, 2011 г.; a bare 1800-2099 that counts nothing
    if last.year_like:
        if head == "год":
            return None, j2
        if ukind is None and 1800 <= last.value <= 2099 and _head(d, j)[0] is None:
            return None, j
    # dates: 16 декабря, 16 и 17 декабря, 16, 17 декабря
    if _is_date_after(d, j) or (d.t(j) in (",", "и") and j + 1 < d.n and d.K[j + 1] == "n"
                                and _is_date_after(d, j + 2)):
        return None, j + 1
    if ukind is None and d.w(j) == "числа":
        return None, j + 1
    unit_end = j
    person = False
    if ukind in ("percent", "money", "measure"):
        unit, unit_end = u, j2
        head, head_tok = None, None
    elif ukind == "time":
        if prev in AGE_BEFORE or d.w(start_tok - 2) in AGE_BEFORE or (
                hk is not None and hq is not None and d.w(hk - 1) in AGE_BEFORE) or (
                prev in ("от", "до") and d.w(start_tok - 2) in AGE_BEFORE) or (
                prev in DATIVE_PRONOUNS) or (d.w(start_tok - 2) in DATIVE_PRONOUNS and prev in (
                    "было", "будет", "уже", "исполнилось", "исполнится", "стало")) or (
                d.w(j2) == "от" and d.w(j2 + 1) == "роду") or (
                u == "year" and _after_name(d, start_tok)):
            return None, j2   # ages
        if d.w(j2) in OFFSET_AFTER or (d.w(j2) == "тому" and d.w(j2 + 1) == "назад") or prev in OFFSET_BEFORE:
            return None, j2   # relative offsets: 5 лет назад, через 2 дня
        if u == "hour" and prev in ("в", "к") and last.value <= 24 and qualifier != "range":
            jj = j2           # clock time: в 14 часов (30 минут)
            if jj + 1 < d.n and K[jj] == "n" and d.w(jj + 1).startswith("минут"):
                jj += 2
            return None, jj
        if d.w(j2) == "независимости":
            return None, j2
        if not num.words and word_info(L[j]).oblique_sing and not (last.value % 10 == 1 and last.value % 100 != 11) \
                and prev in ("в", "во", "на", "о", "об", "при") and head != "сутки":
            return None, j2   # на 5 году: an ordinal
        unit, unit_end = u, j2
    elif ukind == "times":
        unit_end = j2
        if prev in ("в", "во"):
            unit = "ratio"
    elif ukind == "head":
        unit, unit_end, person = "person", j2, True
    else:
        head, head_tok, person, info = _head(d, j)
        if head is not None and info is not None and not num.words:
            if info.oblique_sing and not (last.value % 10 == 1 and last.value % 100 != 11) \
                    and prev in ("в", "во", "на", "о", "об", "при"):
                return None, j   # в 5 микрорайоне, на 3 этаже: ordinals
            if info.lemma in CODE_LEMMAS and not info.plural and not info.gent:
                return None, j
        if person:
            unit = unit or "person"
    if borrowed and unit is None:
        unit = borrowed
    # after the unit: "20 лет с лишним", "100 человек и более"
    end_tok = unit_end
    q2, k2 = _after_hedge(d, unit_end)
    if q2 is None and head_tok is not None and ukind is None:
        q2, k2 = _after_hedge(d, head_tok + 1)
    if q2 is not None:
        after_q, end_tok = q2, k2

    # ---- bounds ------------------------------------------------------------------------------------
    value = num.value * sign
    if hq == "at_most" and L[hk] == "до":
        # `до` after another figure written with `с`/`от` ("с 10 до 15"), or after a verb of change
        # ("зарплата выросла до 42 500 тенге"): the end of a change, not a bound
        for back in range(hk - 1, max(-1, hk - 9), -1):
            w = d.w(back)
            if d.t(back) in (".", ";", "!", "?"):
                break
            if (w in ("с", "от") and back + 1 < d.n and (K[back + 1] == "n" or L[back + 1] in _FORMS)) or (
                    w and (w.startswith(CHANGE_STEMS) or w in CHANGE_WORDS)):
                hq = None
                break
    if qualifier == "range":
        pass
    elif qualifier == "vague":
        if hq == "at_most":
            value = None   # до нескольких тысяч: no usable bound
    elif hq in ("at_least", "at_most", "about"):
        qualifier = hq
    elif after_q:
        qualifier = after_q
    if qualifier == "range":
        low, hi = value, high
    elif qualifier == "vague":
        low, hi = value, None
    elif qualifier == "at_least":
        low, hi = value, None
    elif qualifier == "at_most":
        low, hi = None, value
    else:
        low, hi = value, value
    if any(v is not None and not math.isfinite(v) for v in (low, hi)):
        return None, end_tok
    start = S[hk] if hq is not None else S[start_tok]
    core_start = S[i] if unit is not None and start_tok < i and sign == 1.0 else S[start_tok]
    core_end = E[core_end_tok - 1]
    end = max(E[end_tok - 1], core_end)
    q = Quantity(start=start, end=end, core_start=core_start, core_end=core_end,
                 value_low=float(low) if low is not None else None,
                 value_high=float(hi) if hi is not None else None,
                 qualifier=qualifier, unit=unit, head=head,
                 head_start=S[head_tok] if head_tok is not None else None)
    if qualifier == "vague" and num.span:
        q.extra["span"] = num.span
    return q, max(end_tok, core_end_tok, i + 1)


def _blocked_spans(text: str, dates) -> list[tuple[int, int]]:
    spans = []
    for dm in dates or ():
        try:
            a, b = (dm.start, dm.end) if hasattr(dm, "start") else (dm[0], dm[1])
            a, b = int(a), int(b)
        except Exception:  # noqa: BLE001
            continue
        if 0 <= a < b:
            spans.append((a, b))
    spans.extend((m.start(), m.end()) for m in _PHONE.finditer(text))
    spans.extend((m.start(), m.end()) for m in _DOTTED.finditer(text))
    if not spans:
        return []
    spans.sort()
    merged = [spans[0]]
    for a, b in spans[1:]:
        if a < merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def extract_russian(text: str, sentence_spans: list[tuple[int, int]] | None = None,
                    dates=None) -> list[Quantity]:
    """Every amount written in Russian `text`, sorted by start. `sentence_spans` are (start, end) offsets
    into `text`; a figure outside every span gets the whole text as its sentence. `dates` are spans
    (objects with .start/.end, e.g. find_dates(text), or pairs) whose numbers are no amounts."""
    if not text or not isinstance(text, str):
        return []
    try:
        return _extract(text, sentence_spans or [], dates)
    except RecursionError:
        return []


def _extract(text: str, sentence_spans, dates) -> list[Quantity]:
    forms = _forms()
    blocked = _blocked_spans(text, dates)
    d = _Doc(text, blocked)
    out: list[Quantity] = []
    K, L, S = d.K, d.L, d.S
    i = 0
    n = d.n
    while i < n:
        kind = K[i]
        if kind == "n" or (kind == "w" and (L[i] in forms)):
            b_end = d.in_blocked(S[i]) if blocked else -1
            if b_end >= 0:
                k = i + 1
                while k < n and S[k] < b_end:
                    k += 1
                i = k
                continue
            q, nxt = _figure(d, i)
            if q is not None:
                # a figure reaching into a blocked span (a date, a phone) is cut there
                out.append(q)
            i = max(nxt, i + 1)
            continue
        i += 1
    if not out:
        return out
    spans = sorted((int(a), int(b)) for a, b in sentence_spans if b > a) if sentence_spans else []
    starts = [a for a, _ in spans]
    for q in out:
        k = bisect.bisect_right(starts, q.start) - 1
        found = None
        for kk in range(k, max(-1, k - 8), -1):   # overlapping spans: the nearest few that start before
            a, b = spans[kk]
            if a <= q.start < b:
                found = (a, b)
                break
        if found is None:
            found = (0, len(text))
        q.sentence_start, q.sentence_end = found
    out.sort(key=lambda q: q.start)
    _carry_currency(text, out)
    return out


def _carry_currency(text: str, out: list[Quantity]) -> None:
    """An amount with a scale word but no unit takes the currency of the amount before it in its
    sentence: "доходы 40,3 трлн рублей, расходы — 43,2 трлн" (Russian leaves the repeated unit out)."""
    for prev, q in zip(out, out[1:]):
        if q.unit is None and prev.unit in MONEY_UNITS and q.sentence_start == prev.sentence_start \
                and _SCALE_END.search(text, q.core_start, q.end):
            q.unit = prev.unit


_SCALE_END = re.compile(r"(?:тыс|млн|млрд|трлн|тысяч\w*|миллион\w*|миллиард\w*|триллион\w*)\.?\s*$", re.I)
