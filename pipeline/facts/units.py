"""Units of measurement as written after (or glued to) a number, and their canonical names.

`match_unit(toks, j, glued)` reads the unit that starts at toks[j]; `normalize_unit(name)` maps
any spelling of a unit name (a symbol, a code, a plural, another case, a British or American
spelling) to one canonical name, for comparing units.

The names the parser gives are those the rest of the facts stage already knows: currency codes
(USD, EUR, GBP, ...: `measure.py` counts them as money), time units (year, month, ...), km,
metre, mile, cm, percent; other units get a plain singular name (kilogram, celsius, mph, ...).
These constants are local to this module (not in params.yaml): they are rules of how units
are written in English, not knowledge of a corpus.
"""

from __future__ import annotations

import re

# --- currencies --------------------------------------------------------------------------------
# symbols written before (or after) the number
CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "u.s.$": "USD", "usd$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₹": "INR", "₩": "KRW", "₽": "RUB", "₸": "KZT", "₿": "BTC", "元": "CNY", "₡": "CRC", "₾": "GEL",
    "₭": "LAK", "₺": "TRY", "₴": "UAH", "₦": "NGN", "₱": "PHP", "₪": "ILS", "฿": "THB",
    "c$": "CAD", "ca$": "CAD", "cad$": "CAD", "a$": "AUD", "au$": "AUD", "aud$": "AUD", "nz$": "NZD",
    "nzd$": "NZD", "hk$": "HKD", "s$": "SGD", "mex$": "MXN", "mxn$": "MXN", "r$": "BRL",
}
# ISO codes and common abbreviations, before or after the number
CURRENCY_CODES = {
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "cny": "CNY", "rmb": "CNY", "chf": "CHF",
    "cad": "CAD", "aud": "AUD", "nzd": "NZD", "hkd": "HKD", "inr": "INR", "mxn": "MXN", "kzt": "KZT",
    "rub": "RUB", "btc": "BTC", "sek": "SEK", "nok": "NOK", "dkk": "DKK", "krw": "KRW", "brl": "BRL",
    "zar": "ZAR", "sgd": "SGD", "uah": "UAH",
}
# currency names after the number (one or two words); "pounds" alone is read in `match_unit`
CURRENCY_NAMES = {
    "dollar": "USD", "dollars": "USD", "us dollar": "USD", "us dollars": "USD", "u.s. dollars": "USD",
    "canadian dollar": "CAD", "canadian dollars": "CAD", "australian dollar": "AUD",
    "australian dollars": "AUD", "hong kong dollars": "HKD", "new zealand dollars": "NZD",
    "euro": "EUR", "euros": "EUR", "pound sterling": "GBP", "pounds sterling": "GBP", "sterling": "GBP",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "franc": "franc", "francs": "franc",
    "swiss franc": "CHF", "swiss francs": "CHF", "french francs": "FRF", "peseta": "ESP", "pesetas": "ESP",
    "peso": "peso", "pesos": "peso", "mexican pesos": "MXN", "lira": "lira", "turkish lira": "TRY",
    "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "tenge": "KZT", "guilders": "NLG", "dutch guilders": "NLG", "markka": "FIM", "finnish markka": "FIM",
    "bitcoin": "BTC", "bitcoins": "BTC", "satoshi": "satoshi", "satoshis": "satoshi",
    "cent": "cent", "cents": "cent", "pence": "penny", "penny": "penny", "pennies": "penny",
    "won": None, "kuai": "CNY",
}
MONEY = set(CURRENCY_SYMBOLS.values()) | set(CURRENCY_CODES.values()) | {
    v for v in CURRENCY_NAMES.values() if v} | {"GBP"}

