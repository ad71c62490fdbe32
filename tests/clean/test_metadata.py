"""Tables of positive and negative examples for the metadata finders.

Every positive case also checks the evidence span: ``text[f.start:f.end]``.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from newsweave.clean.metadata import (
    Found,
    byline_agency,
    byline_author,
    caption_credit,
    date_line,
    dateline,
    is_relative_timestamp,
    lede_agency,
    outlet_from_url,
    repair_url,
    scraper_header,
    self_attribution,
    url_date,
)

REF = dt.date(2025, 12, 21)


def _check(found: Found | None, text: str, value: str | None, evidence: str | None) -> None:
    if value is None:
        assert found is None, found
        return
    assert found is not None, text
    assert found.value == value
    assert text[found.start : found.end] == (evidence if evidence is not None else value)


# --- scraper headers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso", "evidence", "content"),
    [
        (" date 2025-12-22 White House envoy Steve Witkoff said", "2025-12-22", "2025-12-22",
         "White House"),
        (" date 2025-12-22 POLITICS\nZelenskyy signals progress", "2025-12-22", "2025-12-22",
         "POLITICS"),
        ("Date: 2025-12-22\nHello world", "2025-12-22", "2025-12-22", "Hello"),
        ("published: 2025-12-22T10:00:00Z\n\nText", "2025-12-22", "2025-12-22T10:00:00Z", "Text"),
        ("\ufeffDATE=2025-01-05  body", "2025-01-05", "2025-01-05", "body"),
        ("Published: 20.12.2025\nBody", "2025-12-20", "20.12.2025", "Body"),
        ("Date: December 20, 2025\n\nBody", "2025-12-20", "December 20, 2025", "Body"),
        ("дата: 20 декабря 2025\nТекст", "2025-12-20", "20 декабря 2025", "Текст"),
        ("---\ntitle: X\ndate: 2025-12-20\n---\nBody", "2025-12-20", "2025-12-20", "Body"),
        (" date December 20, 2025 White House envoy", "2025-12-20", "December 20, 2025", "White"),
    ],
)
def test_scraper_header(text: str, iso: str, evidence: str, content: str) -> None:
    result = scraper_header(text)
    assert result is not None
    found, offset = result
    _check(found, text, iso, evidence)
    assert text[offset:].startswith(content)


@pytest.mark.parametrize(
    "text",
    [
        "Date palms grow in the desert.",
        "Politics Dec 21, 2025 2 min read 0 views\n\nU.S.-Russia Talks",
        "Negotiators met on 2025-12-22 in Florida.",
        "date 2025-13-45 nonsense",
        "Dates: 2025-12-22",
        "",
        "---\ntitle: no date here\n---\nBody",
    ],
)
def test_scraper_header_absent(text: str) -> None:
    assert scraper_header(text) is None


# --- date lines -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "iso", "evidence"),
    [
        ("December 20, 2025", "2025-12-20", None),
        ("December 22, 2025", "2025-12-22", None),
        ("Dec 21, 2025", "2025-12-21", None),
        ("Sept. 3rd, 2025", "2025-09-03", "Sept. 3rd, 2025"),
        ("Updated 20 December 2025", "2025-12-20", "20 December 2025"),
        ("Published: 20.12.2025 14:05", "2025-12-20", "20.12.2025"),
        ("Politics Dec 21, 2025 2 min read 0 views", "2025-12-21", "Dec 21, 2025"),
        ("Saturday 20 December 2025 10:32 GMT", "2025-12-20", "20 December 2025"),
        ("Sat, Dec 20, 2025, 10:32 AM EST", "2025-12-20", "Dec 20, 2025"),
        ("20 декабря 2025, 14:05", "2025-12-20", "20 декабря 2025"),
        ("Обновлено 20 декабря 2025 г., 14:05 МСК", "2025-12-20", "20 декабря 2025 г."),
        ("20 грудня 2025 р., 14:05", "2025-12-20", "20 грудня 2025 р."),
        ("20 décembre 2025", "2025-12-20", None),
        ("Publié le 1er décembre 2025 à 14h05", "2025-12-01", "1er décembre 2025"),
        ("Aktualisiert am 20.12.2025", "2025-12-20", "20.12.2025"),
        ("Stand: 20. Dezember 2025, 14:05 Uhr", "2025-12-20", "20. Dezember 2025"),
        ("20 de diciembre de 2025", "2025-12-20", None),
        ("2025-12-20T14:05:00+02:00", "2025-12-20", None),
        ("12/20/2025", "2025-12-20", None),
        ("20/12/2025", "2025-12-20", None),
        ("2025/12/20", "2025-12-20", None),
        ("December 2025", "2025-12", None),
        ("By Jane Doe | December 20, 2025", "2025-12-20", "December 20, 2025"),
        ("20 grudnia 2025", "2025-12-20", None),  # Polish: not in our table, dateparser knows it
        ("By Jane Doe and John Roe, December 20, 2025", "2025-12-20", "December 20, 2025"),
        ("Dec. 20, 2025 at 10:32 a.m. EST", "2025-12-20", "Dec. 20, 2025"),
        ("14:05, 20 December 2025", "2025-12-20", "20 December 2025"),
        ("World News | 20.12.2025", "2025-12-20", "20.12.2025"),
        ("Actualizado el 20 de diciembre de 2025 a las 14:05", "2025-12-20",
         "20 de diciembre de 2025"),
        ("Publicado: 20/12/2025 14:05 h", "2025-12-20", "20/12/2025"),
        ("Sábado, 20 de diciembre de 2025", "2025-12-20", "20 de diciembre de 2025"),
        ("Оновлено 20 грудня 2025, 14:05", "2025-12-20", "20 грудня 2025"),
        ("Опубліковано 20.12.2025 о 14:05", "2025-12-20", "20.12.2025"),
        ("Veröffentlicht am 20.12.2025 um 14:05 Uhr", "2025-12-20", "20.12.2025"),
        ("Mis à jour le 20/12/2025 à 14h05", "2025-12-20", "20/12/2025"),
        ("20 декабря 2025 года, 14:05", "2025-12-20", "20 декабря 2025 года"),
        ("Last updated: Dec 20, 2025 | 10:32 am ET", "2025-12-20", "Dec 20, 2025"),
        ("December 20th, 2025", "2025-12-20", None),
        ("12 January 2010 @ 09:29 pm", "2010-01-12", "12 January 2010"),
        ("9/20/2010 @ 1:19PM", "2010-09-20", "9/20/2010"),
        ("Posted: Nov 27, 2005 8:20 AM ET Last Updated: Nov 28, 2005 8:10 PM ET", "2005-11-27",
         "Nov 27, 2005"),
        # Two-digit years: a number above 12 or a US time zone says which is the month.
        ("11/28/05", "2005-11-28", None),
        ("POSTED: 05/02/07, 9:00 PM PDT |", "2007-05-02", "05/02/07"),
        ("First Posted: 10/25/11 06:44 PM ET", "2011-10-25", "10/25/11"),
        ("Updated 13/05/99", "1999-05-13", "13/05/99"),
        ("13/05/99 10:00 AM EST", "1999-05-13", "13/05/99"),  # 13 is no month, zone or not
        ("28.11.05 14:05", "2005-11-28", "28.11.05"),
        ("05/02/2007 9:00 PM PDT", "2007-05-02", "05/02/2007"),
        ("Mis à jour le 05/02/2025 à 14h05 CET", "2025-02-05", "05/02/2025"),  # not a US zone
    ],
)
def test_date_line(line: str, iso: str, evidence: str | None) -> None:
    _check(date_line(line), line, iso, evidence or line)


@pytest.mark.parametrize(
    "line",
    [
        "Russia launched its invasion in February 2022.",
        "Russia, which sent troops into Ukraine in February 2022, argues that Europe's involvement",
        "Invasion began February 2022",
        "Talks resume on December 22, 2025 in Miami",
        "Trump Putin Summit Set For December 2025",
        "Ukraine Peace Plan: Talks Continue December 21, 2025",
        "The summit was held on 20.12.2025 and ended late.",
        "U.S.-Russia Talks on Ukraine Peace Plan Continue in Florida",
        "Follow",
        "",
        "2025",
        "December 32, 2025",
        "Updated 55 min 41 sec ago",  # relative: needs a reference date
        "Dec 20",  # no year: needs a reference date
        "Nov 27, 2005 talks ended and Dec 3, 2005 they resumed",
        "Talks at Mar-a-Lago @ Dec 20, 2025 and Dec 21, 2025 Summit Meeting Agenda",
        "They have raised defense spending to NATO's minimum threshold of 2 percent of GDP.",
        "8/2/13 at 1:30 PM",  # August 2 or February 8: no zone to tell, so no date
        "Score 3-1-12",
        "Version 1.2.3",
        "The vote was 5/4/12 in favour of the motion",
    ],
)
def test_not_a_date_line(line: str) -> None:
    assert date_line(line) is None


@pytest.mark.parametrize(
    ("line", "iso", "evidence"),
    [
        ("Updated 55 min 41 sec ago", "2025-12-21", "55 min 41 sec ago"),
        ("2 hours ago", "2025-12-21", None),
        ("30 hours ago", "2025-12-20", None),
        ("an hour ago", "2025-12-21", None),
        ("3 days ago", "2025-12-18", None),
        ("2 weeks ago", "2025-12-07", None),
        ("1 month ago", "2025-11-21", None),
        ("yesterday", "2025-12-20", None),
        ("Yesterday, 14:05", "2025-12-20", "Yesterday"),
        ("Today", "2025-12-21", None),
        ("вчера", "2025-12-20", None),
        ("вчера в 14:05", "2025-12-20", "вчера"),
        ("3 дня назад", "2025-12-18", None),
        ("час назад", "2025-12-21", None),
        ("2 години тому", "2025-12-21", None),
        ("2 роки тому", "2023-12-21", None),
        ("il y a 3 heures", "2025-12-21", None),
        ("il y a 2 jours", "2025-12-19", None),
        ("vor 2 Tagen", "2025-12-19", None),
        ("gestern", "2025-12-20", None),
        ("hace 1 semana", "2025-12-14", None),
        ("Dec 20", "2025-12-20", None),
        ("Dec 25", "2024-12-25", None),  # later than the reference: last year's
        ("Published 3 hours ago", "2025-12-21", "3 hours ago"),
        ("Обновлено 5 минут назад", "2025-12-21", "5 минут назад"),
    ],
)
def test_relative_date_line(line: str, iso: str, evidence: str | None) -> None:
    _check(date_line(line, reference=REF), line, iso, evidence or line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Updated 55 min 41 sec ago", True),
        ("2 hours ago", True),
        ("5m ago", True),
        ("yesterday", True),
        ("вчера", True),
        ("вчора", True),
        ("il y a 3 heures", True),
        ("vor 5 Minuten", True),
        ("hace 2 horas", True),
        ("Updated 20 December 2025", False),
        ("Yesterday he said the talks had failed.", False),
        ("Two years ago the war was different.", False),
        ("Follow", False),
        ("", False),
    ],
)
def test_is_relative_timestamp(line: str, expected: bool) -> None:
    assert is_relative_timestamp(line) is expected


def test_date_line_is_cheap_on_sentences() -> None:
    """A body sentence must be rejected in microseconds, without calling dateparser."""
    lines = [
        "Russia launched its full-scale invasion in February 2022, the agency said on Friday.",
        "Rubio told reporters earlier on Friday that progress has been made in discussions.",
        "A" * 400,
    ] * 300
    start = time.perf_counter()
    for line in lines:
        date_line(line)
    assert (time.perf_counter() - start) / len(lines) < 2e-4


# --- agencies ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "agency", "evidence"),
    [
        ("By AFP", "AFP", "AFP"),
        ("By Reuters Staff", "Reuters", "Reuters Staff"),
        ("AFP", "AFP", "AFP"),
        ("Reuters", "Reuters", "Reuters"),
        ("By The Associated Press", "AP", "The Associated Press"),
        ("Associated Press", "AP", "Associated Press"),
        ("Agence France-Presse", "AFP", "Agence France-Presse"),
        ("By John Smith, Reuters", "Reuters", "Reuters"),
        ("John Smith | AP", "AP", "AP"),
        ("(dpa)", "dpa", "dpa"),
        ("Von dpa", "dpa", "dpa"),
        ("Par AFP", "AFP", "AFP"),
        ("Источник: ТАСС", "TASS", "ТАСС"),
        ("By Bloomberg News", "Bloomberg", "Bloomberg News"),
        ("Xinhua", "Xinhua", "Xinhua"),
    ],
)
def test_byline_agency(line: str, agency: str, evidence: str) -> None:
    _check(byline_agency(line), line, agency, evidence)


@pytest.mark.parametrize(
    "line",
    [
        "By John Smith",
        "A Russian source told Reuters that any meeting had been ruled out.",
        "Reuters reported on Friday that talks had stalled.",
        "By apples",
        "Approach",
        "",
        "Paper",
        "ap",
        "Reuters Poll Shows Growing Support",
        "AFP Reporter Wins Award In Paris",
    ],
)
def test_byline_agency_absent(line: str) -> None:
    assert byline_agency(line) is None


@pytest.mark.parametrize(
    ("paragraph", "agency", "evidence"),
    [
        ("KYIV (Reuters) - Ukraine said on Saturday", "Reuters", "Reuters"),
        ("WASHINGTON (AP) — The talks resumed", "AP", "AP"),
        ("PARIS (AFP) - Les négociations", "AFP", "AFP"),
        ("LONDON, Dec 20 (Reuters) - Britain said", "Reuters", "Reuters"),
        ("KYIV, Ukraine (AP) — Ukrainian forces", "AP", "AP"),
        ("МОСКВА, 20 декабря. /ТАСС/. Президент России", "TASS", "ТАСС"),
        ("КИЕВ, 20 дек — РИА Новости. Украина", "RIA Novosti", "РИА Новости"),
        ("BERLIN (dpa) - Die Regierung", "dpa", "dpa"),
        ("(AFP) — Talks resumed", "AFP", "AFP"),
    ],
)
def test_lede_agency(paragraph: str, agency: str, evidence: str) -> None:
    _check(lede_agency(paragraph), paragraph, agency, evidence)


@pytest.mark.parametrize(
    "paragraph",
    [
        "A Russian source told Reuters that any meeting had been ruled out.",
        "WASHINGTON: Negotiators are set to meet Russian officials in Florida on Saturday",
        "The talks (which Reuters first reported) - resumed",
        "KYIV (Reuters) Ukraine said",  # no dash after the agency: not a dateline
        "Officials (the agency said) - nothing",
        "",
    ],
)
def test_lede_agency_absent(paragraph: str) -> None:
    assert lede_agency(paragraph) is None


# --- datelines --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("WASHINGTON: Negotiators are set to meet Russian officials in Florida", "WASHINGTON"),
        ("MUNICH: US Secretary of State Marco Rubio is set to begin a two-day trip", "MUNICH"),
        ("MUNICH — Rubio said", "MUNICH"),
        ("KYIV, Ukraine (AP) — Ukrainian forces", "KYIV, Ukraine"),
        ("LONDON, Dec 20 (Reuters) - Britain said", "LONDON"),
        ("WASHINGTON, D.C. — The talks", "WASHINGTON, D.C."),
        ("RIO DE JANEIRO - Brazil's president", "RIO DE JANEIRO"),
        ("МОСКВА, 20 декабря. /ТАСС/. Президент", "МОСКВА"),
        ("КИЕВ, 20 дек — РИА Новости. Украина", "КИЕВ"),
        ("NEW YORK (AP) — The", "NEW YORK"),
        ("Munich — Rubio said the trip would go ahead", "Munich"),
        ("Kyiv, Ukraine — Ukrainian officials said", "Kyiv, Ukraine"),
        ("Kyiv (Reuters) - Ukraine said", "Kyiv"),
        ("BRUSSELS/KYIV (Reuters) - European Union leaders", "BRUSSELS/KYIV"),
        ("ST. PETERSBURG, Russia — Officials said", "ST. PETERSBURG, Russia"),
        ("Brussels: European Union leaders agreed on Friday to provide Ukraine with a loan "
         "financed through joint debt", "Brussels"),
    ],
)
def test_dateline(paragraph: str, place: str) -> None:
    _check(dateline(paragraph), paragraph, place, place)


@pytest.mark.parametrize(
    "paragraph",
    [
        "However: the talks stalled.",
        "However: The talks stalled after a long day of negotiations in Florida and elsewhere.",
        "US Secretary of State Marco Rubio is set to begin a two-day trip on Sunday",
        "PUTIN OFFERING NO COMPROMISE",
        "BREAKING: Putin speaks",
        "UPDATE: Talks resume",
        "EDITOR'S NOTE: This story has been updated.",
        "UN: The body met",
        "TOP STORIES: Talks resume",
        "KEY POINTS: What we know",
        "POLITICS: The vote",
        "NATO: Allies agree",
        "Zelenskyy: Talks close to result",
        'Rubio: "We still have a way to go" before a deal can be signed, he told reporters',
        "Trump — who met Putin in August — said",
        "Details",
        "",
        "December 20, 2025",
        "The meeting follows US talks on Friday with Ukrainian and European officials.",
    ],
)
def test_dateline_absent(paragraph: str) -> None:
    assert dateline(paragraph) is None


# --- author bylines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By John Smith", "John Smith"),
        ("By John Smith and Jane Doe", "John Smith and Jane Doe"),
        ("By John Smith, Jane Doe and Ann Lee", "John Smith, Jane Doe and Ann Lee"),
        ("Von Anna Müller", "Anna Müller"),
        ("By JOHN SMITH", "JOHN SMITH"),
        ("By Ursula von der Leyen", "Ursula von der Leyen"),
        ("By John Smith, Reuters", "John Smith"),
        ("By Jane Doe | December 20, 2025", "Jane Doe"),
        ("Автор: Анна Иванова", "Анна Иванова"),
        ("Par Jean Dupont", "Jean Dupont"),
    ],
)
def test_byline_author(line: str, names: str) -> None:
    _check(byline_author(line), line, names, names)


@pytest.mark.parametrize(
    "line",
    [
        "By AFP",
        "By Reuters Staff",
        "By The Associated Press",
        "By Friday, the talks had stalled.",
        "By Monday Evening",
        "By Christmas Day, the offensive had stalled completely.",
        "By John",
        "John Smith",
        "By the way",
        "Nearby Villages Were Shelled",
    ],
)
def test_byline_author_absent(line: str) -> None:
    assert byline_author(line) is None


# --- self-attribution -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "outlet", "cited"),
    [
        (
            'talks in Florida were "productive and constructive," but "discussions did not yield '
            'clear breakthroughs in ending the war," Politico reports, writes UNN.',
            "UNN",
            ["Politico"],
        ),
        ("Переговоры продолжатся, пишет РБК со ссылкой на ТАСС.", "РБК", ["ТАСС"]),
        ("Talks will resume, reports Kyiv Independent citing Reuters", "Kyiv Independent",
         ["Reuters"]),
        ("Переговори тривають, повідомляє Укрінформ.", "Укрінформ", []),
        ("Laut dpa gehen die Gespräche weiter.", None, ["dpa"]),
        ("Selon l'AFP, les négociations continuent.", None, ["AFP"]),
        ("Die Gespräche gehen weiter, schreibt Spiegel unter Berufung auf dpa.", "Spiegel",
         ["dpa"]),
        ("Talks resumed on Friday, according to Reuters.", None, ["Reuters"]),
        ("The talks failed, The New York Times reported.", None, ["New York Times"]),
        ("Переговоры прошли, сообщает «Коммерсантъ».", "Коммерсантъ", []),
        ("Talks are continuing in Florida, Politico reports.", None, ["Politico"]),
        ("Переговоры продолжаются, как сообщает ТАСС.", None, ["ТАСС"]),
    ],
)
def test_self_attribution(paragraph: str, outlet: str | None, cited: list[str]) -> None:
    found, sources = self_attribution(paragraph)
    if outlet is None:
        assert found is None
    else:
        _check(found, paragraph, outlet, outlet)
    assert [s.value for s in sources] == cited
    for s in sources:
        assert paragraph[s.start : s.end] == s.value


@pytest.mark.parametrize(
    "paragraph",
    [
        "Russian media reported.",
        "Umerov wrote on Telegram of the discussions in the United States.",
        "A Russian source told Reuters that any meeting had been ruled out.",
        "Peace is near, said John Smith.",
        "He said so, according to the agency.",
        "The publication writes that the talks failed.",
        "Attempts in Washington have had mixed results, the publication writes.",
        "The strike killed eight people, the Kremlin reported.",
        "The talks ended late, reports Friday.",
        "",
    ],
)
def test_self_attribution_absent(paragraph: str) -> None:
    assert self_attribution(paragraph) == (None, [])


# --- URLs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.example.co.uk/a/b", "example.co.uk"),
        ("https://www.themoscowtimes.com/2025/12/20/x", "themoscowtimes.com"),
        ("http://news.bbc.co.uk/2/hi/europe", "bbc.co.uk"),
        ("www.Reuters.com/world/", "reuters.com"),
        ("https://kyivindependent.com", "kyivindependent.com"),
        ("not a url", None),
        ("", None),
    ],
)
def test_outlet_from_url(url: str, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("https://www.x.com/2025/12/20/slug-a91497", "2025-12-20"),
        ("https://x.com/news/20251220/a", "2025-12-20"),
        ("https://x.com/world/talks-2025-12-20-slug", "2025-12-20"),
        ("https://x.com/2025/12/", "2025-12"),
        ("https://x.com/2025/dec/20/talks", "2025-12-20"),
        ("https://x.com/2025/12/20", "2025-12-20"),
        ("https://x.com/article/12345678", None),
        ("https://x.com/2025/13/40/x", None),
        ("https://2025-12-20.example.com/a", None),  # the host is not the path
        ("https://x.com/a", None),
    ],
)
def test_url_date(url: str, iso: str | None) -> None:
    assert url_date(url) == iso


@pytest.mark.parametrize(
    ("text", "url"),
    [
        (
            "https://www.themoscowtimes.com/2025/12/20/russian-envoy-dmitriev-to-join-ukraine-"
            "talks-in-miami-a 91497",
            "https://www.themoscowtimes.com/2025/12/20/russian-envoy-dmitriev-to-join-ukraine-"
            "talks-in-miami-a91497",
        ),
        ("https://www.x.com/2025/12/20/slug-a 91497", "https://www.x.com/2025/12/20/slug-a91497"),
        ("Original url:\nhttps://x.com/2025/12/\n20/slug\nNext line", "https://x.com/2025/12/20/slug"),
        ("See https://x.com/a for details.", "https://x.com/a"),
        ("(https://x.com/a).", "https://x.com/a"),
        ("https://x.com/wiki/Foo_(bar)", "https://x.com/wiki/Foo_(bar)"),
        ("www.x.com/news", "www.x.com/news"),
        ("no url here", None),
    ],
)
def test_repair_url(text: str, url: str | None) -> None:
    assert repair_url(text) == url


# --- photo credits ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        (
            "Russian presidential envoy Kirill Dmitriev, US President Donald Trump’s special envoy "
            "Steve Witkoff and son-in-law Jared Kushner attend a meeting with Russian President "
            "Vladimir Putin at the Kremlin in Moscow, Russia, December 2, 2025. (Sputnik)",
            "Sputnik",
        ),
        ("Putin envoy Kirill Dmitriev. Denis Solovykh / TASS", "Denis Solovykh / TASS"),
        (
            "Zelenskyy says groundwork for a settlement is largely in place as Russia urges "
            "caution over expectations / Reuters",
            "Reuters",
        ),
        ("Photo: Jane Doe/AP", "Jane Doe/AP"),
        ("Фото: РИА Новости", "РИА Новости"),
        ("Soldiers near the front line. (AP Photo/Jane Doe)", "AP Photo/Jane Doe"),
        ("Soldiers near the front line. REUTERS/Jane Doe", "REUTERS/Jane Doe"),
        ("The delegations in Geneva. Photo: EPA-EFE", "EPA-EFE"),
        ("Переговоры в Женеве. Фото: Анна Иванова / ТАСС", "Анна Иванова / ТАСС"),
        ("Ein Soldat an der Front. (Foto: dpa)", "dpa"),
    ],
)
def test_caption_credit(line: str, credit: str) -> None:
    _check(caption_credit(line), line, credit, credit)


@pytest.mark.parametrize(
    "line",
    [
        "He met the prime minister of Slovakia (Robert Fico).",
        "The vote passed (see below)",
        "The ratio was 3 / 4",
        "The speed limit is 50 km / h",
        "Negotiators met in Florida, officials said (without giving details).",
        "Both Fico and Orban have clashed with EU institutions.",
        "It rose 5% (year on year).",
        "The talks ended without a deal. (Reporting by Jane Doe)",
        "The talks ended without a deal. (Updated)",
        "Both sides want closer ties with the EU / NATO",
        "",
    ],
)
def test_caption_credit_absent(line: str) -> None:
    assert caption_credit(line) is None
