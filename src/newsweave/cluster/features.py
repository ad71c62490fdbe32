"""Per-article features for story clustering: terms, title terms, names and a day number.

Everything here is computed once per article and never depends on the rest of the
stream, so features can be stored and the clusterer rebuilt from them. Weighting
(IDF) happens later, at comparison time, against the incremental
:class:`IncrementalIdf`, so adding articles never forces re-featurising old ones.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from newsweave.cluster.bridge import bridge_key, crosses
from newsweave.words import word_count

#: A name extractor turns text into surface names ("Marco Rubio"); spaCy entities can
#: be passed instead by setting ``ClusterInput.names`` or giving another callable.
NameExtractor = Callable[[str], list[str]]
#: A name keyer turns a name into the lower-case string its keys are made from:
#: ``str.lower`` for the word-only clusterer, ``bridge.bridge_key`` across languages.
NameKeyer = Callable[[str], str]

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
_SENT_END = re.compile(r"[.!?:;\"“”«»()\n]\s*")

_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours out over own same she should so some such than that the
    their theirs them then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours
    said says say told tell according new one two year years last first week day time
    people may still like since per mr mrs ms dr s t 's der die das und den dem des ein
    eine ist nicht mit von zu im auf für le la les et des du un une est pas dans pour que
    de qui el los las del y en por con para es se lo al il di che per non una sono и в не на
    что с по как это он она они к у из за от для""".split()  # noqa: SIM905
)

#: Capitalised words that start sentences or name calendar units, not entities.
_NOT_NAMES = frozenset(
    """the a an this that these those it he she they we i you his her their our its in on at
    for with from by after before but and or if as when while there here what who why how
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december today yesterday tomorrow mr
    mrs ms dr according however meanwhile also updated posted published read more photo
    von van""".split()  # noqa: SIM905
)
#: Words after a number that are units of time or text, not things counted in the event.
_NOT_QUANTITIES = frozenset(
    """am pm gmt est edt bst utc ist cet cest hrs hours minutes seconds percent per cent
    jan feb mar apr jun jul aug sep sept oct nov dec january february march april june july
    august september october november december""".split()  # noqa: SIM905
)
#: Stop words are not counted things, except "people" ("12 people died").
_UNCOUNTED_STOPS = _STOP - {"people"}
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z0-9])|\n+")
#: A number and the word after it ("23 pirates", "6.1 magnitude"): a count of something;
#: not the second half of a range, score or date ("2008-09 season", "a 9-14 record").
_QUANTITY = re.compile(r"(?<![\d.,/:-])\b(\d+(?:[.,]\d+)?)[ -]([^\W\d_]{3,})")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")
#: Body sentences after the headline that make up the lead.
LEAD_SENTENCES = 2
_CAP = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'.-]*$")