# --- other units: surface (lower case) -> canonical name ------------------------------------------
MEASURE_UNITS = {
    # length
    "mm": "mm", "millimetre": "mm", "millimetres": "mm", "millimeter": "mm", "millimeters": "mm",
    "cm": "cm", "centimetre": "cm", "centimetres": "cm", "centimeter": "cm", "centimeters": "cm",
    "dm": "dm", "decimetre": "dm", "decimetres": "dm", "decimeter": "dm", "decimeters": "dm",
    "m": "metre", "metre": "metre", "metres": "metre", "meter": "metre", "meters": "metre",
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "kms": "km", "pm": "picometre", "picometre": "picometre", "picometer": "picometre",
    "picometres": "picometre", "picometers": "picometre",
    "in": "inch", "inch": "inch", "inches": "inch", "ft": "foot", "foot": "foot", "feet": "foot",
    "yd": "yard", "yard": "yard", "yards": "yard", "mi": "mile", "mile": "mile", "miles": "mile",
    "nautical mile": "nautical mile", "nautical miles": "nautical mile",
    # area and volume
    "km2": "square km", "sq km": "square km", "square kilometre": "square km", "square kilometres": "square km",
    "square kilometer": "square km", "square kilometers": "square km", "m2": "square metre",
    "sq m": "square metre", "square metre": "square metre", "square metres": "square metre",
    "square meter": "square metre", "square meters": "square metre", "square feet": "square foot",
    "square foot": "square foot", "sq ft": "square foot", "acre": "acre", "acres": "acre",
    "hectare": "hectare", "hectares": "hectare", "ha": "hectare", "cubic feet": "cubic foot",
    "cubic foot": "cubic foot", "cubic metres": "cubic metre", "cubic meters": "cubic metre",
    "ml": "ml", "millilitre": "ml", "millilitres": "ml", "milliliter": "ml", "milliliters": "ml",
    "l": "litre", "litre": "litre", "litres": "litre", "liter": "litre", "liters": "litre",
    "gallon": "gallon", "gallons": "gallon", "barrel": "barrel", "barrels": "barrel", "bbl": "barrel",
    "ounce": "ounce", "ounces": "ounce", "oz": "ounce", "cup": "cup", "cups": "cup",
    "tablespoon": "tablespoon", "tablespoons": "tablespoon", "tbsp": "tablespoon",
    "teaspoon": "teaspoon", "teaspoons": "teaspoon", "tsp": "teaspoon",
    # mass
    "mg": "mg", "milligram": "mg", "milligrams": "mg", "µg": "microgram", "μg": "microgram",
    "mcg": "microgram", "microgram": "microgram", "micrograms": "microgram", "microgramme": "microgram",
    "microgrammes": "microgram", "g": "gram", "gram": "gram", "grams": "gram", "gramme": "gram",
    "grammes": "gram", "kg": "kg", "kgs": "kg", "kilo": "kg", "kilos": "kg", "kilogram": "kg",
    "kilograms": "kg", "kilogramme": "kg", "kilogrammes": "kg", "lb": "pound-mass", "lbs": "pound-mass",
    "t": "tonne", "tonne": "tonne", "tonnes": "tonne", "metric ton": "tonne", "metric tons": "tonne",
    "metric tonnes": "tonne", "ton": "ton", "tons": "ton", "stone": "stone", "drachma": "dram",
    "dram": "dram", "drams": "dram",
    # speed
    "mph": "mph", "miles per hour": "mph", "miles an hour": "mph", "mile per hour": "mph",
    "km/h": "km/h", "kmh": "km/h", "kph": "km/h", "kmph": "km/h", "km/hr": "km/h",
    "kilometres per hour": "km/h", "kilometers per hour": "km/h", "kilometres an hour": "km/h",
    "kilometers an hour": "km/h", "knot": "knot", "knots": "knot", "m/s": "m/s",
    "metres per second": "m/s", "meters per second": "m/s",
    # power and energy
    "w": "watt", "watt": "watt", "watts": "watt", "kw": "kW", "kilowatt": "kW", "kilowatts": "kW",
    "mw": "MW", "megawatt": "MW", "megawatts": "MW", "gw": "GW", "gigawatt": "GW", "gigawatts": "GW",
    "kwh": "kWh", "kilowatt-hour": "kWh", "kilowatt-hours": "kWh", "mwh": "MWh", "gwh": "GWh",
    "hp": "horsepower", "horsepower": "horsepower", "volt": "volt", "volts": "volt", "v": "volt",
    # temperature and angle
    "degrees celsius": "celsius", "degree celsius": "celsius", "deg celsius": "celsius",
    "degrees centigrade": "celsius", "celsius": "celsius", "celcius": "celsius", "centigrade": "celsius",
    "centigrate": "celsius", "°c": "celsius", "degrees c": "celsius", "degree c": "celsius",
    "deg c": "celsius", "degrees fahrenheit": "fahrenheit", "degree fahrenheit": "fahrenheit",
    "deg fahrenheit": "fahrenheit", "fahrenheit": "fahrenheit", "farenheit": "fahrenheit",
    "°f": "fahrenheit", "degrees f": "fahrenheit", "degree f": "fahrenheit", "deg f": "fahrenheit",
    "degrees farenheit": "fahrenheit", "degrees": "degree", "degree": "degree", "deg": "degree",
    "°": "degree", "kelvin": "kelvin", "rad": "radian", "radian": "radian", "radians": "radian",
    "turn": "turn", "turns": "turn",
    # data
    "kb": "kilobyte", "mb": "megabyte", "gb": "gigabyte", "tb": "terabyte", "bit": "bit", "bits": "bit",
    "megabit": "megabit", "megabits": "megabit", "megabyte": "megabyte", "megabytes": "megabyte",
    "gigabyte": "gigabyte", "gigabytes": "gigabyte",
    # points (markets, scores of an index)
    "point": "point", "points": "point", "basis points": "basis point", "bps": "basis point",
}
# symbols that are units only when glued to the number or written in capitals: a lone "m", "t",
# "l", "g", "v", "w", "in", "pm" after a number is as likely a word or an abbreviation of a word
GLUED_ONLY = {"m", "t", "l", "g", "v", "w", "in", "pm", "mi", "ha", "hp", "kb", "mb", "gb", "tb", "p", "c", "f",
              "yd", "bbl", "mm", "dm"}
