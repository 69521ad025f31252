"""Russian figures (pipeline/facts/ru_quantities.py): one case or more per rule of Russian number writing,
the things that are no amounts, a property over arbitrary Cyrillic/digit text, and a cache check."""

from __future__ import annotations

import dataclasses
import inspect
import math
import sys
import types

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from pipeline.facts import ru_quantities
from pipeline.facts.quantities import Quantity
from pipeline.facts.ru_quantities import extract_russian, word_info


def figs(text: str, dates=None) -> list[tuple]:
    return [(text[q.start:q.end], q.value_low, q.value_high, q.qualifier, q.unit, q.head)
            for q in extract_russian(text, [(0, len(text))], dates)]


def one(text: str) -> tuple:
    got = figs(text)
    assert len(got) == 1, got
    return got[0][1:]


def check(text: str, expected: tuple) -> None:
    lo, hi, qual, unit, head = one(text)
    elo, ehi, equal, eunit, ehead = expected
    assert (lo is None) == (elo is None) and (lo is None or lo == pytest.approx(elo)), (lo, expected)
    assert (hi is None) == (ehi is None) and (hi is None or hi == pytest.approx(ehi)), (hi, expected)
    assert (qual, unit, head) == (equal, eunit, ehead)


# --- digits: Russian grouping, decimal comma, magnitudes -----------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("На акцию вышли 1 500 человек.", (1500, 1500, "exact", "person", "человек")),
    ("На акцию вышли 1\u00a0500 человек.", (1500, 1500, "exact", "person", "человек")),
    ("Ущерб 1\u202f200\u202f000 тенге.", (1_200_000, 1_200_000, "exact", "KZT", None)),
    ("Рост составил 2,5 процента.", (2.5, 2.5, "exact", "percent", None)),
    ("Ущерб оценили в 2,5 млн рублей.", (2_500_000, 2_500_000, "exact", "RUB", None)),
    ("Индекс вырос на 2.5 пункта.", (2.5, 2.5, "exact", None, "пункт")),
    ("Собрали 3,5 тыс. подписей.", (3500, 3500, "exact", None, "подпись")),
    ("Потери 7 миллиардов рублей.", (7e9, 7e9, "exact", "RUB", None)),
    ("Долг 3 трлн тенге.", (3e12, 3e12, "exact", "KZT", None)),
    ("Бюджет 12 миллионов евро.", (12e6, 12e6, "exact", "EUR", None)),
    ("Прибыль 4 млрд долларов.", (4e9, 4e9, "exact", "USD", None)),
    ("Собрали 5 тысяч подписей.", (5000, 5000, "exact", None, "подпись")),
    ("Пришли 2-х тысяч человек.", (2000, 2000, "exact", "person", "человек")),
    ("Более 5-ти человек.", (5, None, "at_least", "person", "человек")),
])
def test_digits(text, expected):
    check(text, expected)


