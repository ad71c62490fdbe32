"""Direct and partial quotes in French text, with their speakers.

Why rules of their own: French quotes with «…» (a space inside the marks) and “…”, and
attributes speech with an inverted clause after the quote ("« … », a déclaré Emmanuel
Macron", "« … », a-t-il ajouté"), a colon before it ("Le ministre a déclaré : « … »"),
"selon X" / "d'après X", or as dialogue: a paragraph opening with a dash ("— Nous
sommes prêts, a dit la ministre."). The speaker is the person the attribution clause
names, or, for "il/elle" ("a-t-il dit"), the last person named before the quote. A
quoted title without a speech verb near it is not a quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.model import Mention, Quote

_QUOTED = re.compile(r"«\s*(?P<a>[^«»]*?)\s*»|“(?P<b>[^“”]*)”|\"(?P<c>[^\"\n]*)\"")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_AFTER = re.compile(r"^[ \t]*[,.!?…]?[ \t]*(?:[—–-][ \t]*)?")
_DIALOGUE = re.compile(r"(?m)^[ \t]*[—–][ \t]+(?P<q>[^\n]+?)(?=,[ \t]+|[ \t]+[—–][ \t]+|$)")
_ACCORDING = re.compile(r"(?:selon|d['’]après)\s+$", re.IGNORECASE)
#: Stems of French speech verbs (past participles and present forms alike).
SPEECH_VERBS = (
    "déclar", "affirm", "dit", "dis", "expliqu", "ajout", "estim", "assur", "soulign",
    "précis", "indiqu", "annonc", "confi", "répond", "insist", "prévien", "prévenu",
    "rappel", "martel", "lanc", "accus", "dénonc", "réclam", "promet", "promis", "écri",
    "tranch", "commenté", "concéd", "admet", "admis", "avert", "plaid", "jug",
)  # fmt: skip
PRONOUNS = frozenset({"il", "elle", "t-il", "t-elle", "-il", "-elle"})
_MIN_WORDS = 3


def _speech_verb(word: str) -> bool:
    low = word.lower().split("-")[0]
    return any(low.startswith(stem) for stem in SPEECH_VERBS)


def _people(mentions: Sequence[Mention]) -> list[Mention]:
    return sorted((m for m in mentions if m.label == "PERSON"), key=lambda m: m.start)


def _person_in(people: list[Mention], start: int, end: int) -> Mention | None:
    return next((m for m in people if start <= m.start and m.end <= end), None)


def _last_person_before(people: list[Mention], offset: int) -> Mention | None:
    before = [m for m in people if m.end <= offset]
    return before[-1] if before else None


def _clause_after(text: str, end: int) -> tuple[int, int] | None:
    """The inverted attribution after a quote: "», a déclaré X" up to the sentence's end."""
    rest = text[end : end + 160]
    lead = _AFTER.match(rest)
    if lead is None or not lead.group(0).strip():
        return None
    stop = re.search(r"[.!?\n]", rest[lead.end() :])
    clause_end = end + lead.end() + (stop.start() if stop else len(rest) - lead.end())
    return end + lead.end(), clause_end


def _clause_before(text: str, start: int) -> tuple[int, int] | None:
    """The attribution before a quote that a colon introduces ("X a déclaré : « … »")."""
    head = text[max(0, start - 200) : start].rstrip()
    if not head.endswith(":"):
        return None
    cut = max(head.rfind(ch) for ch in ".!?\n")
    return max(0, start - 200) + cut + 1, max(0, start - 200) + len(head) - 1


def _attribution(
    text: str, span: tuple[int, int], people: list[Mention]
) -> tuple[Mention | None, str | None, int, int] | None:
    """(speaker mention, cue, speaker start, speaker end) when a speech verb attributes
    the words in ``span``, or "selon X" names the source; None when nothing does."""
    for clause in (_clause_before(text, span[0]), _clause_after(text, span[1])):
        if clause is None:
            continue
        part = text[clause[0] : clause[1]]
        words = list(_WORD.finditer(part))
        verbs = [w for w in words if _speech_verb(w.group(0))]
        if not verbs:
            continue
        cue = verbs[0].group(0).split("-")[0]
        named = _person_in(people, clause[0], clause[1])
        if named is not None:
            return named, cue, named.start, named.end
        pronoun = re.search(r"(?:-t)?-(?:il|elle)\b|\b(?:il|elle)\b", part)
        if pronoun is not None:
            at = clause[0] + pronoun.start()
            return _last_person_before(people, span[0]), cue, at, clause[0] + pronoun.end()
        return None, cue, -1, -1
    head = text[max(0, span[0] - 120) : span[0]]
    sentence = head[max(head.rfind(ch) for ch in ".!?\n") + 1 :]
    according = re.search(r"(?:selon|d['’]après)\s+", sentence, re.IGNORECASE)
    if according is not None:
        base = span[0] - len(sentence) + according.end()
        named = _person_in(people, base, span[0])
        if named is not None:
            return named, according.group(0).strip(), named.start, named.end
    after = text[span[1] : span[1] + 120]
    tail = re.match(r"[ \t]*,?[ \t]*(?:selon|d['’]après)\s+", after, re.IGNORECASE)
    if tail is not None:
        named = _person_in(people, span[1] + tail.end(), span[1] + len(after))
        if named is not None and named.start == span[1] + tail.end():
            return named, tail.group(0).strip(" ,"), named.start, named.end
    return None


def extract_french_quotes(text: str, article_id: str, mentions: Sequence[Mention]) -> list[Quote]:
    """Quotes in French ``text`` with their speakers (``mentions``: the article's)."""
    people = _people(mentions)
    found: list[Quote] = []
    spans: list[tuple[int, int, int, int, bool]] = []
    for m in _QUOTED.finditer(text):
        group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
        spans.append((m.start(group), m.end(group), m.start(), m.end(), False))
    for m in _DIALOGUE.finditer(text):
        if not any(s[2] <= m.start("q") < s[3] for s in spans):
            spans.append((m.start("q"), m.end("q"), m.start("q"), m.end("q"), True))
    for start, end, outer_start, outer_end, dialogue in sorted(spans):
        if len(_WORD.findall(text[start:end])) < _MIN_WORDS:
            continue
        attributed = _attribution(text, (outer_start, outer_end), people)
        if attributed is None:
            continue
        speaker, cue, s_start, s_end = attributed
        before = text[max(0, outer_start - 3) : outer_start]
        direct = dialogue or ":" in before or _clause_after(text, outer_end) is not None
        found.append(
            Quote(
                article_id=article_id,
                start=start,
                end=end,
                text=text[start:end],
                kind="direct" if direct else "partial",
                speaker=speaker.name if speaker else None,
                speaker_start=s_start if s_start >= 0 else None,
                speaker_end=s_end if s_end >= 0 else None,
                cue=cue,
            )
        )
    return found