# units that may stand after a space ("5 km", "20 degrees"; not "5 m", "2 in")
SPACED_UNITS = {k for k in MEASURE_UNITS if k not in GLUED_ONLY}
# glued capital letters after a number: 30C, 86F, 118.5p (pence)
GLUED_CASED = {"C": "celsius", "F": "fahrenheit", "p": "penny", "K": None}
# multiword units: longest first; first word -> [(words, canonical)]
_MULTI: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _k, _v in [*MEASURE_UNITS.items(), *((k, v) for k, v in CURRENCY_NAMES.items() if v)]:
    _w = tuple(_k.split())
    _MULTI.setdefault(_w[0], []).append((_w, _v))
for _l in _MULTI.values():
    _l.sort(key=lambda x: -len(x[0]))

# "a/per share", "a day": a rate after the unit
PER_NOUNS = {"share": "share", "day": "day", "year": "year", "annum": "year", "hour": "hour", "month": "month",
             "week": "week", "dozen": "dozen", "barrel": "barrel", "gallon": "gallon", "ton": "ton",
             "tonne": "tonne", "kilogram": "kg", "kg": "kg", "head": "head", "person": "person", "capita": "person",
             "second": "second", "minute": "minute", "gram": "gram", "gramme": "gram", "millisecond": "ms",
             "ms": "ms", "hr": "hour", "h": "hour", "s": "second"}
MONEY_CUES = re.compile(r"£|\b(?:cost|costs|costing|paid|pay|pays|paying|fined?|price[sd]?|worth|sold|bought|"
                        r"spent|spend|budget|salary|wage|sterling|profits?|revenues?|loans?|bid|deal|earn|"
                        r"earned|million|billion|bn|m)\b", re.I)


