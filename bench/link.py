"""Linking speed: synthetic event mentions -> frames -> same-event links -> incidents, on one core.

Builds `--mentions` synthetic mentions (default 100,000): events spread over three years and forty
countries, each reported by one to three articles of a few sentences, with names, places, dates and
casualty figures. Times frame building, blocking and linking (connected components of same-event
links), and assembling incidents; checks how many of the true events came out as one incident.
Last line of output: one JSON object with the figures.

    python bench/link.py [--mentions 100000] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from conflictwatch.link.candidates import link_frames, makes_incident  # noqa: E402
from conflictwatch.link.frames import build_frames  # noqa: E402
from conflictwatch.link.incidents import assemble_incident  # noqa: E402
from conflictwatch.model import (  # noqa: E402
    Casualty,
    CasualtyKind,
    DatePrecision,
    Evidence,
    Mention,
    Modality,
    PlaceRef,
    Population,
    TimeSpan,
)

COUNTRIES = [
    ("AF", 34.5, 69.2),
    ("IQ", 33.3, 44.4),
    ("SY", 34.8, 38.9),
    ("YE", 15.4, 44.2),
    ("SO", 2.0, 45.3),
    ("ML", 12.6, -8.0),
    ("NG", 9.1, 7.5),
    ("CD", -4.3, 15.3),
    ("SS", 4.9, 31.6),
    ("SD", 15.5, 32.5),
    ("ET", 9.0, 38.7),
    ("LY", 32.9, 13.2),
    ("UA", 50.4, 30.5),
    ("AM", 40.2, 44.5),
    ("AZ", 40.4, 49.9),
    ("MM", 19.7, 96.1),
    ("PK", 33.7, 73.1),
    ("IN", 28.6, 77.2),
    ("CO", 4.7, -74.1),
    ("MX", 19.4, -99.1),
    ("US", 39.8, -98.6),
    ("BF", 12.4, -1.5),
    ("NE", 13.5, 2.1),
    ("CM", 3.9, 11.5),
    ("MZ", -25.9, 32.6),
    ("PH", 14.6, 121.0),
    ("TH", 13.8, 100.5),
    ("EG", 30.0, 31.2),
    ("LB", 33.9, 35.5),
    ("IL", 31.8, 35.2),
    ("PS", 31.9, 35.2),
    ("TR", 39.9, 32.9),
    ("IR", 35.7, 51.4),
    ("SA", 24.7, 46.7),
    ("KE", -1.3, 36.8),
    ("CF", 4.4, 18.6),
    ("TD", 12.1, 15.0),
    ("HT", 18.5, -72.3),
    ("VE", 10.5, -66.9),
    ("BR", -15.8, -47.9),
]
START = dt.date(2020, 1, 1)
DAYS = 3 * 365


def synthetic(
    count: int, rng: random.Random
) -> tuple[list[Mention], dict[str, dt.date], dict[str, int]]:
    """Mentions, each document's publication date, and each document's true event."""
    mentions: list[Mention] = []
    published: dict[str, dt.date] = {}
    truth: dict[str, int] = {}
    event = 0
    while len(mentions) < count:
        event += 1
        country, lat, lon = rng.choice(COUNTRIES)
        plat, plon = lat + rng.uniform(-2, 2), lon + rng.uniform(-2, 2)
        day = START + dt.timedelta(days=rng.randrange(DAYS))
        killed = rng.randrange(1, 30)
        names = f"Commander Vol{event} and Ake{event % 9973} near Town{event}"
        for report in range(rng.randint(1, 3)):
            doc_id = f"d{event}-{report}"
            published[doc_id] = day + dt.timedelta(days=rng.randint(0, 2))
            truth[doc_id] = event
            for sentence in range(rng.randint(2, 4)):
                mentions.append(_mention(doc_id, sentence, names, day, country, plat, plon, killed))
    return mentions[:count], published, truth


def _mention(
    doc_id: str, n: int, names: str, day: dt.date, country: str, lat: float, lon: float, killed: int
) -> Mention:
    text = f"Fighting led by {names} killed {killed} people on that day, officials said."
    start = n * 200
    place = PlaceRef(
        id=f"p{lat:.2f}",
        name="Town",
        text="Town",
        lat=lat,
        lon=lon,
        admin1=None,
        country=country,
        precision=1,
    )
    figure = Casualty(
        kind=CasualtyKind.KILLED,
        min=killed,
        max=killed,
        population=Population.UNKNOWN,
        side=None,
        cumulative=False,
        hedged=False,
        text=f"killed {killed} people",
        start=start + 40,
        end=start + 60,
    )
    return Mention(
        id=f"{doc_id}:{n}",
        doc_id=doc_id,
        type="FIGHT" if n % 2 else "ASSAULT",
        mode=None,
        acled_event_type=None,
        acled_sub_event_type=None,
        agent=None,
        target=None,
        claimant=None,
        trigger="Fighting",
        weapons=(),
        modality=Modality.ASSERTED,
        background=False,
        date=TimeSpan(
            value=day.isoformat(),
            start=day,
            end=day,
            precision=DatePrecision.DAY,
            text="on that day",
        ),
        places=(place,),
        casualties=(figure,),
        confidence=0.8,
        evidence=Evidence(doc_id=doc_id, start=start, end=start + len(text), text=text),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    mentions, published, truth = synthetic(args.mentions, random.Random(args.seed))
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_doc[mention.doc_id].append(mention)

    started = time.process_time()
    frames = [f for d in sorted(by_doc) for f in build_frames(by_doc[d], published=published[d])]
    framed = time.process_time()
    groups = link_frames(frames)
    linked = time.process_time()
    incidents = [assemble_incident(g) for g in groups if makes_incident(g)]
    assembled = time.process_time()

    events_whole = sum(1 for i in incidents if len({truth[d] for d in i.documents}) == 1)
    events = len(set(truth.values()))
    result = {
        "mentions": len(mentions),
        "documents": len(by_doc),
        "true_events": events,
        "frames": len(frames),
        "incidents": len(incidents),
        "pure_incidents": events_whole,
        "frames_seconds": round(framed - started, 2),
        "link_seconds": round(linked - framed, 2),
        "assemble_seconds": round(assembled - linked, 2),
        "total_cpu_seconds": round(assembled - started, 2),
        "mentions_per_second": round(len(mentions) / max(assembled - started, 1e-9)),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(f"linked {len(mentions):,} mentions in {result['total_cpu_seconds']} s CPU (one core)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
