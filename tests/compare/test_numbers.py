"""Numbers, units and currencies: one value however an outlet writes it."""

from __future__ import annotations

from newsweave.compare.numbers import describe, find_quantities, primary, same_value


def _one(text: str) -> tuple[float, str | None]:
    [q] = primary(find_quantities(text))
    return q.value, q.unit


def test_symbol_word_and_code_forms_of_one_amount_are_equal() -> None:
    forms = ["a €90 billion loan", "90 billion euros for Kyiv", "EUR 90bn in loans", "€90bn loan"]
    values = [_one(t) for t in forms]
    assert values == [(90e9, "EUR")] * 4
    a, b = (primary(find_quantities(t))[0] for t in forms[:2])
    assert same_value(a, b)
    assert describe(a) == "EUR 90,000,000,000"


def test_a_bracketed_figure_in_another_currency_is_a_conversion() -> None:
    text = "leaders agreed to lend 90 billion euros (approximately $106 billion) over two years"
    found = find_quantities(text)
    assert [(q.unit, q.conversion) for q in found][:2] == [("EUR", False), ("USD", True)]
    assert [q.unit for q in primary(found)] == ["EUR", "years"]
    assert text[found[1].start : found[1].end] == "$106 billion"


def test_different_currencies_or_values_are_not_the_same() -> None:
    eur = primary(find_quantities("€90 billion"))[0]
    usd = primary(find_quantities("$90 billion"))[0]
    other = primary(find_quantities("€80 billion"))[0]
    assert not same_value(eur, usd)
    assert not same_value(eur, other)


def test_counts_take_their_noun_and_words_count_as_numbers() -> None:
    assert _one("the strike killed eight people") == (8, "people")
    assert _one("almost three dozen people were wounded") == (36, "people")
    assert _one("the army captured two villages") == (2, "villages")
    assert _one("spending rose to 2 percent of GDP") == (2, "%")


def test_years_days_of_month_times_and_compounds_are_not_quantities() -> None:
    text = "In February 2022, on December 2, 2025 at 10:30, a 20-point plan was shown"
    assert find_quantities(text) == []


def test_approximate_figures_agree_within_a_wider_margin() -> None:
    a = primary(find_quantities("about 1,000 troops"))[0]
    b = primary(find_quantities("1,050 troops"))[0]
    c = primary(find_quantities("1,050 troops"))[0]
    assert a.approx and same_value(a, b)
    assert not same_value(primary(find_quantities("1,000 troops"))[0], c)


def test_the_prefilter_passes_every_text_the_pattern_matches() -> None:
    from newsweave.compare.numbers import QUANTITY_RE, _may_hold_quantity

    texts = [
        "no figure here at all",
        "a million people",
        "a bn loan",
        "an m",
        "someone saw it",  # "one" inside a word: passed on, the pattern decides
        "ſix dogs",  # IGNORECASE reads the long s as "s"
        "FİVE villages",
        "thıRty",
        "९ apples",  # a Devanagari digit is a digit to \d
        "the K of it",
    ]
    for text in texts:
        if QUANTITY_RE.search(text):
            assert _may_hold_quantity(text), text
    assert not _may_hold_quantity("no figure here at all")
    assert find_quantities("no figure here at all") == []
    assert _one("a million people") == (1e6, "people")