# --- number words in every case and gender -----------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Полиция задержала двух тысяч пятисот демонстрантов.", (2500, 2500, "exact", "person", "демонстрант")),
    ("Погибли шестнадцать человек.", (16, 16, "exact", "person", "человек")),
    ("Суд оправдал шестнадцати обвиняемых.", (16, 16, "exact", "person", "обвиняемый")),
    ("Ранены сорока двух человек.", (42, 42, "exact", "person", "человек")),
    ("Трое погибших опознаны.", (3, 3, "exact", "person", "погибший")),
    ("Четверо полицейских ранены.", (4, 4, "exact", "person", "полицейский")),
    ("Задержали семерых человек.", (7, 7, "exact", "person", "человек")),
    ("Задержали двоих задержанных.", (2, 2, "exact", "person", "задержанный")),
    ("Освободили обоих задержанных.", (2, 2, "exact", "person", "задержанный")),
    ("Пострадал один человек.", (1, 1, "exact", "person", "человек")),
    ("Задержали одного полицейского.", (1, 1, "exact", "person", "полицейский")),
    ("Пострадала одна женщина.", (1, 1, "exact", "person", "женщина")),
    ("Пришли тысяча двести человек.", (1200, 1200, "exact", "person", "человек")),
    ("Пришел двадцать один человек.", (21, 21, "exact", "person", "человек")),
    ("Собралось сто человек.", (100, 100, "exact", "person", "человек")),
    ("Украли двести пятьдесят тысяч рублей.", (250_000, 250_000, "exact", "RUB", None)),
    ("Выделено полтора миллиона долларов.", (1.5e6, 1.5e6, "exact", "USD", None)),
    ("Вышли полторы тысячи человек.", (1500, 1500, "exact", "person", "человек")),
    ("Потрачено два с половиной миллиона рублей.", (2.5e6, 2.5e6, "exact", "RUB", None)),
    ("Пришли полсотни человек.", (50, 50, "exact", "person", "человек")),
    ("Получили полмиллиона долларов.", (5e5, 5e5, "exact", "USD", None)),
    ("Арестовали трёх активистов.", (3, 3, "exact", "person", "активист")),
    ("Арестовали трех активистов.", (3, 3, "exact", "person", "активист")),
    ("С пятью задержанными беседовали.", (5, 5, "exact", "person", "задержанный")),
])
def test_number_words(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text", [
    "Один из задержанных скончался в больнице.",   # like English `one of`: no figure (ONE_OF_IS_FIGURE)
    "Ни один человек не пострадал.",
    "Один раз он уже выступал.",
    "С одной стороны, это правда.",
    "Одним словом, ничего не изменилось.",
    "Один сказал, что уходит.",
    "Одни люди пришли, другие ушли.",
    "Ноль целых пять десятых.",
])
def test_one_needs_a_counted_noun(text):
    assert figs(text) == []


def test_one_of_switch(monkeypatch):
    monkeypatch.setattr(ru_quantities, "ONE_OF_IS_FIGURE", True)
    assert one("Один из задержанных скончался.")[:3] == (1, 1, "exact")


# --- hedges --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Задержаны не менее 10 человек.", (10, None, "at_least", "person", "человек")),
    ("Задержаны не меньше 5 человек.", (5, None, "at_least", "person", "человек")),
    ("Задержаны как минимум 3 человека.", (3, None, "at_least", "person", "человек")),
    ("Задержаны по меньшей мере 7 человек.", (7, None, "at_least", "person", "человек")),
    ("Задержаны более 100 человек.", (100, None, "at_least", "person", "человек")),
    ("Задержаны более чем 100 человек.", (100, None, "at_least", "person", "человек")),
    ("Задержаны больше 20 человек.", (20, None, "at_least", "person", "человек")),
    ("Задержаны свыше 300 человек.", (300, None, "at_least", "person", "человек")),
    ("Более двух тысяч пятисот демонстрантов.", (2500, None, "at_least", "person", "демонстрант")),
    ("Ранены не более 20 человек.", (None, 20, "at_most", "person", "человек")),
    ("Ранены не больше 20 человек.", (None, 20, "at_most", "person", "человек")),
    ("Грозит до 10 лет лишения свободы.", (None, 10, "at_most", "year", "год")),
    ("Арест до 15 суток.", (None, 15, "at_most", "day", "сутки")),
    ("Инфляция менее 5%.", (None, 5, "at_most", "percent", None)),
    ("Ранены меньше 10 человек.", (None, 10, "at_most", "person", "человек")),
    ("Ранены почти 50 человек.", (None, 50, "at_most", "person", "человек")),   # almost = at_most (convention)
    ("Собрались около 300 рабочих.", (300, 300, "about", "person", "рабочий")),
    ("Собрались порядка 200 человек.", (200, 200, "about", "person", "человек")),
    ("Собрались примерно 30 человек.", (30, 30, "about", "person", "человек")),
    ("Сгорели приблизительно 40 машин.", (40, 40, "about", None, "машина")),
    ("Задержаны 10 с лишним человек.", (10, None, "at_least", "person", "человек")),
    ("Ущерб 100 с лишним тысяч рублей.", (100_000, None, "at_least", "RUB", None)),
    ("Прошло 10 с небольшим лет.", (10, None, "at_least", "year", "год")),
    ("Он сидел 20 лет с лишним.", (20, None, "at_least", "year", "год")),
    ("Пришли 100 человек и более.", (100, None, "at_least", "person", "человек")),
    ("Всего 5 человек пришли.", (5, 5, "exact", "person", "человек")),
])
def test_hedges(text, expected):
    check(text, expected)


