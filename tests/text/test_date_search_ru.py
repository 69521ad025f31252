"""Russian (and Kazakh) dates in free text: the forms Russian writes, what they resolve to, what is
no date, and English text found exactly as before."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.text.date_search import find_dates, resolve

REF = dt.date(2012, 3, 14)        # the day the text is written: a Wednesday
CONTEXT_YEAR = 2011               # the year the text is talking about


def dated(text: str, ref: dt.date | None = REF, context_year: int | None = CONTEXT_YEAR,
          context_date: dt.date | None = None) -> list[tuple]:
    """(surface, form, precision, ISO start, ISO end) of each mention, resolved."""
    out = []
    for m in find_dates(text):
        r = resolve(m, ref, context_year, context_date)
        out.append((m.surface, m.form, m.precision, *(r.iso() if r else (None, None))))
    return out


@pytest.mark.parametrize("text,expected", [
    # a day, with the word for year in its cases and abbreviated
    ("Жанаозен, 16 декабря 2011 года. Полиция открыла огонь.",
     [("16 декабря 2011 года", "dmy", "day", "2011-12-16", None)]),
    ("Это произошло 16 декабря 2011 г. в Жанаозене.", [("16 декабря 2011 г.", "dmy", "day", "2011-12-16", None)]),
    ("Это произошло 16 декабря 2011г. в Жанаозене.", [("16 декабря 2011г.", "dmy", "day", "2011-12-16", None)]),
    ("Митинг прошёл 16 декабря на площади.", [("16 декабря", "dmy", "day", "2011-12-16", None)]),
    ("Суд начался 16-го декабря 2011 года.", [("16-го декабря 2011 года", "dmy", "day", "2011-12-16", None)]),
    ("Пятница, 16 декабря 2011 года, стала чёрным днём.",
     [("Пятница, 16 декабря 2011 года", "dmy", "day", "2011-12-16", None)]),
    ("Это случилось в пятницу, 16 декабря.", [("пятницу, 16 декабря", "dmy", "day", "2011-12-16", None)]),
    ("Приговор вынесли 4 июня 2012 года.", [("4 июня 2012 года", "dmy", "day", "2012-06-04", None)]),
    # an abbreviated month after a day number
    ("Заявление датировано 16 дек. 2011 года.", [("16 дек. 2011 года", "dmy", "day", "2011-12-16", None)]),
    ("Заявление датировано 3 сент. 2011 г.", [("3 сент. 2011 г.", "dmy", "day", "2011-09-03", None)]),
    # two days, a span, a list of days
    ("Беспорядки 16–17 декабря 2011 года потрясли страну.",
     [("16–17 декабря 2011 года", "dmy", "day", "2011-12-16", "2011-12-17")]),
    ("Забастовка длилась с 16 по 18 декабря.", [("с 16 по 18 декабря", "dmy", "day", "2011-12-16", "2011-12-18")]),
    ("Акции шли с 30 ноября по 2 декабря 2011 года.",
     [("с 30 ноября по 2 декабря 2011 года", "dmy", "day", "2011-11-30", "2011-12-02")]),
    ("Праздники продлятся с 30 декабря 2011 по 2 января 2012 года.",
     [("с 30 декабря 2011 по 2 января 2012 года", "dmy", "day", "2011-12-30", "2012-01-02")]),
    ("Траур объявлен 16, 17 и 18 декабря 2011 года.",
     [("16", "list", "day", "2011-12-16", None), ("17", "list", "day", "2011-12-17", None),
      ("18 декабря 2011 года", "dmy", "day", "2011-12-18", None)]),
    ("Губернатор объявил 15 и 16 ноября днями траура.",
     [("15", "list", "day", "2011-11-15", None), ("16 ноября", "dmy", "day", "2011-11-16", None)]),
    # the night before a day is dated by that day, at day precision (see the form's comment)
    ("В ночь на 17 декабря в городе ввели комендантский час.",
     [("ночь на 17 декабря", "dmy", "day", "2011-12-17", None)]),
    ("В ночь с 16 на 17 декабря 2011 года горели здания.",
     [("ночь с 16 на 17 декабря 2011 года", "dmy", "day", "2011-12-17", None)]),
    # a month: with its year, alone in the case its preposition takes, a span, a part of it
    ("Забастовка началась в мае 2011 года.", [("мае 2011 года", "my", "month", "2011-05", None)]),
    ("В декабре 2011 года нефтяники вышли на площадь.", [("декабре 2011 года", "my", "month", "2011-12", None)]),
    ("Декабрь 2011 года выдался тяжёлым.", [("Декабрь 2011 года", "my", "month", "2011-12", None)]),
    ("Сотрудники не получают зарплату с декабря 2011 года.", [("декабря 2011 года", "my", "month", "2011-12", None)]),
    ("Митинги шли с мая по декабрь 2011 года.", [("с мая по декабрь 2011 года", "mmy", "month", "2011-05", "2011-12")]),
    ("Работы закончатся к декабрю 2012 года.", [("декабрю 2012 года", "my", "month", "2012-12", None)]),
    ("В начале декабря 2011 года начались увольнения.", [("начале декабря 2011 года", "mid", "month", "2011-12", None)]),
    ("В середине декабря рабочие снова вышли на площадь.",
     [("середине декабря", "mid", "month", "2011-12", None)]),
    ("Стачка продолжалась до конца мая.", [("конца мая", "mid", "month", "2011-05", None)]),
    # a year
    ("В 2011 году нефтяники бастовали семь месяцев.", [("2011 году", "y", "year", "2011", None)]),
    ("Бюджет на 2012 год приняли около 2011 года.",
     [("2012 год", "y", "year", "2012", None), ("2011 года", "y", "year", "2011", None)]),
    ("2011 год стал для города тяжёлым.", [("2011 год", "y", "year", "2011", None)]),
    ("Это было в 2011-м, когда начались забастовки.", [("2011-м", "y", "year", "2011", None)]),
    ("В 2011-м году всё изменилось.", [("2011-м году", "y", "year", "2011", None)]),
    ("Нефтяники бастовали в 2011 и 2012 годах.",
     [("2011", "y", "year", "2011", None), ("2012 годах", "y", "year", "2012", None)]),
    ("В 2010–2011 годах цены росли.", [("2010–2011 годах", "yy", "year", "2010", "2011")]),
    ("Цены росли в 2010-2011 гг. по всей стране.", [("2010-2011 гг.", "yy", "year", "2010", "2011")]),
    ("С 2010 по 2012 год цены росли.", [("С 2010 по 2012 год", "yy", "year", "2010", "2012")]),
    ("В 1990-х годах город строился.", [("1990-х годах", "yy", "year", "1990", "1999")]),
    # seasons, as the English ones: March–May, June–August, September–November, December–February
    ("Весной 2012 года суд вынес приговор.", [("Весной 2012 года", "season", "month", "2012-03", "2012-05")]),
    ("Весна 2012 года выдалась холодной.", [("Весна 2012 года", "season", "month", "2012-03", "2012-05")]),
    ("Летом нефтяники объявили голодовку.", [("Летом", "season", "month", "2011-06", "2011-08")]),
    ("Осенью начались увольнения.", [("Осенью", "season", "month", "2011-09", "2011-11")]),
    ("Зимой 2011–2012 годов в городе было тихо.",
     [("Зимой 2011–2012 годов", "season", "month", "2011-12", "2012-02")]),
    ("Прошлой осенью в городе прошли обыски.", [("Прошлой осенью", "season", "month", "2011-09", "2011-11")]),
    # the numeric date as before, with the word for year after it
    ("Акция прошла 16.12.2011 на площади.", [("16.12.2011", "num", "day", "2011-12-16", None)]),
    ("Акция прошла 16.12.2011 г. на площади.", [("16.12.2011 г.", "num", "day", "2011-12-16", None)]),
    # relative to the day of writing
    ("Вчера в Жанаозене прошёл митинг.", [("Вчера", "today", "day", "2012-03-13", None)]),
    ("Сегодня в Жанаозене тихо.", [("Сегодня", "today", "day", "2012-03-14", None)]),
    ("Позавчера в Жанаозене прошёл митинг.", [("Позавчера", "today", "day", "2012-03-12", None)]),
    ("В прошлом году нефтяники бастовали.", [("прошлом году", "rely", "year", "2011", None)]),
    ("В этом году забастовок нет.", [("этом году", "rely", "year", "2012", None)]),
    ("В следующем году завод закроют.", [("следующем году", "rely", "year", "2013", None)]),
    ("В прошлом месяце цены выросли.", [("прошлом месяце", "relmo", "month", "2012-02", None)]),
    ("В следующем месяце цены вырастут.", [("следующем месяце", "relmo", "month", "2012-04", None)]),
    ("Беспорядки начались 16 декабря прошлого года.",
     [("16 декабря прошлого года", "dmy", "day", "2011-12-16", None)]),
    ("В декабре этого года пройдут выборы.", [("декабре этого года", "m", "month", "2012-12", None)]),
    # a weekday after "в": the last such day on or before the day of writing (a Wednesday)
    ("В понедельник рабочие вышли на площадь.", [("понедельник", "wd", "day", "2012-03-12", None)]),
    ("Во вторник рабочие вышли на площадь.", [("вторник", "wd", "day", "2012-03-13", None)]),
    ("В среду рабочие вышли на площадь.", [("среду", "wd", "day", "2012-03-14", None)]),
    ("В четверг рабочие вышли на площадь.", [("четверг", "wd", "day", "2012-03-08", None)]),
    ("В пятницу рабочие вышли на площадь.", [("пятницу", "wd", "day", "2012-03-09", None)]),
    ("В субботу рабочие вышли на площадь.", [("субботу", "wd", "day", "2012-03-10", None)]),
    ("В воскресенье рабочие вышли на площадь.", [("воскресенье", "wd", "day", "2012-03-11", None)]),
    ("В прошлую пятницу рабочие вышли на площадь.", [("прошлую пятницу", "relwd", "day", "2012-03-09", None)]),
    ("В ночь на субботу в городе было тихо.", [("ночь на субботу", "wd", "day", "2012-03-10", None)]),
    # Kazakh: the year first, the month in the nominative or with a suffix
    ("Жаңаөзенде 2011 жылғы 16 желтоқсан оқиғасы болды.",
     [("2011 жылғы 16 желтоқсан", "dmy", "day", "2011-12-16", None)]),
    ("Жаңаөзенде 2011 жылы 16 желтоқсанда ереуіл болды.",
     [("2011 жылы 16 желтоқсанда", "dmy", "day", "2011-12-16", None)]),
    ("Хабарлама 16 желтоқсан 2011 ж. жарияланды.", [("16 желтоқсан 2011 ж.", "dmy", "day", "2011-12-16", None)]),
    ("Мұнайшылар 2011 жылы ереуілге шықты.", [("2011 жылы", "y", "year", "2011", None)]),
    # any letter case
    ("В ДЕКАБРЕ 2011 ГОДА НЕФТЯНИКИ ВЫШЛИ НА ПЛОЩАДЬ.", [("ДЕКАБРЕ 2011 ГОДА", "my", "month", "2011-12", None)]),
    ("ЖАНАОЗЕН, 16 ДЕКАБРЯ 2011 ГОДА.", [("16 ДЕКАБРЯ 2011 ГОДА", "dmy", "day", "2011-12-16", None)]),
    ("ВЧЕРА В ЖАНАОЗЕНЕ ПРОШЁЛ МИТИНГ.", [("ВЧЕРА", "today", "day", "2012-03-13", None)]),
])
def test_russian_forms(text, expected):
    assert dated(text) == expected


def test_a_month_alone_after_v_is_the_last_such_month_before_the_day_of_writing():
    assert dated("Пожар произошёл в декабре.") == [("декабре", "m", "month", "2011-12", None)]
    assert dated("Пожар произошёл в феврале.") == [("феврале", "m", "month", "2012-02", None)]
    assert dated("Цены растут с декабря.") == [("декабря", "m", "month", "2011-12", None)]


def test_last_month_over_a_new_year():
    assert dated("В прошлом месяце цены выросли.", ref=dt.date(2012, 1, 10)) == \
        [("прошлом месяце", "relmo", "month", "2011-12", None)]
    # an undated text: from the date it is talking about
    assert dated("В том же месяце цены выросли.", ref=None, context_date=dt.date(2011, 12, 16)) == \
        [("том же месяце", "relmo", "month", "2011-12", None)]


def test_a_span_over_a_new_year_without_a_year_is_two_days():
    assert [(m.surface, m.month, m.day) for m in find_dates("Праздники с 30 декабря по 2 января.")] == \
        [("с 30 декабря", 12, 30), ("2 января", 1, 2)]


def test_a_season_alone_is_what_the_english_season_is():
    ru = find_dates("Зимой рабочие бастовали.")[0]
    en = find_dates("In the winter the workers went on strike.")[0]
    assert (ru.form, ru.precision, ru.month, ru.month2, ru.year2) == (en.form, en.precision, en.month, en.month2, en.year2)


def test_a_weekday_before_a_date_belongs_to_it():
    m, = find_dates("Это случилось в пятницу, 16 декабря 2011 года.")
    assert (m.weekday, m.day, m.month, m.year) == (4, 16, 12, 2011)


@pytest.mark.parametrize("text", [
    "На площадь вышли 2011 человек.",
    "Погибли 2011 человек, ранены сотни.",
    "Штраф составил 2000 рублей.",
    "Встреча назначена на 14:30 у здания акимата.",
    "Встреча в 14:30.",
    "Адрес: улица Абая, дом 2011.",
    "Он живёт в доме 2011 на окраине.",
    "Его обвинили по статье 105 УК.",
    "Номер дела — № 2011, статья 2011.",
    "На площадь пришли около 2000, по другим данным более 2000.",
    "Понедельник — день тяжёлый.",
    "Он стал 2011-й участницей акции.",
    "Қазан қаласында жиын өтті.",
    "Это было давно, и никто не помнит.",
    "В этом случае суд отказал.",
    "Конец истории.",
])
def test_not_a_date(text):
    assert find_dates(text) == []


def test_a_number_before_a_count_after_a_month_is_no_day():
    # "в конце октября 5 человек погибли": five people, not 5 October
    assert dated("В конце октября 5 человек погибли.") == [("конце октября", "mid", "month", "2011-10", None)]


def test_a_month_needs_a_day_a_year_or_a_preposition():
    assert find_dates("Морозы декабря были сильными.") == []
    assert find_dates("Декабрь выдался холодным.") == []


# English text is found exactly as before the Russian forms (every field of every mention), alone
# and with Russian text after it (which turns the Russian forms on)
ENGLISH = [
    ('In 2013 Smith was elected mayor.',
     [(3, 7, '2013', 'year', 2013, None, None, None, None, None, None, None, 'y', None)]),
    ('The 1986 uprising in Almaty is remembered.',
     [(4, 8, '1986', 'year', 1986, None, None, None, None, None, None, None, 'y', None)]),
    ('He moved to Main Street in 2011.',
     [(27, 31, '2011', 'year', 2011, None, None, None, None, None, None, None, 'y', None)]),
    ('A man was shot in the 2100 block of Germania Avenue.',
     []),
    ('The suspect, 20, of 2111 Tennessee St., was arrested.',
     []),
    ('Friday, 14 December, 2012 marked the anniversary of the 16–17 December 2011 events.',
     [(0, 25, 'Friday, 14 December, 2012', 'day', 2012, 12, 14, None, None, None, 4, None, 'dmy', None), (56, 75, '16–17 December 2011', 'day', 2011, 12, 16, None, None, 17, None, None, 'dmy', None)]),
    ('Last Friday, December 16, police said 16 people died; on December 17, 18 and 19 more were hurt.',
     [(0, 24, 'Last Friday, December 16', 'day', None, 12, 16, None, None, None, 4, None, 'mdy', None), (57, 68, 'December 17', 'day', None, 12, 17, None, None, None, None, None, 'mdy', None), (70, 72, '18', 'day', None, 12, 18, None, None, None, None, None, 'list', None), (77, 79, '19', 'day', None, 12, 19, None, None, None, None, None, 'list', None)]),
    ('In mid-November 2011 the strike grew; in the spring of 2011 it began, and May – December 2011 was hard.',
     [(3, 20, 'mid-November 2011', 'month', 2011, 11, None, None, None, None, None, None, 'mid', None), (45, 59, 'spring of 2011', 'month', 2011, 3, None, None, 5, None, None, None, 'season', None), (74, 93, 'May – December 2011', 'month', 2011, 5, None, None, 12, None, None, None, 'mmy', None)]),
    ('Half a year later, in June, this may be forgotten; last year and today too. In the evening of 17.12 it ended.',
     [(0, 17, 'Half a year later', 'year', None, None, None, None, None, None, None, 'offset', 'offset', 183), (22, 26, 'June', 'month', None, 6, None, None, None, None, None, 'month', 'm', None), (51, 60, 'last year', 'year', None, None, None, None, None, None, None, 'last', 'rely', None), (65, 70, 'today', 'day', None, None, None, None, None, None, None, 'today', 'today', None), (94, 99, '17.12', 'day', None, 12, 17, None, None, None, None, None, 'ddmm', None)]),
    ('The 2009-2010 figures from 2011-12-18 and 14.12.2012 show 1,000 people at 9 p.m. on Monday.',
     [(4, 13, '2009-2010', 'year', 2009, None, None, 2010, None, None, None, None, 'yy', None), (27, 37, '2011-12-18', 'day', 2011, 12, 18, None, None, None, None, None, 'iso', None), (42, 52, '14.12.2012', 'day', 2012, 12, 14, None, None, None, None, None, 'num', None), (84, 90, 'Monday', 'day', None, None, None, None, None, None, 0, 'weekday', 'wd', None)]),
]


@pytest.mark.parametrize("text,expected", ENGLISH)
def test_english_is_unchanged(text, expected):
    assert [dataclasses.astuple(m) for m in find_dates(text)] == expected


@pytest.mark.parametrize("text,expected", ENGLISH)
def test_english_is_unchanged_beside_russian(text, expected):
    found = find_dates(text + " Вчера в Жанаозене прошёл митинг, в 2011 году погибли 16 человек.")
    assert [dataclasses.astuple(m) for m in found if m.end <= len(text)] == expected


_WORDS = ["16", "17", "2011", "2010–2011", "1990-х", "31", "0", "99", "декабря", "декабре", "декабрь", "декабрю",
          "ДЕКАБРЯ", "мая", "марте", "дек.", "янв", "года", "году", "г.", "гг.", "годах", "в", "во", "с", "по", "до",
          "на", "и", "ночь", "начале", "конце", "середине", "весной", "летом", "зимой", "весна", "прошлом",
          "прошлого", "этом", "том", "же", "месяце", "вчера", "сегодня", "позавчера", "пятницу", "среду",
          "понедельник", "Пятница", "человек", "дом", "статья", "№", "14:30", "16.12.2011", "16.12", "-м", "-го",
          "желтоқсан", "желтоқсанда", "жылғы", "жылы", "ж.", "қазан", "December", "May", "16th", "of", "last",
          "year", "the", "in", "spring", "Friday", "later", "two", "weeks", ",", ".", "–", "-", "—", "(", ")"]


@settings(max_examples=400)
@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=6)), max_size=40),
       st.lists(st.sampled_from([" ", "", "  ", "\n", ", ", "\u00a0"]), min_size=1))
def test_any_text_gives_mentions_within_it(words, gaps):
    text = "".join(w + gaps[i % len(gaps)] for i, w in enumerate(words))
    mentions = find_dates(text)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert m.surface == text[m.start:m.end]
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))
    for m in mentions:
        resolve(m, REF, CONTEXT_YEAR, dt.date(2011, 12, 16))  # and resolving them does not fail either