def match_unit(toks, j: int, glued: bool, text: str = "") -> tuple[str | None, int]:
    """(canonical unit, index after it) for a unit starting at toks[j]; (None, j) when there is none.
    `glued`: toks[j] touches the number (50mph, 6kW, 5km); `text`: the text the tokens index into
    (its words around toks[j] tell pounds of money from pounds of mass)."""
    n = len(toks)
    if j >= n:
        return None, j
    t = toks[j]
    if t.kind == "punct":
        if t.text == "°":
            # 100° Celsius, 85°, 20°C
            if j + 1 < n and toks[j + 1].start == t.end or (j + 1 < n and toks[j + 1].low in (
                    "celsius", "fahrenheit", "c", "f", "centigrade")):
                nxt = toks[j + 1].low
                if nxt in ("c", "celsius", "centigrade"):
                    return "celsius", j + 2
                if nxt in ("f", "fahrenheit"):
                    return "fahrenheit", j + 2
            return "degree", j + 1
        if t.text in "([{<" and j + 2 < n and toks[j + 2].text in ")]}>" and toks[j + 1].kind == "word":
            u, k = match_unit(toks, j + 1, False, text)  # 20 (kg), 20 [kg]
            if u and k == j + 2:
                return u, j + 3
        return None, j
    if t.kind != "word":
        return None, j
    if glued and t.text in GLUED_CASED:
        u = GLUED_CASED[t.text]
        return (u, j + 1) if u else (None, j)
    low = t.low
    if low == "pounds" or low == "pound":
        # pounds of money or of mass: money when the sentence speaks of money
        u = "GBP" if MONEY_CUES.search(text, max(0, t.start - 200), t.end + 200) else "pound-mass"
        if j + 1 < n and toks[j + 1].low == "sterling":
            return "GBP", j + 2
        return u, j + 1
    best = None
    for words, canon in _MULTI.get(low, ()):
        k = len(words)
        if j + k > n:
            continue
        if all(toks[j + x].low == words[x] for x in range(k)) and all(
                toks[j + x].start <= toks[j + x - 1].end + 2 for x in range(1, k)):
            best = (canon, j + k)
            break
    if best is None and low in CURRENCY_CODES:
        best = (CURRENCY_CODES[low], j + 1)
    if best is None:
        # km/h, m/s: a unit / a time unit
        return None, j
    canon, k = best
    if len(low) <= 3 and low in GLUED_ONLY and k == j + 1 and not glued:
        # "5 m", "100 t": a lone letter after a space is a unit only before a break or a number
        nxt = toks[k] if k < n else None
        if low in ("in", "pm", "p", "c", "f", "v", "w", "t", "l", "g", "ha") or (
                nxt is not None and nxt.kind == "word" and nxt.low not in ("long", "tall", "high", "wide", "deep",
                                                                          "away", "east", "west", "north",
                                                                          "south", "from", "of", "above",
                                                                          "below", "and", "or", "in", "to")):
            return None, j
    # rate: km/h, m/s
    if k + 1 < n and toks[k].text == "/" and toks[k + 1].kind == "word" and toks[k + 1].low in PER_NOUNS \
            and toks[k].start == toks[k - 1].end:
        return f"{canon} per {PER_NOUNS[toks[k + 1].low]}", k + 2
    return canon, k


def per_rate(toks, j: int) -> tuple[str | None, int]:
    """'a share', 'per day', 'an hour', '/ms' after a unit: (the per-noun, index after) or (None, j)."""
    n = len(toks)
    if j + 1 < n and toks[j].low in ("a", "an", "per", "/") and toks[j + 1].kind == "word":
        w = toks[j + 1].low
        if w in PER_NOUNS and (toks[j].low != "a" or w not in ("h", "s", "ms", "hr")):
            return PER_NOUNS[w], j + 2
    return None, j


