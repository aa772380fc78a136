"""GVDB scorer: per-article killed and injured counts, city and date (benchmarks/gvdb/README.md).

Gold, from the `Json` column of `<split>.tsv`:
- killed: victims whose `victim-was` contains "killed";
- injured: the other victims whose `victim-was` contains "injured" or "hospitalized";
- city: `date-and-time.city.value` (articles with an empty gold city are left out of city_acc);
- date: `date-and-time.date` (articles without one are left out of date_acc).

Metrics: killed_exact and injured_exact (share of articles whose count is exactly right),
killed_mae and injured_mae (mean absolute error, in victims per article: not a fraction),
city_acc (predicted city equals the gold city after case and punctuation folding, or one is the
other plus leading/trailing words, e.g. "West Philadelphia" / "Philadelphia") and date_acc
(exact day).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from conflictwatch.evaluate.result import EvalResult
from conflictwatch.extract.casualties import count_article_casualties
from conflictwatch.geo import Gazetteer, Toponym, build, geocode_text, load_gazetteer
from conflictwatch.model import PlaceRef
from conflictwatch.timex import find_timexes

__all__ = ["ArticlePrediction", "GoldArticle", "load_split", "predict_article", "score"]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class GoldArticle:
    id: str
    url: str
    title: str
    text: str
    killed: int
    injured: int
    city: str | None
    date: dt.date | None


def _gold_date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", value)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _gold_counts(victims: object) -> tuple[int, int]:
    killed = injured = 0
    for victim in victims if isinstance(victims, list) else []:
        outcome = victim.get("victim-was", []) if isinstance(victim, dict) else []
        if "killed" in outcome:
            killed += 1
        elif "injured" in outcome or "hospitalized" in outcome:
            injured += 1
    return killed, injured


def _gold_article(row: dict[str, str]) -> GoldArticle | None:
    try:
        gold: dict[str, Any] = json.loads(row.get("Json") or "{}")
    except json.JSONDecodeError:
        return None
    when = gold.get("date-and-time") or {}
    city_field = when.get("city") if isinstance(when, dict) else None
    city = city_field.get("value") if isinstance(city_field, dict) else None
    killed, injured = _gold_counts(gold.get("victim-section"))
    return GoldArticle(
        id=row.get("Article id", ""),
        url=row.get("Article url", ""),
        title=row.get("Article title", ""),
        text=row.get("Full text", ""),
        killed=killed,
        injured=injured,
        city=city.strip() if isinstance(city, str) and city.strip() else None,
        date=_gold_date(when.get("date") if isinstance(when, dict) else None),
    )


def load_split(data: Path, split: str) -> Iterator[GoldArticle]:
    """The articles of `<data>/<split>.tsv` (or `data` itself when it is the TSV file)."""
    path = data if data.is_file() else data / f"{split}.tsv"
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            article = _gold_article(row)
            if article is not None:
                yield article


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ArticlePrediction:
    """What the system says about one shooting article."""

    killed: int
    injured: int
    city: str | None
    date: dt.date | None


#: How much of an article the city and date are looked for in: headline, dateline and lead.
LEAD_CHARS = 1500
#: A dateline: "DETROIT (WXYZ) -", "INDIANAPOLIS, Ind. (", "ROCKFORD —" at the start of a paragraph.
_DATELINE = re.compile(
    r"(?:^|\n)\s*(?P<city>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})"
    r"(?=\s*(?:,\s*[A-Z][A-Za-z.]+\s*)?(?:\(|[-–—]|,))"
)
#: A dateline inside the first lines: "Associated Press MEMPHIS, Tenn. (AP)", "(Cincinnati, OH)--".
_INLINE_DATELINE = re.compile(
    r"\b(?P<city>[A-Z]{3,}(?: [A-Z]{2,}){0,2}),\s*[A-Z][A-Za-z.]{1,5}\s*\((?:AP|[A-Z]{3,5})\)"
    r"|\((?P<paren>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}),\s*[A-Z]{2}\)\s*[-–—]"
)
#: Only the first characters of a story name its city; later places are often neighbourhoods.
CITY_WINDOW = 300
_NOT_CITIES = {"UPDATE", "BREAKING", "VIDEO", "PHOTOS", "WATCH", "LIVE", "POLICE", "AP", "CNN"}


def predict_article(text: str, *, published: dt.date | None) -> ArticlePrediction:
    """Killed and injured counts of the article's main incident, its city and its date."""
    counts = count_article_casualties(text)
    lead = text[:LEAD_CHARS]
    return ArticlePrediction(
        killed=counts.killed,
        injured=counts.injured,
        city=predict_city(lead),
        date=predict_date(lead, published=published),
    )


def predict_city(lead: str) -> str | None:
    """The city of the story: its dateline if it has one, else the most populous city-level place
    named near the start (a neighbourhood is named beside its city, rarely instead of it)."""
    dateline = _dateline_city(lead)
    if dateline is not None:
        return dateline
    try:
        toponyms = geocode_text(lead)
        gazetteer = load_gazetteer()
    except (OSError, ValueError):
        return None
    cities = [t.place for t in toponyms if t.is_location and _is_city(t, gazetteer)]
    early = [
        t.place
        for t in toponyms
        if t.is_location and _is_city(t, gazetteer) and t.start < CITY_WINDOW
    ]
    pool = [p for p in (early or cities) if p is not None]
    if not pool:
        return None
    return max(pool, key=lambda place: _population(gazetteer, place)).name


