"""Recognize site furniture in one block of text, by its shape and vocabulary alone.

Each rule looks at a single block (a line or a joined paragraph) and names why it is not
story: counters, calls to action, comment forms, navigation, share buttons, banners,
template placeholders, copyright and source notices, credits and bylines. Rules that depend
on where a block sits (titles, captions, headings, repeats) live in `layout` and `repeats`.

Every rule is guarded by length and by the absence of sentence shape, so that a story
sentence which merely mentions Twitter or a newsletter is kept.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from conflictwatch.clean.blocks import ends_sentence


def vocabulary(listing: str) -> frozenset[str]:
    """A word set from a space-separated listing (easier to read and extend than a literal)."""
    return frozenset(listing.split())


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_I = re.compile  # alias only to keep the pattern table below readable

_COUNTER = _I(
    r"^[+-]?\d[\d.,]*\s*[kKmM]?(?:\s+(?:shares?|comments?|views?|likes?|reads?|"
    r"reactions?|votes?))?$",
    re.IGNORECASE,
)
_PLACEHOLDER = _I(r"\[[a-z]+(?:_[a-z]+)+\]|\{\{[^{}\n]*\}\}|%[A-Z]+(?:_[A-Z]+)*%|\$\{[^{}\n]*\}")
_BRACKETED = _I(r"^[\[(<{]\s*[^\[\]()<>{}\n]{1,60}?\s*[\])>}]$")
_SHOUTED_ACTION = _I(
    r"\b(?:JOIN NOW|CLICK HERE|SUBSCRIBE(?: NOW| TODAY)?|SIGN UP(?: NOW| TODAY)?|LEARN MORE|"
    r"APPLY NOW|REGISTER NOW|BUY NOW|SHOP NOW|READ MORE|DONATE(?: NOW)?|GET STARTED|"
    r"FIND OUT MORE|DOWNLOAD NOW)\W*$"
)
_DASHED_ACTION = _I(
    r"[-–—|:»]\s*(?:join now|click here|subscribe(?: now| today)?|sign up(?: now| today)?|"
    r"learn more|apply now|register now|buy now|shop now|donate(?: now)?|find out more)\W*$",
    re.IGNORECASE,
)
_ACTION_TAIL = 48
_AD_LABEL = _I(
    r"^(?:advertisement|advertising|ad|ads|sponsored(?: content)?|promoted(?: content)?|"
    r"partner content|story continues below(?: advertisement)?|"
    r"scroll to continue(?: with content)?|continue reading below)\W*$",
    re.IGNORECASE,
)
_COPYRIGHT = _I(
    r"^(?:copyright\b|©|\(c\)\s*\d{4})|\ball rights reserved\b|\breprinted with(?: the)? "
    r"permission\b|\bmay not be (?:re)?(?:published|distributed|reproduced)\b|"
    r"\brepublished with permission\b",
    re.IGNORECASE,
)
_URL_LIKE = _I(r"https?://|\bwww\.|\.(?:s?html?|php|aspx?|jsp)\b|\w/\w|/\d{3,}", re.IGNORECASE)
_BARE_URL = _I(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_SOURCE_LABEL = _I(r"^(?:source|sources|via|originally published (?:at|on|by))\s*[:–—-]\s*", re.I)
_CREDIT = _I(
    r"^\(?\s*(?:with|additional) (?:reporting|writing|editing|research|contributions?)"
    r"(?: and \w+)? (?:by|from)\b|\bcontributed (?:reporting|to this (?:report|story|"
    r"article))\b|^\(?\s*(?:compiled|written|edited) by\b",
    re.IGNORECASE,
)
#: "Reporting by A; Editing by B": a credit only when it does not read as a sentence.
_BARE_CREDIT = _I(r"^\(?\s*(?:reporting|writing|editing) by\b", re.IGNORECASE)
_BYLINE = _I(
    r"^(?:by|posted by|written by|published by|author)\s*:?\s+[\w\"'“(@]|"
    r"^(?:posted|published|updated|last updated|first published|modified)\b(?: on| at)?\s*:?",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_TIME = r"(?:[\s,|–-]+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}|\s*\(?GMT[+-]?\d*\)?)?)?"
_DATE_ONLY = _I(
    rf"^(?:[a-z]+day,?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}"
    rf"(?:st|nd|rd|th)?)?,?\s*\d{{4}}{_TIME}$|^\d{{4}}-\d{{2}}-\d{{2}}(?:[ T]\d{{2}}:\d{{2}}\S*)?$|"
    rf"^\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}{_TIME}$",
    re.IGNORECASE,
)
_COMMENT_FORM = _I(
    r"\bplease (?:enter|log ?in|sign ?in|register)\b|\b(?:post|leave|add|write|submit) (?:a|your)"
    r" (?:comment|reply|response)\b|^comments?\W*$|^repl(?:y|ies)\W*$|will not be published\b|"
    r"\brequired fields are marked\b|\bsave my name\b|\bnotify me of\b|\bname here\b|"
    r"^(?:name|e-?mail|website|comment)\s*\*?\s*:?$|\bcancel reply\b|"
    r"^(?:no|view|show|hide|load|read) (?:all |more )?comments?\b|\bcomments? (?:are|is) closed\b|"
    r"\bjoin the (?:discussion|conversation)\b",
    re.IGNORECASE,
)
_NAV_PREFIX = _I(
    r"^(?:read (?:more|also|next)|see also|also read|related(?: articles?| stories| news)?|"
    r"more on this|tags?|categories|category|topics?|filed under|recommended|you may also like|"
    r"most (?:read|popular)|trending)\s*[:»|–—-]",
    re.IGNORECASE,
)
_CRUMB_SEPARATOR = _I(r"\s+[|›»>/]\s+|\s*[|›»]\s*")
_NAV_WORDS = vocabulary(
    "previous next prev older newer post posts article articles story stories read more "
    "continue reading related home back to top page main menu skip content see also you may "
    "like recommended popular latest news trending tags tag categories category topics load "
    "view all go the this for up close open search"
)
_NAV_STRONG = vocabulary(
    "previous next prev older newer read continue related home back skip menu tags categories "
    "load recommended trending search"
)
_SHARE_WORDS = vocabulary(
    "facebook twitter x whatsapp telegram email e-mail mail print share shares sharing tweet "
    "pinterest linkedin reddit forum vk messenger copy link viber tumblr flipboard pocket sms "
    "instagram youtube tiktok threads bluesky mastodon on via this article page the us follow "
    "comment comments like save story"
)
_SHARE_STRONG = vocabulary(
    "facebook twitter whatsapp telegram email e-mail print share tweet pinterest linkedin "
    "reddit forum vk messenger viber tumblr flipboard instagram youtube tiktok bluesky "
    "mastodon"
)
_CALL_TO_ACTION = _I(
    r"\bsubscribe\b|\bnewsletters?\b|\bmailing list\b|\bin your inbox\b|\bsign(?:-| )?up\b|"
    r"\bfollow us\b|\bdownload (?:our|the) app\b|\bregister (?:now|for free|today)\b|"
    r"\bbecome a (?:member|subscriber|patron|supporter)\b|\bsupport (?:our|us|independent)\b|"
    r"\bdonate\b|\bclick here\b|\btap here\b|\bwe use cookies\b|\baccept (?:all )?cookies\b|"
    r"\bcookie (?:policy|settings|preferences)\b|\bprivacy policy\b|\bterms of (?:use|service)\b|"
    r"\bdelivered (?:to|straight to) your\b|\bjoin (?:us|our)\b",
    re.IGNORECASE,
)
_SECOND_PERSON = _I(r"\b(?:you|your|yours)\b", re.IGNORECASE)
_CAPTION_LABEL = _I(
    r"^(?:file )?(?:photo|image|picture|video|graphic|illustration|credit)s?"
    r"(?: credit)?\s*[:|/–—-]",
    re.IGNORECASE,
)


def words(text: str) -> list[str]:
    """The alphabetic words of `text` (apostrophes and hyphens inside a word kept)."""
    return _WORD.findall(text)


def is_counter(text: str) -> bool:
    return _COUNTER.match(text) is not None


def is_template(text: str) -> bool:
    # A placeholder the site's template failed to fill, with at most a few words around it.
    if _PLACEHOLDER.search(text) is None:
        return False
    return len(words(_PLACEHOLDER.sub(" ", text))) <= 4


def is_placeholder_banner(text: str) -> bool:
    """A short bracketed stand-in for a banner or widget, such as "[ site banner ]"."""
    return text[:1] in "[(<{" and _BRACKETED.match(text) is not None


def is_action_banner(text: str) -> bool:
    """A promotion closed by a call to action ("... - JOIN NOW", "... | Subscribe")."""
    tail = text[-_ACTION_TAIL:]  # calls to action close a banner: only its end is searched
    return bool(_SHOUTED_ACTION.search(tail) or _DASHED_ACTION.search(tail))


def is_ad_label(text: str) -> bool:
    return _AD_LABEL.match(text) is not None


def is_copyright(text: str) -> bool:
    return _COPYRIGHT.search(text) is not None


def source_reason(text: str) -> str | None:
    """`source-link` for bare URLs and "Source: <url>" lines, `credit` for "Source: Name"."""
    if _BARE_URL.match(text):
        return "source-link"
    label = _SOURCE_LABEL.match(text)
    if label is None:
        return None
    rest = text[label.end() :]
    if _URL_LIKE.search(rest):
        return "source-link"
    return "credit" if len(rest.split()) <= 8 and not ends_sentence(rest.rstrip(".")) else None


def is_credit(text: str) -> bool:
    if _CREDIT.search(text):
        return True
    shaped = text.startswith("(") or ";" in text or not ends_sentence(text)
    return shaped and _BARE_CREDIT.match(text) is not None


def is_byline(text: str) -> bool:
    if _DATE_ONLY.match(text):
        return True
    # "By Tuesday, the army had ..." is a sentence: a byline does not end like one.
    return _BYLINE.match(text) is not None and not text.rstrip().endswith((".", "!", "?"))


def is_comment_form(text: str) -> bool:
    return _COMMENT_FORM.search(text) is not None


def is_breadcrumb(text: str) -> bool:
    """Short labels separated by |, ›, », > or /, such as "World | Europe" or "Home › News"."""
    if not any(map(text.__contains__, "|›»>/")):
        return False
    parts = _CRUMB_SEPARATOR.split(text)
    return len(parts) >= 2 and all(0 < len(part.split()) <= 3 for part in parts)


def is_navigation(text: str) -> bool:
    if _NAV_PREFIX.match(text) or is_breadcrumb(text):
        return True
    return _only_vocabulary(text, _NAV_WORDS, _NAV_STRONG, limit=8)


def is_share(text: str) -> bool:
    return _only_vocabulary(text, _SHARE_WORDS, _SHARE_STRONG, limit=8)


def _only_vocabulary(
    text: str, allowed: frozenset[str], strong: frozenset[str], *, limit: int
) -> bool:
    # Short UI strip: every word from the UI vocabulary, at least one unmistakable.
    if ends_sentence(text) and not text.endswith(":"):
        return False
    found = [w.lower() for w in words(text)]
    if not found or len(found) > limit or len(found) < len(text.split()) - 2:
        return False
    return all(w in allowed for w in found) and any(w in strong for w in found)


def is_call_to_action(text: str) -> bool:
    if _CALL_TO_ACTION.search(text) is None:
        return False
    # Sites address the reader; stories report. A full third-person sentence is kept.
    stripped = text.rstrip()
    addressed = _SECOND_PERSON.search(text) is not None or stripped.endswith((":", "!"))
    return addressed or not ends_sentence(stripped)


def is_caption_label(text: str) -> bool:
    return _CAPTION_LABEL.match(text) is not None


def _fragments(listing: str) -> tuple[str, ...]:
    return tuple(listing.split("|"))


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class _Rule:
    reason: str
    most_words: int  # longer blocks are never this furniture: keeps story paragraphs safe
    test: Callable[[str], bool]
    # Lowercase fragments of which one must occur before the (slower) test runs; () = always.
    triggers: tuple[str, ...] = ()


#: Checked in order: the first rule that fires names the block.
_RULES: tuple[_Rule, ...] = (
    _Rule(reason="counter", most_words=3, test=is_counter),
    _Rule(reason="template", most_words=12, test=is_template, triggers=_fragments("[|{{|%|${")),
    _Rule(
        reason="copyright",
        most_words=80,
        test=is_copyright,
        triggers=_fragments("copyright|©|(c)|rights reserved|reprinted|may not be|republished"),
    ),
    _Rule(
        reason="credit",
        most_words=25,
        test=is_credit,
        triggers=_fragments("reporting|writing|editing|research|contribut|compiled|written by"),
    ),
    _Rule(reason="banner", most_words=6, test=is_placeholder_banner),
    _Rule(reason="banner", most_words=6, test=is_ad_label),
    _Rule(
        reason="banner",
        most_words=25,
        test=is_action_banner,
        triggers=_fragments(
            "join|click|subscribe|sign up|learn|apply|register|buy|shop|read more|donate|"
            "started|find out|download"
        ),
    ),
    _Rule(
        reason="comment-form",
        most_words=15,
        test=is_comment_form,
        triggers=_fragments(
            "comment|repl|please|publish|required|save my|notify|name|mail|website|discussion|"
            "conversation"
        ),
    ),
    _Rule(reason="share", most_words=8, test=is_share),
    _Rule(reason="navigation", most_words=30, test=is_navigation),
    _Rule(
        reason="call-to-action",
        most_words=30,
        test=is_call_to_action,
        triggers=_fragments(
            "subscri|newsletter|mailing|inbox|sign|follow us|download|register|become a|support|"
            "donate|click|tap here|cookie|privacy|terms of|delivered|join"
        ),
    ),
    _Rule(reason="byline", most_words=14, test=is_byline),
    _Rule(reason="caption", most_words=25, test=is_caption_label),
)
_SOURCE_WORDS = 25


def furniture_reason(text: str) -> str | None:
    """Why this block is site furniture, or None when it may be story."""
    count = len(text.split())
    if count <= _SOURCE_WORDS:
        reason = source_reason(text)
        if reason is not None:
            return reason
    lower = text.lower()
    for rule in _RULES:
        # Inlined `_Rule.fires`: this loop runs for every block of every article.
        if count > rule.most_words:
            continue
        if rule.triggers and not any(map(lower.__contains__, rule.triggers)):
            continue
        if rule.test(text):
            return rule.reason
    return None
