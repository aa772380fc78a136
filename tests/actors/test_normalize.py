from __future__ import annotations

import pytest

from conflictwatch.actors.normalize import fold, name_key, slug


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("Pashinian", "Pashinyan"),
        ("Mnatsakanian", "Mnatsakanyan"),
        ("Çavuşoğlu", "Cavusoglu"),
        ("Zelenskyy", "Zelensky"),
        ("Aliev", "Aliyev"),
        ("Məmmədyarov", "Mammadyarov"),
    ],
)
def test_spelling_variants_share_a_name_key(variant: str, canonical: str) -> None:
    assert name_key(variant) == name_key(canonical)


def test_fold_and_slug() -> None:
    assert fold("Russia’s Foreign Ministry") == "Russia Foreign Ministry"
    assert fold("U.S. troops") == "US troops"
    assert slug("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"