def _dateline_city(lead: str) -> str | None:
    for match in _DATELINE.finditer(lead):
        name = match["city"].strip(" .-")
        if len(name) > 2 and name not in _NOT_CITIES:
            return name.title()
    inline = _INLINE_DATELINE.search(lead[:CITY_WINDOW])
    if inline is not None:
        return (inline["city"] or inline["paren"]).title()
    return None


def _is_city(toponym: Toponym, gazetteer: Gazetteer) -> bool:
    """A town named as such: not a region, and not a town standing in for an unknown name (a
    town named as near, "near Heavener", is still the story's town)."""
    place = toponym.place
    if place is None or place.id is None or toponym.approximate:
        return False
    index = gazetteer.index_of(place.id)
    return index is not None and int(gazetteer.kind[index]) == build.CITY


def _population(gazetteer: Gazetteer, place: PlaceRef) -> int:
    index = gazetteer.index_of(place.id) if place.id else None
    return int(gazetteer.population[index]) if index is not None else 0


def predict_date(lead: str, *, published: dt.date | None) -> dt.date | None:
    """The day of the incident: the first day-precise date of the lead, resolved against the
    publication date (or, lacking one, against the first full date the text writes); else the
    publication date itself."""
    anchor = published or _first_full_date(lead)
    try:
        timexes = find_timexes(lead, anchor=anchor)
    except (ValueError, OverflowError):
        return published
    for timex in timexes:
        span = timex.span
        if span is None or span.start is None or span.start != span.end or timex.mod:
            continue
        if timex.value.startswith(("PRESENT", "FUTURE")) or timex.tense == "future":
            continue
        return span.start
    return published


def _first_full_date(text: str) -> dt.date | None:
    try:
        timexes = find_timexes(text, anchor=None)
    except (ValueError, OverflowError):
        return None
    for timex in timexes:
        if re.fullmatch(r"\d{4}-\d\d-\d\d(?:T.*)?", timex.value) and timex.span is not None:
            return timex.span.start
    return None


def published_from_url(url: str) -> dt.date | None:
    """A publication date written into an article's URL (/2015/12/02/, 20151202), if any."""
    match = re.search(r"(20\d\d|19\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)", url)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _body_text(article: GoldArticle) -> str:
    """The TSV glues the title to the story ("...west sideDETROIT (WXYZ)"): part them again."""
    title = article.title.strip()
    if title and article.text.startswith(title):
        return f"{title}\n\n{article.text[len(title) :]}"
    return article.text


def _fold_city(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", name.lower()).split())


def city_matches(predicted: str | None, gold: str) -> bool:
    """Equal after folding, or one is the other with whole words added ("West Philadelphia")."""
    if not predicted:
        return False
    guess, truth = _fold_city(predicted), _fold_city(gold)
    if not guess or not truth:
        return False
    return guess == truth or f" {guess} " in f" {truth} " or f" {truth} " in f" {guess} "


def score(data: Path, split: str | None, **options: object) -> EvalResult:
    """Score killed/injured counts, city and date on `<data>/<split>.tsv` (default split: dev).

    Option `limit=N` scores only the first N articles (quick checks).
    """
    split = split or "dev"
    if split not in {"dev", "train"}:
        raise ValueError(f"gvdb: only train/dev splits are scored here, not {split!r}")
    limit = options.get("limit")
    articles = list(load_split(data, split))
    if isinstance(limit, int) and limit > 0:
        articles = articles[:limit]
    killed_hits = injured_hits = city_hits = city_n = date_hits = date_n = 0
    killed_err = injured_err = 0
    misses: list[dict[str, Any]] = []
    for article in articles:
        guess = predict_article(_body_text(article), published=published_from_url(article.url))
        killed_hits += guess.killed == article.killed
        injured_hits += guess.injured == article.injured
        killed_err += abs(guess.killed - article.killed)
        injured_err += abs(guess.injured - article.injured)
        if article.city is not None:
            city_n += 1
            city_hits += city_matches(guess.city, article.city)
        if article.date is not None:
            date_n += 1
            date_hits += guess.date == article.date
        if guess.killed != article.killed and len(misses) < 50:
            misses.append({"id": article.id, "gold": article.killed, "predicted": guess.killed})
    n = len(articles)
    metrics = {
        "killed_exact": killed_hits / n if n else 0.0,
        "injured_exact": injured_hits / n if n else 0.0,
        "killed_mae": killed_err / n if n else 0.0,
        "injured_mae": injured_err / n if n else 0.0,
        "city_acc": city_hits / city_n if city_n else 0.0,
        "date_acc": date_hits / date_n if date_n else 0.0,
    }
    details = {"city_n": city_n, "date_n": date_n, "killed_misses": misses}
    return EvalResult(benchmark="gvdb", split=split, n=n, metrics=metrics, details=details)
