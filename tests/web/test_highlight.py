"""Spans to safe HTML: escaping, nesting, splitting where spans cross."""

from __future__ import annotations

from newsweave.web.highlight import Layer, render


def test_text_is_escaped_and_spans_wrap_exact_characters() -> None:
    text = "Tom <b>said</b> hi"
    html = render(text, [Layer(0, 3, "mention", "a", (("href", "/entities/x"),))])
    assert str(html) == '<a href="/entities/x">Tom</a> &lt;b&gt;said&lt;/b&gt; hi'


def test_attribute_values_are_escaped() -> None:
    html = render("abc", [Layer(0, 3, "quote", "span", (("title", '"><script>'),))])
    assert "<script>" not in str(html)
    assert 'title="&#34;&gt;&lt;script&gt;"' in str(html)


def test_nested_spans_nest_outer_first() -> None:
    text = 'He said "Putin met Trump" today'
    quote = Layer(8, 25, "quote", "q")
    name = Layer(9, 14, "mention", "a")
    assert str(render(text, [name, quote])) == (
        "He said <q>&#34;<a>Putin</a> met Trump&#34;</q> today"
    )


def test_crossing_span_is_split_and_anchor_goes_on_first_piece() -> None:
    text = "aaa bbb ccc"
    quote = Layer(0, 7, "quote", "q")
    cite = Layer(4, 11, "cite", "mark", anchor="cite")
    html = str(render(text, [quote, cite]))
    assert html == '<q>aaa <mark id="cite">bbb</mark></q><mark> ccc</mark>'
    assert html.count('id="cite"') == 1


def test_same_extent_spans_follow_priority() -> None:
    html = str(render("Monday", [Layer(0, 6, "date", "i"), Layer(0, 6, "cite", "mark")]))
    assert html == "<mark><i>Monday</i></mark>"


def test_window_and_out_of_range_layers_are_clipped() -> None:
    text = "0123456789"
    html = render(text, [Layer(2, 5, "mention", "b"), Layer(8, 40, "date", "i")], window=(3, 9))
    assert str(html) == "<b>34</b>567<i>8</i>"
    assert str(render(text, [Layer(5, 5, "date", "i"), Layer(20, 30, "date", "i")])) == text