# --- comparing unit names -----------------------------------------------------------------------
# any spelling -> one name; used to compare units (e.g. with another tool's names)
_NORMAL = {
    "usd": "dollar", "$": "dollar", "dollar": "dollar", "us dollar": "dollar", "eur": "euro", "€": "euro",
    "gbp": "pound sterling", "£": "pound sterling", "pound sterling": "pound sterling", "jpy": "japanese yen",
    "yen": "japanese yen", "cny": "chinese yuan", "yuan": "chinese yuan", "rmb": "chinese yuan",
    "cad": "canadian dollar", "aud": "australian dollar", "nzd": "new zealand dollar",
    "hkd": "hong kong dollar", "chf": "swiss franc", "inr": "rupee", "lkr": "sri lankan rupee",
    "rupee": "rupee", "mxn": "mexican peso", "try": "turkish lira", "btc": "bitcoin", "crc": "costa rican colón",
    "gel": "georgian lari", "lak": "lao kip", "esp": "peseta", "nlg": "netherlands guilde",
    "fim": "finnish markka", "kzt": "tenge", "rub": "rouble", "ruble": "rouble", "penny": "penny",
    "pence": "penny", "p": "penny", "cent": "cent",
    "percent": "percentage", "%": "percentage", "per cent": "percentage", "percentage": "percentage",
    "mm": "millimetre", "millimeter": "millimetre", "cm": "centimetre", "centimeter": "centimetre",
    "dm": "decimetre", "decimeter": "decimetre", "m": "metre", "meter": "metre", "metre": "metre",
    "km": "kilometre", "kilometer": "kilometre", "kilometre": "kilometre", "picometer": "picometre",
    "in": "inch", "ft": "foot", "feet": "foot", "mi": "mile", "yd": "yard",
    "square km": "square kilometre", "square kilometer": "square kilometre", "km2": "square kilometre",
    "square meter": "square metre", "m2": "square metre",
    "ml": "millilitre", "milliliter": "millilitre", "l": "litre", "liter": "litre",
    "mg": "milligram", "g": "gram", "kg": "kilogram", "kilo": "kilogram", "lb": "pound-mass",
    "lbs": "pound-mass", "tonne": "metric ton", "t": "metric ton",
    "mph": "mile per hour", "km/h": "kilometre per hour", "kph": "kilometre per hour",
    "kw": "kilowatt", "mw": "megawatt", "gw": "gigawatt", "kwh": "kilowatt hour", "w": "watt",
    "°c": "celsius", "degree celsius": "celsius", "°f": "fahrenheit", "degree fahrenheit": "fahrenheit",
    "°": "degree", "deg": "degree", "rad": "radian",
    "mb": "megabyte", "gb": "gigabyte", "kb": "kilobyte",
    "person": "people", "people": "people", "persons": "people",
    "-": "", "count": "", "none": "", "ratio": "",
}


def _singular_word(w: str) -> str:
    if w in ("feet",):
        return "foot"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def normalize_unit(name: str | None) -> str:
    """One name for every spelling of a unit: symbols, codes, plurals, case ('' = no unit).
    'USD', '$', 'dollars' -> 'dollar'; 'km', 'kilometers' -> 'kilometre'; '%' -> 'percentage'."""
    if name is None:
        return ""
    s = " ".join(name.strip().lower().split())
    if s in _NORMAL:
        return _NORMAL[s]
    # "kilometre per hour", "dollar per share": normalise each side of "per"
    if " per " in s:
        a, b = s.split(" per ", 1)
        return f"{normalize_unit(a)} per {normalize_unit(b)}"
    words = [_singular_word(w) for w in s.split()]
    s2 = " ".join(words)
    if s2 in _NORMAL:
        return _NORMAL[s2]
    s3 = s2.replace("meter", "metre").replace("liter", "litre")
    return _NORMAL.get(s3, s3)
