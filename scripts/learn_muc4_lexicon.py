"""Learn MUC-4 role-filler lexicons from the TRAIN split only, written as data for extract/templates.py.

For each role and each gold filler string (and, for Target and Victim, each filler's last word, its head),
count the training documents whose templates hold it (`gold_docs`) and the documents whose text contains
it (`text_docs`); `weight = gold_docs / text_docs` says how often seeing it means it fills the role.

Usage: .venv/bin/python scripts/learn_muc4_lexicon.py ../shared/benchmarks/muc4/processed/train.json
Writes src/conflictwatch/data/muc4_lexicon.tsv.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from conflictwatch.analyze.nlp import load_pipeline

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
PHRASE_ROLES = ("PerpOrg", "Weapon")  # named organisations and weapon terms are kept whole
HEAD_ROLES = ("PerpInd", "Target")  # for people and things only the head noun carries over
MIN_GOLD_DOCS = {"phrase": 2, "head": 3}
MIN_WEIGHT = {"phrase": 0.15, "head": 0.0}  # heads only say what kind of thing a phrase names
_POSTMODIFIER = re.compile(r" (?:of|in|on|with|wearing|dressed|who|from|riding|aboard) ")
_INDEX = load_pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
_NOUNS: set[str] = set(_INDEX["noun"])
_ADJECTIVES: set[str] = set(_INDEX["adj"])
OUT = Path(__file__).resolve().parents[1] / "src/conflictwatch/data/muc4_lexicon.tsv"
SOURCE = "learned from MUC-4 train.json (xinyadu/gtt processed, commit d829ed8)"


def clean(mention: str) -> str:
    words = re.sub(r"[^\w\s'-]", " ", mention.lower()).split()
    while words and words[0] in {"a", "an", "the"}:
        words = words[1:]
    return " ".join(words)


def gold_entries(doc: dict[str, object]) -> set[tuple[str, str, str]]:
    entries: set[tuple[str, str, str]] = set()
    for template in doc["templates"]:  # type: ignore[attr-defined]
        for role in ROLES:
            for entity in template[role]:
                for mention, _offset in entity:
                    text = clean(mention)
                    if not text or any(ch.isdigit() for ch in text):
                        continue
                    if role in PHRASE_ROLES:
                        entries.add((role, "phrase", text))
                    elif role in HEAD_ROLES and is_common_noun(head_of(text)):
                        entries.add((role, "head", head_of(text)))
    return entries


def head_of(phrase: str) -> str:
    """The last word before any post-modifier: "men in uniform" -> "men"."""
    return _POSTMODIFIER.split(f" {phrase} ", maxsplit=1)[0].split()[-1]


def is_common_noun(word: str) -> bool:
    """A word in spaCy's English noun index (names of people are left out of the lexicon)."""
    singular = word[:-3] + "man" if word.endswith("men") else word.rstrip("s")
    return word in _NOUNS or singular in _NOUNS


def occurs(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text) is not None


def title_words(docs: list[dict[str, object]]) -> Counter[str]:
    """Words written just before a named victim ("candidate", "father"): titles to strip from names."""
    counts: Counter[str] = Counter()
    for doc in docs:
        text = str(doc["doctext"])
        names = {
            clean(mention)
            for template in doc["templates"]  # type: ignore[attr-defined]
            for entity in template["Victim"]
            for mention, _offset in entity
        }
        words: set[str] = set()
        for name in filter(None, names):
            for match in re.finditer(rf"([a-z]+)\.? {re.escape(name)}(?![\w-])", text):
                words.add(match.group(1))
        counts.update(w for w in words if w not in STOP_WORDS and (w in _NOUNS or w in _ADJECTIVES))
    return counts


def given_names(docs: list[dict[str, object]]) -> Counter[str]:
    """First words of named victims ("carlos", "hector"): where a name starts after a title."""
    counts: Counter[str] = Counter()
    for doc in docs:
        words = {
            clean(mention).split()[0]
            for template in doc["templates"]  # type: ignore[attr-defined]
            for entity in template["Victim"]
            for mention, _offset in entity
            if len(clean(mention).split()) >= 2
        }
        counts.update(w for w in words if w.isalpha() and w not in STOP_WORDS)
    return counts


def main(train: Path) -> None:
    docs = [json.loads(line) for line in train.read_text(encoding="utf-8").splitlines() if line]
    gold: Counter[tuple[str, str, str]] = Counter()
    for doc in docs:
        gold.update(gold_entries(doc))
    rows = []
    for (role, kind, text), gold_docs in gold.items():
        if gold_docs < MIN_GOLD_DOCS[kind]:
            continue
        text_docs = sum(occurs(doc["doctext"], text) for doc in docs)
        weight = gold_docs / max(text_docs, gold_docs)
        if weight >= MIN_WEIGHT[kind]:
            rows.append((role, kind, text, gold_docs, text_docs, weight))
    for word, count in title_words(docs).items():
        if count >= MIN_GOLD_DOCS["head"]:
            rows.append(("Title", "word", word, count, 0, 1.0))
    for word, count in given_names(docs).items():
        if count >= MIN_GOLD_DOCS["phrase"]:
            rows.append(("GivenName", "word", word, count, 0, 1.0))
    rows.sort(key=lambda r: (r[0], r[1], -r[3], r[2]))
    lines = ["role\tkind\ttext\tgold_docs\ttext_docs\tweight\tsource"]
    lines += [f"{r}\t{k}\t{t}\t{g}\t{n}\t{w:.3f}\t{SOURCE}" for r, k, t, g, n, w in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
