"""Exact, faster stand-ins for two rule-based components of the English spaCy pipeline.

The small English model's ``attribute_ruler`` (179 rules: the tag map, pronoun and
auxiliary exceptions) runs spaCy's general ``Matcher`` over every token, and its
``lemmatizer`` walks every token in Python and builds a ``Token`` for each: together
about a sixth of the parse's CPU time, though neither learns anything. These subclasses
give every token exactly the values the originals give (same rules, same precedence,
same lemma function; checked token by token in ``tests/test_fastpipes.py``) at a
fraction of the cost:

- the ruler indexes its rules by the value their first token tests (tag, lower-cased
  form, dependency label or whitespace) and remembers, per (tag, form, label,
  whitespace), which single-token rules set what, then writes the columns back with
  ``Doc.from_array``;
- the lemmatizer remembers each (form, part of speech, morphology)'s lemma, which is all
  the rule lemmatiser reads, and writes the lemma column back the same way.

A rule the ruler cannot compile (an operator, a predicate or an attribute it does not
know) makes it fall back to spaCy's own matching, so another model stays correct.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable
from typing import Any

import numpy
from spacy.attrs import (  # type: ignore[import-not-found]  # compiled, no stubs
    DEP,
    IS_SPACE,
    LEMMA,
    LOWER,
    MORPH,
    ORTH,
    POS,
    TAG,
)
from spacy.errors import Warnings
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

#: The token fields a compiled rule may test, in the column order read from a Doc.
_FIELDS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_READ = [TAG, LOWER, DEP, IS_SPACE]
#: The token fields a rule may set, in the column order written back.
_WRITTEN = [POS, MORPH, LEMMA, TAG, DEP]
#: Distinct (tag, form, label, whitespace) keys remembered before the memo is cleared.
_MEMO_CAP = 200_000

Test = Callable[[tuple[int, ...]], bool]


class _Uncompilable(Exception):
    """A rule uses something the compiled matcher does not implement."""


def _test(field: int, spec: Any, strings: Any) -> Test:
    """A test of one token field (its column ``field``) against a Matcher value spec."""
    if isinstance(spec, bool):
        return lambda row: bool(row[field]) is spec
    if isinstance(spec, str):
        wanted = strings.add(spec) if spec else 0
        return lambda row: row[field] == wanted
    if isinstance(spec, dict) and len(spec) == 1:
        ((op, value),) = spec.items()
        if op in ("IN", "NOT_IN") and all(isinstance(v, str) for v in value):
            hashes = frozenset(strings.add(v) if v else 0 for v in value)
            if op == "IN":
                return lambda row: row[field] in hashes
            return lambda row: row[field] not in hashes
        if op == "REGEX" and isinstance(value, str) and _FIELDS[field] == "LOWER":
            pattern = re.compile(value)
            return lambda row: bool(pattern.search(strings[row[field]]))
    raise _Uncompilable(f"value spec {spec!r}")


def _anchors(spec: dict[str, Any], strings: Any) -> list[tuple[int, int]] | None:
    """(field, value) keys under which a token spec is indexed: the values its tag, form,
    label or whitespace must equal; None when it has no such equality (checked always)."""
    for name in _FIELDS:
        value = spec.get(name)
        field = _FIELDS.index(name)
        if isinstance(value, bool):
            return [(field, int(value))]
        if isinstance(value, str):
            return [(field, strings.add(value) if value else 0)]
        if isinstance(value, dict) and list(value) == ["IN"]:
            return [(field, strings.add(v) if v else 0) for v in value["IN"]]
    return None


class _Rule:
    """One pattern of one ruler rule: its token tests, the rule's order and effect."""

    __slots__ = ("attrs", "index", "order", "tests")

    def __init__(
        self, order: int, tests: list[list[Test]], index: int, attrs: tuple[tuple[int, int], ...]
    ):
        self.order = order
        self.tests = tests
        self.index = index if index >= 0 else len(tests) + index
        self.attrs = attrs

    def matches(self, rows: list[tuple[int, ...]], start: int) -> bool:
        if start + len(self.tests) > len(rows):
            return False
        return all(all(t(rows[start + k]) for t in tests) for k, tests in enumerate(self.tests))


class ExactAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler with its rules compiled to indexed tests (same output)."""

    _compiled: _Compiled | None
    _memo: dict[tuple[int, ...], tuple[tuple[tuple[int, int], ...], list[_Rule]]]

    def __call__(self, doc: Doc) -> Doc:
        compiled = self._compile()
        if compiled is None or not len(doc):
            return super().__call__(doc)
        rows = [tuple(r) for r in doc.to_array(_READ).tolist()]
        memo = self._memo
        if len(memo) >= _MEMO_CAP:
            memo.clear()
        effects: list[tuple[tuple[int, int], ...]] = []
        multi_hits: dict[int, list[_Rule]] = {}
        for start, row in enumerate(rows):
            known = memo.get(row)
            if known is None:
                known = memo[row] = (
                    _effect(_single_hits(row, compiled)),
                    _first_hits(row, compiled.multi_indexed, compiled.multi_always),
                )
            effects.append(known[0])
            for rule in known[1]:
                if rule.matches(rows, start):
                    multi_hits.setdefault(start + rule.index, []).append(rule)
        for target, rules in multi_hits.items():
            effects[target] = _effect(_single_hits(rows[target], compiled) + rules)
        columns = doc.to_array(_WRITTEN).tolist()
        for row_out, effect in zip(columns, effects, strict=True):
            for column, value in effect:
                row_out[column] = value
        doc.from_array(_WRITTEN, numpy.array(columns, dtype=numpy.uint64))  # type: ignore[arg-type]
        return doc

    def _compile(self) -> _Compiled | None:
        """The rules indexed by their first token's anchors; None when a rule cannot be
        compiled."""
        if "_compiled" in self.__dict__:
            return self._compiled
        try:
            compiled: _Compiled | None = self._compiled_rules()
        except _Uncompilable:
            compiled = None
        self._compiled = compiled
        self._memo = {}
        return compiled

    def _compiled_rules(self) -> _Compiled:
        strings = self.vocab.strings
        compiled = _Compiled()
        patterns: list[dict[str, Any]] = list(self.patterns)
        for order, pattern in enumerate(patterns):
            attrs = self.attrs[order]
            if any(a not in _WRITTEN for a in attrs):
                raise _Uncompilable(f"sets {attrs!r}")
            effect = tuple((_WRITTEN.index(a), v) for a, v in attrs.items())
            for alternative in pattern["patterns"]:
                tests = [_token_tests(spec, strings) for spec in alternative]
                rule = _Rule(order, tests, int(pattern.get("index", 0)), effect)
                if not 0 <= rule.index < len(tests):
                    raise _Uncompilable("index outside the pattern")
                multi = len(tests) > 1
                keys = _anchors(alternative[0], strings)
                if keys is None:
                    (compiled.multi_always if multi else compiled.always).append(rule)
                for key in keys or ():
                    index = compiled.multi_indexed if multi else compiled.indexed
                    index.setdefault(key, []).append(rule)
        return compiled

    def add(self, patterns: Iterable[Any], attrs: dict[Any, Any], index: int = 0) -> None:
        """Add a rule, as spaCy's ruler does, and forget the compiled rules."""
        super().add(patterns, attrs, index)
        self.__dict__.pop("_compiled", None)


class _Compiled:
    """A ruler's rules: single-token ones indexed by anchor or always tested, and
    multi-token ones likewise by their first token."""

    __slots__ = ("always", "indexed", "multi_always", "multi_indexed")

    def __init__(self) -> None:
        self.indexed: dict[tuple[int, int], list[_Rule]] = {}
        self.always: list[_Rule] = []
        self.multi_indexed: dict[tuple[int, int], list[_Rule]] = {}
        self.multi_always: list[_Rule] = []


def _token_tests(spec: dict[str, Any], strings: Any) -> list[Test]:
    if not isinstance(spec, dict) or not spec or any(k not in _FIELDS for k in spec):
        raise _Uncompilable(f"token spec {spec!r}")
    return [_test(_FIELDS.index(name), value, strings) for name, value in spec.items()]


def _first_hits(
    row: tuple[int, ...], indexed: dict[tuple[int, int], list[_Rule]], always: list[_Rule]
) -> list[_Rule]:
    """The rules whose first token's tests a token (its read row) passes, in rule order."""
    hits: dict[int, _Rule] = {}
    for field, value in enumerate(row):
        for rule in indexed.get((field, value), ()):
            if all(t(row) for t in rule.tests[0]):
                hits[id(rule)] = rule
    hits.update((id(r), r) for r in always if all(t(row) for t in r.tests[0]))
    return sorted(hits.values(), key=lambda r: r.order)


def _single_hits(row: tuple[int, ...], compiled: _Compiled) -> list[_Rule]:
    """The single-token rules a token (its read row) matches."""
    return _first_hits(row, compiled.indexed, compiled.always)