def test_hedge_spans_the_expression():
    text = "Задержаны не менее 10 человек."
    q = extract_russian(text, [(0, len(text))])[0]
    assert text[q.start:q.end] == "не менее 10"
    assert text[q.core_start:q.core_end] == "10"
    assert q.head == "человек" and text[q.head_start:].startswith("человек")


# --- ranges: one figure ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Пострадали от 10 до 15 человек.", (10, 15, "range", "person", "человек")),
    ("Пострадали 10–15 человек.", (10, 15, "range", "person", "человек")),
    ("Пострадали 10-15 человек.", (10, 15, "range", "person", "человек")),
    ("Пострадали 10 - 15 человек.", (10, 15, "range", "person", "человек")),
    ("Вышли от двух до трёх тысяч человек.", (2000, 3000, "range", "person", "человек")),
    ("Вышли пять-шесть тысяч человек.", (5000, 6000, "range", "person", "человек")),
    ("Задержали двух-трёх человек.", (2, 3, "range", "person", "человек")),
    ("Собрались 10-15 тыс. человек.", (10_000, 15_000, "range", "person", "человек")),
    ("Штраф от 2 до 3 млн тенге.", (2e6, 3e6, "range", "KZT", None)),
    ("Штраф от 500 тыс. до 1 млн рублей.", (5e5, 1e6, "range", "RUB", None)),
    ("Рост на 10%-15%.", (10, 15, "range", "percent", None)),
    ("Рост от 10% до 15%.", (10, 15, "range", "percent", None)),
    ("Цена $5-$10.", (5, 10, "range", "USD", None)),
    ("Грозит от 5 до 7 лет лишения свободы.", (5, 7, "range", "year", "год")),
    ("Арест на один-два дня.", (1, 2, "range", "day", "день")),
])
def test_ranges(text, expected):
    check(text, expected)


def test_change_is_two_figures():
    got = figs("Тариф вырос с 10 до 15%.")
    assert [(lo, hi, q, u) for _, lo, hi, q, u, _ in got] == [(10, 10, "exact", "percent"),
                                                              (15, 15, "exact", "percent")]


# --- vague amounts (value_low = twice the base, value_high None: docs/facts.md) -----------------------
@pytest.mark.parametrize("text, expected, span", [
    ("Пострадали десятки человек.", (20, None, "vague", "person", "человек"), (10, 99)),
    ("Задержаны сотни людей.", (200, None, "vague", "person", "человек"), (100, 999)),
    ("Вышли тысячи демонстрантов.", (2000, None, "vague", "person", "демонстрант"), (1000, 9999)),
    ("Вышли десятки тысяч жителей.", (20_000, None, "vague", "person", "житель"), (10_000, 99_999)),
    ("Пришли сотни тысяч граждан.", (200_000, None, "vague", "person", "гражданин"), (100_000, 999_999)),
    ("Пришли несколько десятков полицейских.", (20, None, "vague", "person", "полицейский"), (10, 99)),
    ("Пришли несколько сотен человек.", (200, None, "vague", "person", "человек"), (100, 999)),
    ("Пришли несколько тысяч человек.", (2000, None, "vague", "person", "человек"), (1000, 9999)),
    ("Задержали несколько активистов.", (2, None, "vague", "person", "активист"), (2, 9)),
    ("Потеряны миллионы рублей.", (2e6, None, "vague", "RUB", None), None),
])
def test_vague(text, expected, span):
    check(text, expected)
    q = extract_russian(text, [(0, len(text))])[0]
    if span:
        assert tuple(q.extra["span"]) == pytest.approx(span)


