"""Who a text comes from: wire agencies by name, outlets from URLs, URLs broken by a scrape.

Agency names live in ``newsweave/data/agencies.json`` (data, not code, so a
new agency or alias is a one-line change) and are compiled into one regex,
loaded once.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from tld import get_fld

from newsweave.clean.date_words import WEEKDAY_WORDS, month_number, word_set
from newsweave.clean.dates import Found

__all__ = [
    "agency_name",
    "agency_pattern",
    "caption_credit",
    "is_photo_agency",
    "outlet_from_url",
    "repair_url",
    "self_attribution",
]


@dataclass(frozen=True)
class _Agencies:
    canonical: dict[str, str]  # alias key (see _key) → canonical name
    pattern: re.Pattern[str]  # any alias, whole word
    photo: frozenset[str]  # casefolded photo agency / pool names


def _is_strict(alias: str) -> bool:
    """Short capitalised aliases ("AP", "PA", "AA") are words too; match them case-sensitively."""
    return len(alias) <= 4 and alias.upper() == alias


def _key(alias: str) -> str:
    """Lookup key: exact for short capitalised aliases, casefolded for the rest."""
    alias = " ".join(alias.split())
    return alias if _is_strict(alias) else alias.casefold()


@functools.cache
def _agencies() -> _Agencies:
    """Load the agency table once per process."""
    text = resources.files("newsweave").joinpath("data/agencies.json").read_text("utf-8")
    data = json.loads(text)
    canonical: dict[str, str] = {}
    for entry in data["agencies"]:
        for alias in [entry["name"], *entry["aliases"]]:
            canonical.setdefault(_key(alias), entry["name"])
    aliases = sorted({a for e in data["agencies"] for a in [e["name"], *e["aliases"]]},
                     key=len, reverse=True)
    parts = [re.escape(a) if _is_strict(a) else f"(?i:{re.escape(a)})" for a in aliases]
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])")
    photo = frozenset(p.casefold() for p in data["photo"])
    return _Agencies(canonical, pattern, photo)


def agency_name(text: str) -> str | None:
    """Canonical agency name if ``text`` (whole, an optional leading "the" aside) names one."""
    text = " ".join(text.strip().split())
    table = _agencies().canonical
    for candidate in (text, re.sub(r"^(?i:the)\s+", "", text)):
        name = table.get(_key(candidate))
        if name is not None:
            return name
    return None


def agency_pattern() -> re.Pattern[str]:
    """Compiled regex matching any agency alias as a whole word."""
    return _agencies().pattern


def is_photo_agency(text: str) -> bool:
    """True for photo agencies and pools that sign credits ("Getty Images", "EPA-EFE")."""
    return " ".join(text.split()).casefold() in _agencies().photo or agency_name(text) is not None


def outlet_from_url(url: str) -> str | None:
    """Registered domain of a URL ("https://www.example.co.uk/a" → "example.co.uk").

    Uses the public-suffix list bundled with ``tld``, so it works offline.
    """
    url = url.strip()
    if not url:
        return None
    fld = get_fld(url, fail_silently=True, fix_protocol=True, search_private=False)
    return fld.lower() if isinstance(fld, str) else None


_URL_START = re.compile(r"(?:https?://|(?<![\w.@/])www\.)[^\s<>\"'«»]+", re.IGNORECASE)
_URL_CHARS = re.compile(r"[\w\-./?=&%#~+:;@!$,']+")
_URL_CUE = re.compile(r"[\d/\-_=&?%#]")
_TRAILING = ".,;:!?)]}>\"'’”»"


def _url_piece(token: str) -> bool:
    """A token that can only be the rest of a URL: URL characters with a digit or URL punctuation.

    Plain words never qualify, so "see https://x.com/a for details" is not glued.
    """
    return bool(_URL_CHARS.fullmatch(token)) and bool(_URL_CUE.search(token))


def _continuation(text: str, end: int) -> int:
    """End of the scattered rest of a URL that starts at ``end`` (or ``end`` if there is none).

    The rest of the line is taken when every token on it is a URL piece; failing
    that, a next line holding one URL piece is taken when the URL ends in "/" or "-".
    """
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    tail = text[end:line_end].split()
    if tail and all(_url_piece(t) for t in tail):
        return line_end
    if tail or end == 0 or text[end - 1] not in "/-_=&?":
        return end
    next_end = text.find("\n", line_end + 1)
    next_end = len(text) if next_end < 0 else next_end
    nxt = text[line_end + 1 : next_end].split()
    if len(nxt) == 1 and _url_piece(nxt[0]):
        return next_end
    return end


def repair_url(text: str) -> str | None:
    """The first URL in ``text`` with spaces or line breaks a scrape put inside it removed."""
    m = _URL_START.search(text)
    if m is None:
        return None
    end = _continuation(text, m.end())
    url = "".join(text[m.start() : end].split())
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url or None


# --- self-attribution: "..., Some Paper reports, writes Outlet." -----------------------

_CAP = "[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐ0-9]"
_TAIL = r"(?:[\w&'’+-]|\.(?=\w))*"  # rest of a name word; a final period ends the sentence
_COMMA = r",[\"”»']?"  # a clause comma, maybe after a closing quote
_OUTLET = (
    rf"(?:«[^«»\n]{{1,40}}»|\"[^\"\n]{{1,40}}\"|“[^“”\n]{{1,40}}”"
    rf"|(?:(?i:the)\s+)?{_CAP}{_TAIL}(?:\s+(?:{_CAP}{_TAIL}|of|de|du|des|der|la|el)){{0,4}}"
    rf"|dpa|epd)"
)
_END = (
    r"(?=\s*(?:[.!?…;:»\"”)]|$|,?\s+"
    r"(?i:citing|со\s+ссылкой|з\s+посиланням|citant|citando|unter\s+Berufung)))"
)
_SELF_VERBS = (
    r"writes|reports|reported|notes|informs|пишет|пишут|сообщает|сообщают|передает|передаёт|"
    r"информирует|отмечает|уточняет|пише|пишуть|повідомляє|повідомляють|передає|інформує|"
    r"зазначає|écrit|rapporte|indique|schreibt|berichtet|meldet|informa|escribe|publica|reporta"
)
_CITING = (
    r"citing|quoting|with\s+reference\s+to|со\s+ссылкой\s+на|ссылаясь\s+на|з\s+посиланням\s+на|"
    r"посилаючись\s+на|citant|unter\s+Berufung\s+auf|citando\s+a|citando"
)
_MEDIA_NOUN = (
    r"(?:(?:the\s+)?(?:newspaper|agency|outlet|magazine|broadcaster|channel|website|"
    r"publication)\s+|(?:агентство|агентства|издание|издания|газета|газеты|телеканал|"
    r"видання|агентство|газети|l'agence|le\s+journal|la\s+agencia|el\s+diario|die\s+Agentur|"
    r"der\s+Agentur|die\s+Zeitung|der\s+Zeitung)\s+)?"
)
_SELF = re.compile(
    rf"(?:{_COMMA}|\s[—–-])\s*(?:{_SELF_VERBS})\s+"
    rf"(?:(?:the\s+)?(?:correspondent|reporter)\s+(?:of\s+)?|(?:корреспондент|кореспондент)\w*\s+)?"
    rf"(?P<name>{_OUTLET}){_END}"
    rf"(?:,?\s+(?:{_CITING})\s+{_MEDIA_NOUN}(?P<src>{_OUTLET}){_END})?"
)
# "X reports": present-tense reporting verbs are what outlets do; after a past-tense verb
# ("the Kremlin reported") the name must also look like an outlet.
_CITED_BEFORE_VERB = re.compile(
    rf"(?:^|{_COMMA}|\s[—–-])\s*(?P<name>{_OUTLET})\s+(?:(?P<present>reports|writes|пишет|"
    rf"сообщает|пише|повідомляє|berichtet|schreibt|meldet|rapporte|écrit|informa)|reported|"
    rf"сообщило|сообщила|повідомило|повідомила|informó|reportó)(?=\s*(?:[,.;!?…]|$))"
)
_CITED_AFTER = re.compile(
    rf"(?<!\w)(?i:{_CITING}|according\s+to|по\s+данным|по\s+информации|как\s+сообщает|"
    rf"как\s+пишет|за\s+даними|за\s+інформацією|як\s+повідомляє|як\s+пише|selon|d'après|laut|"
    rf"según|de\s+acuerdo\s+con)(?:\s+|\s*l')(?-i:{_MEDIA_NOUN}(?P<name>{_OUTLET}))"
)
_NOT_OUTLETS = WEEKDAY_WORDS | word_set(
    "today yesterday tomorrow president prime minister officials sources according"
)
_PRONOUNS = word_set(
    "he she it they we i you his her its their this that these those officials sources "
    "он она они оно він вона вони il elle ils er sie es él ella"
)


def _clean_outlet(m: re.Match[str], group: str) -> Found | None:
    """Strip quotes and a leading "the"; keep the span on the name itself."""
    start, end = m.span(group)
    text = m.string
    while start < end and text[start] in "«\"“":
        start += 1
    while end > start and text[end - 1] in "»\"”":
        end -= 1
    the = re.match(r"(?i:the)\s+", text[start:end])
    if the is not None and m.string[start + the.end() : end][:1].isupper():
        start += the.end()
    value = " ".join(text[start:end].split())
    first = value.split()[0].casefold() if value else ""
    if not value or value.casefold() in _PRONOUNS or len(value) > 60 or first in _NOT_OUTLETS:
        return None
    if month_number(first) is not None and len(first) > 3:
        return None
    return Found(value, start, end)


def _cited_is_outlet(found: Found, quoted: bool) -> bool:
    """After "according to"/"citing", only quoted names, agencies and abbreviations count.

    Those phrases cite people as often as outlets, and a person is not an outlet.
    """
    v = found.value
    return quoted or agency_name(v) is not None or (v.upper() == v and len(v) <= 8) or bool(
        re.search(r"(?i)\b(?:times|post|news|journal|independent|guardian|telegraph|herald|"
                  r"gazette|tribune|daily|press|media|tv|radio|zeitung|journal|gazeta|газета|"
                  r"новости|новини|правда|вести|вісті)\b", v)
    )


def self_attribution(paragraph: str) -> tuple[Found | None, list[Found]]:
    """The outlet naming itself ("..., writes Outlet.") and the sources the paragraph cites.

    The sentence-final clause with the verb first ("writes X", "пишет X") is the
    outlet's own signature; "X reports", "citing X" and "according to X" are sources.
    """
    self_found: Found | None = None
    cited: list[Found] = []
    for m in _SELF.finditer(paragraph):
        name = _clean_outlet(m, "name")
        if name is not None and self_found is None:
            self_found = name
        if m.group("src") and (src := _clean_outlet(m, "src")) is not None:
            cited.append(src)
    for m in _CITED_BEFORE_VERB.finditer(paragraph):
        name = _clean_outlet(m, "name")
        if name is not None and (m.group("present") or _cited_is_outlet(name, False)):
            cited.append(name)
    for m in _CITED_AFTER.finditer(paragraph):
        name = _clean_outlet(m, "name")
        if name is not None and _cited_is_outlet(name, m.group("name")[0] in "«\"“"):
            cited.append(name)
    seen = {self_found.value} if self_found else set()
    unique: list[Found] = []
    for f in sorted(cited, key=lambda f: f.start):
        if f.value not in seen:
            seen.add(f.value)
            unique.append(f)
    return self_found, unique


# --- photo credits ----------------------------------------------------------------------

_CREDIT_LABEL = re.compile(
    r"(?:^|[\s(\[|])(?P<label>(?i:photo(?:graph)?s?|pictures?|image|foto|фото|світлина|"
    r"credit|crédit(?:\s+photo)?|bild|quelle|источник\s+фото|джерело\s+фото|fotografía))"
    r"\s*(?::|©|by)\s*(?P<credit>[^()\[\]\n:]{2,80}?)\s*[)\]]?\s*$"
)
_PAREN_CREDIT = re.compile(r"[.!?…\"”»]\s*[(\[](?P<credit>[^()\[\]\n]{2,60})[)\]]\s*$")
_SLASH_CREDIT = re.compile(
    rf"(?:(?<=[.!?…]\s)|^)?(?P<who>(?:{_CAP}[\w'’.-]*\s+){{0,3}})?"
    rf"(?P<credit>\S+\s*/\s*{_CAP}[\w'’.&-]*(?:[ -]{_CAP}[\w'’.&-]*){{0,3}})\s*$"
)


# Parenthesised words that end body text or wire trailers, not credits.
_NOT_CREDITS = word_set(
    "updated update corrected correction video watch see read more reporting editing writing "
    "additional compiled translated translation continued cont advertisement ad sponsored "
    "opinion analysis file archive source sources note audio listen"
)


def _credit_words_ok(credit: str) -> bool:
    """A credit is a few capitalised words (names, agencies), not a clause or a label."""
    words = credit.replace("/", " ").split()
    if not words or words[0].casefold().strip(":;,.") in _NOT_CREDITS:
        return False
    return len(words) <= 7 and all(
        w[0].isupper()
        or w.casefold() in {"via", "by", "for", "and", "of", "the", "photo", "&"}
        or agency_name(w) is not None
        for w in words
    )


def caption_credit(line: str) -> Found | None:
    """The credit at the end of a photo caption: "(Sputnik)", "Jane Doe / TASS", "Photo: AP"."""
    if len(line) > 600:
        return None
    m = _CREDIT_LABEL.search(line)
    if m is not None and _credit_words_ok(m.group("credit")):
        return Found(" ".join(m.group("credit").split()), m.start("credit"), m.end("credit"))
    m = _PAREN_CREDIT.search(line)
    if m is not None:
        credit = m.group("credit").strip()
        if _credit_words_ok(credit) and (is_photo_agency(credit) or "/" in credit
                                         or len(credit.split()) <= 3):
            start = m.start("credit") + (len(m.group("credit")) - len(m.group("credit").lstrip()))
            return Found(credit, start, start + len(credit))
    return _slash_credit(line)


def _slash_credit(line: str) -> Found | None:
    """"Name Surname / AGENCY" or "... / Reuters" at the end of a caption line."""
    slash = line.rfind("/")
    if slash < 0:
        return None
    right = line[slash + 1 :].strip()
    if not right or not _credit_words_ok(right) or len(right.split()) > 4:
        return None
    right_start = slash + 1 + (len(line[slash + 1 :]) - len(line[slash + 1 :].lstrip()))
    left = line[:slash].rstrip()
    who = re.search(rf"(?:^|[.!?…]\s+)(?P<who>{_CAP}[\w'’-]*(?:\s+{_CAP}[\w'’-]*){{0,3}})$", left)
    if who is not None:
        start = who.start("who")
    elif is_photo_agency(right) or re.search(r"(?i)\b(?:photo|pool|images?)\b", right):
        start = right_start  # "... over expectations / Reuters": the agency alone
    else:
        return None  # "... in the EU / NATO" is prose
    end = right_start + len(right)
    return Found(" ".join(line[start:end].split()), start, end)