def tokenize(text: str) -> list[str]:
    """Lower-cased content words; stop words and one-letter tokens dropped."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group(0).lower().strip(".'’-")
        if len(w) > 1 and w not in _STOP:
            out.append(w)
    return out


def capitalised_names(text: str) -> list[str]:
    """Proper-noun heuristic: runs of capitalised words, not counting a sentence's first word
    unless it is followed by another capitalised word (so "Cheeks said" is missed but
    "Maurice Cheeks said" is found). Crude on purpose: a stand-in until spaCy entities."""
    names: list[str] = []
    for sentence in _SENT_END.split(text):
        words = sentence.split()
        i = 0
        while i < len(words):
            run: list[str] = []
            j = i
            while j < len(words) and _CAP.match(words[j].strip(",")):
                run.append(words[j].strip(",.'’"))
                if words[j].endswith(","):
                    j += 1
                    break
                j += 1
            run = [w for w in run if w.lower() not in _NOT_NAMES and len(w) > 1]
            if run and (i > 0 or len(run) > 1):
                names.append(" ".join(run))
            i = max(j, i + 1)
    return names


def name_keys(names: Iterable[str], keyer: NameKeyer = str.lower) -> Counter[str]:
    """Comparable keys for names: the full name and each of its words ("Maurice Cheeks" →
    "maurice cheeks", "maurice", "cheeks"), so a later "Cheeks" still matches. A name in
    another script or language can be keyed as an English article would key it
    (``keyer`` = :func:`~newsweave.cluster.bridge.bridge_key`: "Сергея Соколова" →
    "sergey sokolov"), so names carry stories across languages."""
    keys: Counter[str] = Counter()
    for name in names:
        low = keyer(name)
        parts = [p for p in tokenize(low) if p not in _NOT_NAMES]
        if not parts:
            continue
        keys[low] += 1
        if len(parts) > 1:
            for p in parts:
                keys[p] += 1
    return keys


def day_number(published: str | None) -> int | None:
    """Days since 0001-01-01 for an ISO date ("2025-03-14", "2025-03" → the 15th); None if
    unknown or only a year (a year is too coarse to separate stories)."""
    if not published:
        return None
    m = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", published)
    if not m:
        return None
    try:
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 15))
    except ValueError:
        return None
    return d.toordinal()


@dataclass(frozen=True)
class ClusterInput:
    """What the clusterer needs from an article; build it from ``model.Article``.

    ``names`` are entity surface forms from a real NER when available; None means
    "use the clusterer's name extractor on headline + text".
    """

    id: str
    headline: str | None
    text: str
    published: str | None = None
    language: str | None = None
    names: tuple[str, ...] | None = None
    #: People named in the article by a real NER, as (surface form, character offset in
    #: ``text``); None (no NER ran, or it found nobody) is no evidence either way.
    persons: tuple[tuple[str, int], ...] | None = None


@dataclass(frozen=True)
class ArticleFeatures:
    """Sparse, unweighted features of one article (log-scaled term frequencies)."""

    id: str
    headline: str
    body: Mapping[str, float]
    title: Mapping[str, float]
    names: Mapping[str, float]
    day: int | None
    words: int
    language: str | None = None
    extra: Mapping[str, float] = field(default_factory=dict)
    #: Terms of the headline and the first sentences: the lead states the event.
    lead: Mapping[str, float] = field(default_factory=dict)
    #: Name keys of the lead's names (surnames and full names): the protagonists.
    lead_names: frozenset[str] = frozenset()
    #: Years the article is about: its publication year and years it cites, with counts.
    years: Mapping[int, int] = field(default_factory=dict)
    #: Surname keys of the article's protagonists (see :func:`protagonists`), most
    #: prominent first; empty without NER.
    protagonists: tuple[str, ...] = ()
    #: Counted things: the noun after a number, with the numbers it follows
    #: ("pirate" → {"23"}); years and clock times are left out.
    quantities: Mapping[str, frozenset[str]] = field(default_factory=dict)


def _log_tf(counts: Counter[str]) -> dict[str, float]:
    return {t: 1.0 + math.log(c) for t, c in counts.items()}


def lead_text(headline: str, text: str, sentences: int = LEAD_SENTENCES) -> str:
    """The headline and the first ``sentences`` sentences of the body (a body line that
    repeats the headline is skipped): where a news article says what happened to whom."""
    parts = [p.strip() for p in _SENTENCE.split(text) if len(p.split()) > 2]
    if parts and headline and parts[0].rstrip(".") == headline.rstrip("."):
        parts = parts[1:]
    return "\n".join([headline, *parts[:sentences]])


def lead_name_keys(names: Iterable[str], keyer: NameKeyer = str.lower) -> frozenset[str]:
    """Surname-like keys of names: the last word of each (so "Jackson" and "Vincent
    Jackson" meet), skipping one-word names that are common words."""
    keys = set()
    for name in names:
        parts = [p for p in tokenize(keyer(name)) if p not in _NOT_NAMES]
        if parts:
            keys.add(parts[-1])
    return frozenset(keys)


def cited_years(text: str, published: str | None) -> dict[int, int]:
    """Years cited in the text (1950–2039), counted; the publication year counts thrice,
    being the surest evidence of when the story happened."""
    years = Counter(int(y) for y in _YEAR.findall(text))
    m = re.match(r"(\d{4})", published or "")
    if m:
        years[int(m.group(1))] += 3
    return dict(years)


#: Protagonists kept per article, and the least prominence that makes one: a person
#: named once in passing in the body is not what the article is about.
PROTAGONISTS = 2
_MIN_PROMINENCE = 3
#: Extra prominence for a name in the headline, and for one in the first characters.
_HEADLINE_BONUS = 3
_LEAD_BONUS = 2
_LEAD_CHARS = 300


def protagonists(
    persons: Iterable[tuple[str, int]], headline: str, keyer: NameKeyer = str.lower
) -> tuple[str, ...]:
    """Surname keys of the people an article is about: each mention counts 1, plus a bonus
    when the surname is in the headline and when the mention is in the lead. Two articles
    of one event share their protagonists; two DUI arrests of one team's players do not.
    Names and the headline's words are keyed by ``keyer``, as in :func:`name_keys`."""
    in_headline = set(tokenize(headline.lower()))
    if keyer is not str.lower:
        in_headline |= set(tokenize(" ".join(keyer(w) for w in headline.split())))
    score: Counter[str] = Counter()
    for name, offset in persons:
        parts = [p for p in tokenize(keyer(name)) if p not in _NOT_NAMES]
        if not parts:
            continue
        key = parts[-1].removesuffix("'s").removesuffix("’s")
        score[key] += (
            1
            + (_HEADLINE_BONUS if key in in_headline else 0)
            + (_LEAD_BONUS if offset < _LEAD_CHARS else 0)
        )
    ranked = score.most_common(PROTAGONISTS)
    return tuple(k for k, c in ranked if c >= _MIN_PROMINENCE)


def quantities(text: str) -> dict[str, frozenset[str]]:
    """What the article counts: noun (a plural's final s dropped) → the numbers before it.
    Two pirate raids differ in "23 pirates" against "26 pirates"; two reports of one raid
    repeat the count."""
    found: dict[str, set[str]] = {}
    for m in _QUANTITY.finditer(text):
        number, noun = m.group(1).replace(",", ""), m.group(2).lower()
        if _YEAR.fullmatch(number) or noun in _NOT_QUANTITIES or noun in _UNCOUNTED_STOPS:
            continue
        found.setdefault(noun.removesuffix("s"), set()).add(number)
    return {k: frozenset(v) for k, v in found.items()}


def bridge_tokens(names: Iterable[str], language: str | None) -> list[str]:
    """Words of the language-independent keys of ``names`` (one list entry per name
    occurrence), for the names keyed by :func:`~newsweave.cluster.bridge.bridge_key`:
    added to a non-English article's word vectors, so that its body, headline and lead
    share "sokolov" and "spain" with an English report of the same event."""
    out: list[str] = []
    for name in names:
        if crosses(name, language):
            out += tokenize(bridge_key(name, language))
    return out


def featurize(
    item: ClusterInput,
    name_extractor: NameExtractor = capitalised_names,
    across_languages: bool = True,
) -> ArticleFeatures:
    """Turn one input into features; the headline also counts as body text (it is news).

    With ``across_languages`` (the default) names in another script or language are
    keyed as an English article keys them and their keys join the word vectors (see
    :mod:`newsweave.cluster.bridge`); an English article's features do not change.
    Without it, names are their lower-cased surface forms (the word-only clusterer,
    kept as the multilingual benchmark's peer)."""
    headline = (item.headline or "").strip()
    language = item.language
    keyer: NameKeyer = (
        partial(bridge_key, language=language) if across_languages else str.lower
    )
    body_tokens = tokenize(item.text)
    title_tokens = tokenize(headline)
    names = item.names
    if names is None:
        names = tuple(name_extractor(f"{headline}.\n{item.text}"))
    lead = lead_text(headline, item.text)
    lead_low = lead.lower()
    in_lead = [n for n in names if n.lower() in lead_low]
    lead_tokens = tokenize(lead)
    if across_languages:
        head_low = headline.lower()
        body_tokens += bridge_tokens(names, language)
        title_tokens += bridge_tokens((n for n in names if n.lower() in head_low), language)
        lead_tokens += bridge_tokens(in_lead, language)
    return ArticleFeatures(
        id=item.id,
        headline=headline,
        body=_log_tf(Counter(body_tokens + title_tokens)),
        title=_log_tf(Counter(title_tokens)),
        names=_log_tf(name_keys(names, keyer)),
        day=day_number(item.published),
        words=word_count(item.text),
        language=language,
        lead=_log_tf(Counter(lead_tokens)),
        lead_names=lead_name_keys((n for n in in_lead if " " in n.strip()), keyer),
        years=cited_years(f"{headline}\n{item.text}", item.published),
        protagonists=protagonists(item.persons or (), headline, keyer),
        quantities=quantities(f"{headline}\n{item.text}"),
    )


class IncrementalIdf:
    """Document frequencies that grow with the stream: ``add`` is O(terms of one article).

    ``base_docs``/``base_df`` are background counts from generic news (shipped as
    ``data/cluster_df.json``), already scaled by their blend weight: they give the first
    articles of a stream sensible weights, and the stream's own counts take over as it grows.

    With ``fetch`` (the stored counts of some terms), ``df`` holds only the terms read or
    counted so far: a term's count is fetched the first time it is needed (``load`` reads
    many at once), and ``changed`` names the terms whose counts are to be written back.
    """

    def __init__(
        self,
        docs: int = 0,
        df: dict[str, int] | None = None,
        base_docs: float = 0.0,
        base_df: Mapping[str, float] | None = None,
        fetch: Callable[[Sequence[str]], Mapping[str, int]] | None = None,
    ) -> None:
        self.docs = docs
        self.df: dict[str, int] = df if df is not None else {}
        self.base_docs = base_docs
        self.base_df: Mapping[str, float] = base_df if base_df is not None else {}
        self.fetch = fetch
        self.changed: set[str] = set()

    def load(self, terms: Iterable[str]) -> None:
        """Fetch the counts of the ``terms`` not known yet, in one call."""
        if self.fetch is None:
            return
        df = self.df
        missing = [t for t in terms if t not in df]
        if missing:
            found = self.fetch(missing)
            for t in missing:
                df[t] = found.get(t, 0)

    def add(self, terms: Iterable[str]) -> None:
        terms = list(terms)
        self.load(terms)
        self.docs += 1
        df = self.df
        for t in terms:
            df[t] = df.get(t, 0) + 1
        self.changed.update(terms)

    def idf(self, term: str) -> float:
        """Smoothed IDF; an unseen term gets the highest weight, as in scikit-learn."""
        n = self.docs + self.base_docs
        count = self.df.get(term)
        if count is None:
            self.load((term,))
            count = self.df.get(term, 0)
        return math.log((n + 1) / (count + self.base_df.get(term, 0.0) + 1)) + 1.0