def _effect(hits: list[_Rule]) -> tuple[tuple[int, int], ...]:
    """What the matched rules set, as (written column, value), later rules over earlier
    ones (the ruler applies its matches in rule order)."""
    effect: dict[int, int] = {}
    for rule in sorted(hits, key=lambda r: r.order):
        effect.update(rule.attrs)
    return tuple(effect.items())


class ExactLemmatizer(EnglishLemmatizer):
    """spaCy's English rule lemmatizer with each (form, POS, morphology)'s lemma
    remembered and written back as a column (same output)."""

    _lemmas: dict[tuple[int, int, int], int]

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule" or self.overwrite or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables()
        lemmas: dict[tuple[int, int, int], int] = self.__dict__.setdefault("_lemmas", {})
        if len(lemmas) >= _MEMO_CAP:
            lemmas.clear()
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        out = columns[:, 3].copy()
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            value = lemmas.get(key)
            if value is None:
                value = lemmas[key] = self.vocab.strings.add(self.lemmatize(doc[i])[0])
            out[i] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], out.reshape(-1, 1).astype(numpy.uint64))  # type: ignore[arg-type]
        return doc

    def rule_lemmatize(self, token: Token) -> list[str]:
        """spaCy's ``Lemmatizer.rule_lemmatize`` (3.8), line for line, except that a
        candidate form is looked up in a set of the part of speech's index words: the
        table holds them as a list (57,528 nouns), and the membership test scanned it,
        about a quarter of a millisecond for every new word."""
        cache_key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
        if cache_key in self.cache:
            return self.cache[cache_key]  # type: ignore[no-any-return]
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            if univ_pos == "":
                warnings.warn(Warnings.W108, stacklevel=2)
            return [string.lower()]
        if self.is_base_form(token):
            return [string.lower()]
        index_table = self.lookups.get_table("lemma_index", {})
        exc_table = self.lookups.get_table("lemma_exc", {})
        rules_table = self.lookups.get_table("lemma_rules", {})
        if not any(
            (
                index_table.get(univ_pos),
                exc_table.get(univ_pos),
                rules_table.get(univ_pos),
            )
        ):
            if univ_pos == "propn":
                return [string]
            return [string.lower()]
        index = self._index_set(univ_pos, index_table.get(univ_pos, {}))
        exceptions = exc_table.get(univ_pos, {})
        rules = rules_table.get(univ_pos, {})
        orig = string
        string = string.lower()
        forms: list[str] = []
        oov_forms = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index or not form.isalpha():
                    if form in index:
                        forms.insert(0, form)
                    else:
                        forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        self.cache[cache_key] = forms
        return forms

    def _index_set(self, univ_pos: str, words: Iterable[str]) -> frozenset[str]:
        """The index words of a part of speech as a set, made once per table."""
        sets: dict[str, frozenset[str]] = self.__dict__.setdefault("_index_sets", {})
        found = sets.get(univ_pos)
        if found is None:
            found = sets[univ_pos] = frozenset(words)
        return found


@Language.factory("newsweave_attribute_ruler", default_config={"validate": False})
def make_attribute_ruler(nlp: Language, name: str, validate: bool) -> ExactAttributeRuler:
    """The ruler below, registered so it can replace spaCy's in a loaded pipeline."""
    return ExactAttributeRuler(nlp.vocab, name, validate=validate)


@Language.factory("newsweave_lemmatizer", default_config={"mode": "rule", "overwrite": False})
def make_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> ExactLemmatizer:
    """The lemmatizer below, registered so it can replace spaCy's in a loaded pipeline."""
    return ExactLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite)


def install(nlp: Language) -> Language:
    """Swap the pipeline's attribute ruler and English rule lemmatizer (if it has those
    exact components) for the stand-ins above, with the same rules and tables."""
    names = nlp.pipe_names
    old_ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in names else None
    if type(old_ruler) is AttributeRuler:
        patterns = old_ruler.patterns
        ruler = nlp.replace_pipe("attribute_ruler", "newsweave_attribute_ruler")
        assert isinstance(ruler, ExactAttributeRuler)
        ruler.add_patterns(patterns)
    old_lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in names else None
    if (
        type(old_lemmatizer) is EnglishLemmatizer
        and old_lemmatizer.mode == "rule"
        and not old_lemmatizer.overwrite
    ):
        lemmatizer = nlp.replace_pipe("lemmatizer", "newsweave_lemmatizer")
        assert isinstance(lemmatizer, ExactLemmatizer)
        lemmatizer.lookups = old_lemmatizer.lookups
    return nlp
