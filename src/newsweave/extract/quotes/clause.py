"""The reported clause around a partial quote: what the speaker is credited with saying.

Why: in ``X said the talks were "productive" for both sides`` the marks show
only the verbatim words, but X is reported as saying the whole clause after
"said". Attribution corpora (PARC, PolNeAR) annotate that clause as the
content, so the quote's extent is the verb's complement that holds the
fragment: the right-hand dependents of the verb from the first one through
the one holding the fragment and the complements after it ("called the plan
"a gamble" in an interview"), or, when the fragment comes before the verb
("the plan was "a gamble," X said"), the subtree that holds it.
"""

from __future__ import annotations

from spacy.tokens import Token

# Right-hand dependents of a speech verb that belong to what was said.
_CONTENT_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "oprd", "prep", "dative", "attr", "acomp", "npadvmod", "advmod"}
)
_CLAUSES = frozenset({"ccomp", "xcomp"})
# Dependents that start something else ("…, adding that …", "and then left").
_STOP_DEPS = frozenset({"punct", "cc", "conj", "advcl", "parataxis", "relcl"})


def _child_towards(verb: Token, token: Token) -> Token | None:
    """The dependent of ``verb`` on the path from ``token`` up to it, or None."""
    node = token
    while node.head.i != node.i:
        if node.head.i == verb.i:
            return node
        node = node.head
    return None


def _right_block(verb: Token, child: Token) -> list[Token]:
    """``child`` with the contiguous right dependents of ``verb`` around it that are content."""
    rights = list(verb.rights)
    pos = rights.index(child)
    lo = pos
    # "told reporters on Friday that …": addressee and time before a clause are not content
    allowed = {"advmod"} if child.dep_ in _CLAUSES else _CONTENT_DEPS
    while lo > 0 and rights[lo - 1].dep_ in allowed:
        lo -= 1
    hi = pos
    while hi + 1 < len(rights) and rights[hi + 1].dep_ in _CONTENT_DEPS:
        hi += 1
    return [t for c in rights[lo : hi + 1] for t in c.subtree]


def reported_clause(
    root: Token, verb: Token, inner: tuple[int, int], outer: tuple[int, int]
) -> tuple[int, int]:
    """Offsets of the clause ``verb`` reports that holds the fragment rooted at ``root``.

    ``inner`` is the fragment without its marks, ``outer`` with them. Falls back
    to ``inner`` when the parse does not tie the fragment to the verb.
    """
    if verb.lower_ == "according":
        return inner
    child = _child_towards(verb, root)
    if child is None:
        return inner
    if child.i > verb.i and child.dep_ not in _STOP_DEPS:
        tokens = _right_block(verb, child)
    elif child.dep_ in ("ccomp", "xcomp", "dobj"):
        tokens = list(child.subtree)
    else:
        return inner
    tokens = [t for t in tokens if not t.is_punct or outer[0] <= t.idx < outer[1]]
    if tokens and tokens[0].dep_ == "mark":  # "that", as in indirect speech
        tokens = tokens[1:]
    if not tokens:
        return inner
    start = min(tokens[0].idx, inner[0])
    end = max(tokens[-1].idx + len(tokens[-1]), inner[1])
    if start <= verb.idx < end:
        return inner
    if outer[0] <= start < inner[0]:  # the clause opens with the quote: no opening mark
        start = inner[0]
    if inner[1] < end <= outer[1]:
        end = inner[1]
    return start, end