@pytest.mark.parametrize("text, expected", [
    ("Пришли около сотни человек.", (100, 100, "about", "person", "человек")),
    ("Пришли более тысячи человек.", (1000, None, "at_least", "person", "человек")),
    ("Пришли около тысячи человек.", (1000, 1000, "about", "person", "человек")),
    ("Сгорели более десятка машин.", (10, None, "at_least", None, "машина")),
    ("Сгорели около десятка машин.", (10, 10, "about", None, "машина")),
    ("Сгорел десяток домов.", (10, 10, "about", None, "дом")),
    ("Сгорела дюжина домов.", (12, 12, "exact", None, "дом")),
    ("Собралась тысяча человек.", (1000, 1000, "exact", "person", "человек")),
    ("Пришли до нескольких тысяч человек.", (None, None, "vague", "person", "человек")),  # up to several
])
def test_singular_bases_and_hedged_vague(text, expected):
    check(text, expected)


# --- percent, currencies, durations, ratios --------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Рост 15%.", (15, 15, "exact", "percent", None)),
    ("Рост 15 %.", (15, 15, "exact", "percent", None)),
    ("Рост 15 процентов.", (15, 15, "exact", "percent", None)),
    ("Зарплата 100 тысяч рублей.", (1e5, 1e5, "exact", "RUB", None)),
    ("Штраф 500 руб.", (500, 500, "exact", "RUB", None)),
    ("Штраф 300 ₽.", (300, 300, "exact", "RUB", None)),
    ("Штраф 1000 тенге.", (1000, 1000, "exact", "KZT", None)),
    ("Штраф 1000 ₸.", (1000, 1000, "exact", "KZT", None)),
    ("Штраф 100 долларов.", (100, 100, "exact", "USD", None)),
    ("Штраф 100 долл. США.", (100, 100, "exact", "USD", None)),
    ("Выкуп $5 млн.", (5e6, 5e6, "exact", "USD", None)),
    ("Штраф 50 евро.", (50, 50, "exact", "EUR", None)),
    ("Штраф 20 €.", (20, 20, "exact", "EUR", None)),
    ("Суд приговорил его к 7 годам колонии.", (7, 7, "exact", "year", "год")),
    ("Суд приговорил его к семи годам колонии.", (7, 7, "exact", "year", "год")),
    ("Арест на 15 суток.", (15, 15, "exact", "day", "сутки")),
    ("Его держали двое суток.", (2, 2, "exact", "day", "сутки")),
    ("Он получил 5 лет колонии.", (5, 5, "exact", "year", "год")),
    ("Срок 18 месяцев.", (18, 18, "exact", "month", "месяц")),
    ("Забастовка длилась 3 дня.", (3, 3, "exact", "day", "день")),
    ("Цены выросли в 2 раза.", (2, 2, "exact", "ratio", "раз")),
    ("Прошли 1500 км.", (1500, 1500, "exact", "km", None)),
])
def test_units(text, expected):
    check(text, expected)


