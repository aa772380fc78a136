"""Who carried an article (outlet) and whose reporting it is (original source).

The original source comes from credits in the text, strongest first: bylines, datelines and
credit lines ("AFP contributed reporting", "Reprinted with the permission of ..."), then
citations ("as quoted by Al Jazeera", "TASS news agency reported"), then interviews given to an
agency ("told RFE/RL's Armenian service"). Agency spellings are normalized through
data/news_agencies.tsv.
"""

from __future__ import annotations

import dataclasses
import re
import urllib.parse

from conflictwatch.describe.agencies import agency_for_domain, agency_named, agency_of
from conflictwatch.describe.agencies import agency_pattern as _agency_pattern
from conflictwatch.describe.textspans import Sentences, normalize_quotes
from conflictwatch.model import Credits

BYLINE, CITATION, INTERVIEW = 3, 2, 1  # strength of a credit

_POSSESSIVE = r"(?:'s[\w\s-]{0,30}?)?"
_BYLINE_BEFORE = re.compile(r"^\W{0,3}By\s+$")
_DATELINE_BEFORE = re.compile(r"^\s*[A-Z][A-Za-z .'-]{1,40}(?:,[^()\n]{0,40})?\s*\(\s*$")
_DATELINE_AFTER = re.compile(r"^\s*\)\s*[-—–:]")
_CREDIT_BEFORE = re.compile(
    r"(?:\b(?:reporting|written|contributions?)\s+by\s+(?:[^.\n]*?\s+and\s+)?"
    r"|\bpermission\s+(?:of|from)\s+|^\W{0,3}(?:Sources?|Via|Courtesy(?:\s+of)?|Credit)\s*:\s*)"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_CREDIT_AFTER = re.compile(rf"^{_POSSESSIVE}\s+contribut(?:ed|es)\b")
_CITATION_BEFORE = re.compile(
    r"\b(?:quoted by|according to|cited by|reported by|carried by|citing)\s+(?:the\s+)?$|\(\s*$",
    re.IGNORECASE,
)
_CITATION_AFTER = re.compile(
    rf"^{_POSSESSIVE}(?:\s+news agency|\s+agency|\s+news service)?"
    r"\s+(?:reported|reports|quoted|cited|said|wrote|writes)\b"
)
_INTERVIEW_BEFORE = re.compile(
    r"\b(?:told|interview (?:with|to)|speaking to|spoke to|said to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Credits that may name an outlet missing from the agency table.
_ANY_DATELINE = re.compile(
    r"(?m)^\s*[A-Z][A-Z .'-]{1,40}(?:,[^()\n]{0,40})?\s*\((?P<name>[A-Z][^()\n]{1,40})\)\s*[-—–]"
)
_ANY_REPRINT = re.compile(
    r"Reprinted (?:with|by) (?:the )?(?:kind )?permission (?:of|from) (?:the )?"
    r"(?P<name>[A-Z][^,.;\n]{1,60})",
    re.IGNORECASE,
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Credit:
    """One place where a text credits an agency or outlet."""

    name: str
    strength: int
    start: int
    evidence: str


def find_credits(
    text: str,
    *,
    source_text: str | None = None,
    url: str | None = None,
    site_name: str | None = None,
    source: str | None = None,
) -> Credits:
    """Outlet and original source of an article.

    `text` is the clean text; `source_text` the decoded input before furniture was removed
    (credit lines and newsletter boxes are often dropped as furniture). `source` (given with the
    input) wins for the outlet, then `site_name` (HTML metadata), then the URL's site, then a
    brand the page shows.
    """
    texts = [text] if source_text is None else [text, source_text]
    outlet = _clean(source) or _clean(site_name) or site_of_url(url) or _brand_in(texts)
    credit = best_credit(texts) or _agency_site(url)
    if credit is None:
        return Credits(outlet=outlet)
    return Credits(outlet=outlet, original_source=credit.name, evidence=credit.evidence)


def _agency_site(url: str | None) -> Credit | None:
    """An agency's own web site is its own reporting, when the text credits nobody else."""
    agency = agency_for_domain(urllib.parse.urlsplit(url).hostname or "") if url else None
    if agency is None:
        return None
    return Credit(name=agency.name, strength=0, start=0, evidence=f"url {url}")


def best_credit(texts: list[str]) -> Credit | None:
    """The strongest credit in the texts; the first one found among equals."""
    credits = [credit for text in texts for credit in find_credit_lines(text)]
    if not credits:
        return None
    strongest = max(credit.strength for credit in credits)
    return next(credit for credit in credits if credit.strength == strongest)


def find_credit_lines(text: str) -> list[Credit]:
    """Every credit in `text`, in reading order."""
    plain = normalize_quotes(text)  # same length: offsets hold in `text`
    sentences = Sentences.of(text)
    credits = [*_listed_credits(plain, sentences), *_unlisted_credits(plain, sentences)]
    return sorted(credits, key=lambda credit: credit.start)


def _listed_credits(text: str, sentences: Sentences) -> list[Credit]:
    """Agencies from the table named where a credit, citation or interview is stated."""
    credits = []
    for match in _agency_pattern().finditer(text):
        strength = _strength(text, match.start(), match.end())
        if strength:
            name, start = agency_of(match).name, match.start()
            evidence = sentences.at(start)
            credits.append(Credit(name=name, strength=strength, start=start, evidence=evidence))
    return credits


def _strength(text: str, start: int, end: int) -> int:
    """How strongly the words around an agency name credit it (0: they do not)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before, after = text[line_start:start], text[end : len(text) if line_end < 0 else line_end]
    dateline = _DATELINE_BEFORE.match(before) and _DATELINE_AFTER.match(after)
    if _BYLINE_BEFORE.match(before) or _CREDIT_BEFORE.search(before):
        return BYLINE
    if dateline or _CREDIT_AFTER.match(after):
        return BYLINE
    if _CITATION_BEFORE.search(before) or _CITATION_AFTER.match(after):
        return CITATION
    return INTERVIEW if _INTERVIEW_BEFORE.search(before) else 0


def _unlisted_credits(text: str, sentences: Sentences) -> list[Credit]:
    """Datelines and reprint notices naming an outlet the agency table does not know."""
    credits = []
    for pattern in (_ANY_DATELINE, _ANY_REPRINT):
        for match in pattern.finditer(text):
            name = match["name"].strip()
            if agency_named(name) is None and len(name.split()) <= 5:
                evidence = sentences.at(match.start("name"))
                credits.append(
                    Credit(name=name, strength=BYLINE, start=match.start("name"), evidence=evidence)
                )
    return credits


def site_of_url(url: str | None) -> str | None:
    """The registrable site of a URL ("https://www.example.com/2021/..." -> "example.com")."""
    if not url:
        return None
    host = (urllib.parse.urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    labels = [label for label in host.split(".") if label]
    while len(labels) > 2 and labels[0] in {"www", "m", "amp", "mobile", "en", "news"}:
        labels.pop(0)
    if len(labels) < 2:
        return None
    # "bbc.co.uk", "abc.net.au": a two-letter country code under a generic second level.
    generic = {"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"}
    keep = 3 if len(labels) >= 3 and labels[-2] in generic and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


_GLUED_BRAND = re.compile(
    r"(?m)^\W{0,3}(?P<brand>[A-Za-z][\w-]{2,}\.[a-z]{2,6}(?:\.[a-z]{2})?)(?=[A-Z][a-z])"
)
_NEWSLETTER = re.compile(
    r"\bGet the (?P<brand>[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,3}?)"
    r"(?:\s+(?:Weekly|Daily|Newsletter|Digest|Briefing|Bulletin))?\s+in your inbox"
)
_COPYRIGHT = re.compile(
    r"(?m)(?:Copyright|©)\s*(?:\(c\)|©)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?[.,]?\s*)?"
    r"(?P<brand>[A-Z][\w&'./-]*(?:\s+[A-Z][\w&'./-]*){0,3})(?P<rest>[^\n]*)"
)


def _brand_in(texts: list[str]) -> str | None:
    """A site name the page itself shows: a brand glued to the story, a newsletter box, a ©."""
    for finder in (_glued_brand, _newsletter_brand, _copyright_brand):
        for text in reversed(texts):  # the source text keeps what cleaning dropped
            brand = finder(normalize_quotes(text))
            if brand:
                return brand
    return None


def _glued_brand(text: str) -> str | None:
    """ "Windowofworld.comArmenia says ...": a site name glued to the first word of the story."""
    match = _GLUED_BRAND.search(text)
    return match["brand"] if match else None


def _newsletter_brand(text: str) -> str | None:
    """ "Get the Mirror-Spectator Weekly in your inbox": the longest brand offered."""
    brands = [match["brand"] for match in _NEWSLETTER.finditer(text)]
    return max(brands, key=len) if brands else None


def _copyright_brand(text: str) -> str | None:
    """ "Copyright (c) Brand", unless the line is a reprint notice (then it is the source's)."""
    for match in _COPYRIGHT.finditer(text):
        if not re.search(r"reprint|permission", match["rest"], re.IGNORECASE):
            return re.sub(r",?\s+(?:Inc|Ltd|LLC|All)\.?$", "", match["brand"]).strip() or None
    return None


def _clean(value: str | None) -> str | None:
    return value.strip() or None if value else None