# --- not amounts ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Это случилось в 2011 году.",
    "События 2011 года.",
    "Указ от 2011 г. отменён.",
    "В 2011-2012 годах цены росли.",
    "С 2000 по 2010 год.",
    "Это было в 1999.",
    "Это было 16 декабря.",
    "Это было 16 и 17 декабря.",
    "Это было 16-17 декабря.",
    "Документ от 16.12.2011 подписан.",
    "Встреча в 14:30.",
    "Встреча в 14.30.",
    "Встреча в 14 часов 30 минут.",
    "38-летний мужчина задержан.",
    "Мужчина в возрасте 38 лет задержан.",
    "Ему исполнилось 50 лет.",
    "Иванову 38 лет.",
    "Он занял 3-й ряд.",
    "Прибыл 5-го числа.",
    "Он третий в списке.",
    "В первом туре.",
    "Он живёт в доме 15.",
    "Адрес: ул. Ленина, 5.",
    "Адрес: улица Абая 12.",
    "Квартира: кв. 12.",
    "По статье 105 возбуждено дело.",
    "По ст. 272 УК возбуждено дело.",
    "Применили часть 2 статьи.",
    "Приказ № 15 подписан.",
    "Приказ №15 подписан.",
    "Разбился Ту-154, позже Ил-76 и Су-24.",
    "Матч закончился со счетом 2:1.",
    "Счет 3-2 в пользу хозяев.",
    "Звоните по тел. +7 (701) 123-45-67.",
    "Звоните 8 800 555 35 35.",
    "Звоните 123-45-67.",
    "Это было 5 лет назад.",
    "Через 2 дня всё закончилось.",
    "Спустя 3 года его освободили.",
    "Он живет в 5 микрорайоне.",
    "Он живет на 3 этаже.",
    "Вышел Windows 10 и Boeing 737.",
    "Поддержка 5G и 3D.",
    "1. Первый пункт",
    "СТО не работает.",
    "Вирус COVID-19 распространился.",
    "Дробь 1/2.",
])
def test_not_amounts(text):
    assert figs(text) == []


def test_counted_year_like_numbers_are_amounts():
    assert one("На площадь вышли 2000 человек.")[:4] == (2000, 2000, "exact", "person")
    assert one("Зарплата 2000 рублей.")[:4] == (2000, 2000, "exact", "RUB")
    assert one("В 2011 году 500 человек пришли.")[:4] == (500, 500, "exact", "person")


def test_in_a_house_people_are_counted():
    assert one("В доме 5 человек.")[:4] == (5, 5, "exact", "person")
    assert one("В 5 городах прошли акции.")[:2] == (5, 5)
    assert one("В 21 регионе прошли акции.")[:2] == (21, 21)   # 21 takes the singular
    assert one("В т. ч. 5 детей.")[:4] == (5, 5, "exact", "person")


def test_dates_argument_blocks_numbers():
    text = "Встреча 25 человек прошла."
    assert figs(text) != []
    assert figs(text, dates=[(8, 10)]) == []
    assert figs(text, dates=[types.SimpleNamespace(start=8, end=10)]) == []


def test_signs():
    assert one("Мороз -5 градусов.")[:2] == (-5, -5)
    assert one("Температура минус 10.")[:2] == (-10, -10)


# --- several figures, offsets, sentences -------------------------------------------------------------
def test_sentence_text():
    text = ("16 декабря 2011 года в Жанаозене погибли 16 человек, более ста получили ранения. "
            "Суд приговорил 37 нефтяников к срокам до 7 лет, ущерб составил 2,5 млрд тенге.")
    got = figs(text)
    assert [(s, lo, hi, q, u, h) for s, lo, hi, q, u, h in got] == [
        ("16", 16, 16, "exact", "person", "человек"),
        ("более ста", 100, None, "at_least", None, None),
        ("37", 37, 37, "exact", "person", "нефтяник"),
        ("до 7 лет", None, 7, "at_most", "year", "год"),
        ("2,5 млрд тенге", 2.5e9, 2.5e9, "exact", "KZT", None),
    ]


def test_sentence_bounds():
    text = "Пришли 10 человек. Ушли 5 человек. Остались 3 человека."
    spans = [(0, 18), (19, 34)]
    qs = extract_russian(text, spans)
    assert [(q.sentence_start, q.sentence_end) for q in qs] == [(0, 18), (19, 34), (0, len(text))]
    assert all(q.measure == "other" and q.attribution is None for q in qs)
    assert all(isinstance(q, Quantity) for q in qs)


def test_sorted_and_types():
    text = "Около 300 рабочих, 15% и $5 млн; десятки тысяч жителей."
    qs = extract_russian(text, [])
    assert [q.start for q in qs] == sorted(q.start for q in qs) and len(qs) == 4
    assert all(isinstance(q.value_low, float) or q.value_low is None for q in qs)


# --- bad input ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "", " ", "1" * 400 + " человек", "1e309 рублей", "9" * 300 + " трлн рублей", "(" * 5000 + "5" + ")" * 5000,
    ",".join(["1"] * 5000), " ".join(["100"] * 5000), " ".join(["сто"] * 2000), "-".join(["5"] * 3000),
    "от 1 до " * 1000, "\u0130" * 100 + " 5 человек", "1" + " 000" * 5000, "тысяч " * 2000,
])
def test_bad_input(text):
    qs = extract_russian(text, [(0, len(text))])
    assert isinstance(qs, list)
    for q in qs:
        assert 0 <= q.start <= q.core_start < q.core_end <= q.end <= len(text)
        assert all(v is None or math.isfinite(v) for v in (q.value_low, q.value_high))


def test_none_and_non_string():
    assert extract_russian("", []) == []
    assert extract_russian(None, []) == []   # type: ignore[arg-type]
    assert extract_russian("Пришли 5 человек.", None)[0].sentence_end == len("Пришли 5 человек.")


# --- properties -------------------------------------------------------------------------------------------
_PIECES = ["не менее", "более", "до", "от", "около", "с лишним", "тысяч", "тыс.", "млн", "млрд", "двух", "трое",
           "сорока", "пятисот", "десятки", "сотни", "несколько", "человек", "рублей", "тенге", "лет", "суток",
           "декабря", "году", "г.", "№", "ст.", "ул.", "$", "%", "₸", "-", "–", ":", ",", ".", "/", "(", ")",
           "1", "15", "2011", "1 500", "1\u00a0500", "2,5", "007", "3-й", "Ту-154", "один", "из", "в", "на",
           "раза", "\n", "0", "9" * 30, "1e309", "одного", "полторы", "Иванов"]
_texts = st.one_of(
    st.text(alphabet="0123456789 ,.-–:%$№/абвгдежзийклмнопрстуфхцчшщыьэюяёАБВ\u00a0\u202f\n()", max_size=200),
    st.lists(st.sampled_from(_PIECES), max_size=40).map(" ".join),
    st.lists(st.sampled_from(_PIECES), max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts)
@example("от 1 до 2 до 3 - 4 - 5 тыс. млн")
@example("1 500 500 500 500 500 500")
def test_never_raises_and_offsets_in_bounds(text):
    qs = extract_russian(text, [(0, len(text) // 2), (len(text) // 2, len(text))])
    starts = [q.start for q in qs]
    assert starts == sorted(starts)
    for q in qs:
        assert 0 <= q.start <= q.core_start < q.core_end <= q.end <= len(text)
        assert q.qualifier in ("exact", "about", "at_least", "at_most", "range", "vague")
        assert all(v is None or math.isfinite(v) for v in (q.value_low, q.value_high))
        assert q.head_start is None or 0 <= q.head_start < len(text)
        assert 0 <= q.sentence_start <= q.start < q.sentence_end <= len(text) or (
            q.sentence_start == 0 and q.sentence_end == len(text))


# --- caching (no wall clock) --------------------------------------------------------------------------------
def test_lemma_lookups_are_cached_and_repeatable():
    text = "Более двух тысяч пятисот демонстрантов и трое погибших; десятки тысяч жителей, 16 человек."
    first = [dataclasses.asdict(q) for q in extract_russian(text, [(0, len(text))])]
    before = word_info.cache_info()
    second = [dataclasses.asdict(q) for q in extract_russian(text, [(0, len(text))])]
    after = word_info.cache_info()
    assert first == second and first
    assert after.misses == before.misses          # the second call parsed no word again
    assert after.hits > before.hits


@pytest.mark.skipif(sys.version_info < (3, 11), reason="inspect.getargspec exists before 3.11")
def test_global_inspect_untouched():
    # the pymorphy2 shim for Python 3.11 lives in pymorphy2's own module, not in `inspect`
    assert one("Пришли двое рабочих.")[:2] == (2, 2)
    assert not hasattr(inspect, "getargspec")
