"""Signatures, band keys and similarity estimates."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash
from tests.dedup.dedup_support import story_words

from conflictwatch.dedup import BANDS, NUM_PERM, ROWS, THRESHOLD, band_keys, signature, similarity
from conflictwatch.dedup.minhash import SEED, normalized_words, shingle_hashes

STORY = " ".join(story_words(1, 400))


def test_signature_is_fixed_size_and_deterministic() -> None:
    sig = signature(STORY)
    assert len(sig) == NUM_PERM * 8 == 1024
    assert signature(STORY) == sig
    assert BANDS * ROWS == NUM_PERM


def test_normalization_ignores_case_punctuation_and_spacing() -> None:
    plain = "the cease fire held until dawn on tuesday near the border posts"
    noisy = "The  cease-fire held, until DAWN on Tuesday —\n near the border posts!"
    assert normalized_words(noisy) == normalized_words(plain.replace("cease fire", "ceasefire"))
    assert signature(noisy) == signature(plain.replace("cease fire", "ceasefire"))
    assert signature(noisy) != signature(plain)


def test_values_match_datasketch_minhash() -> None:
    hashes = shingle_hashes(STORY)
    assert len(hashes) == 396  # 400 words, 5-word shingles, all distinct
    reference = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine64", hashfunc=lambda v: v)
    reference.update_batch(hashes.tolist())
    assert np.frombuffer(signature(STORY), dtype="<u8").tolist() == reference.hashvalues.tolist()
    other = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine64", hashfunc=lambda v: v)
    other.update_batch(shingle_hashes(" ".join(story_words(1, 300))).tolist())
    assert similarity(signature(STORY), signature(" ".join(story_words(1, 300)))) == pytest.approx(
        reference.jaccard(other)
    )


def test_estimate_is_close_to_the_true_jaccard() -> None:
    words = story_words(2, 900)
    for shift in (0, 60, 150, 300, 600):
        a, b = " ".join(words[:300]), " ".join(words[shift : shift + 300])
        set_a, set_b = set(shingle_hashes(a).tolist()), set(shingle_hashes(b).tolist())
        exact = len(set_a & set_b) / len(set_a | set_b)
        assert abs(similarity(signature(a), signature(b)) - exact) < 0.12, shift


def test_band_keys_change_only_where_the_signature_does() -> None:
    sig = signature(STORY)
    keys = band_keys(sig)
    assert len(keys) == BANDS == len(set(keys))
    assert [key.split(":")[0] for key in keys] == [f"b{n}" for n in range(BANDS)]
    assert all(len(key) <= 64 for key in keys)
    values = np.frombuffer(sig, dtype="<u8").copy()
    values[ROWS * 5] ^= np.uint64(1)  # first value of band 5
    changed = band_keys(values.tobytes())
    assert [n for n in range(BANDS) if keys[n] != changed[n]] == [5]


def test_similarity_edges() -> None:
    assert similarity(signature(STORY), signature(STORY)) == 1.0
    assert similarity(signature(""), signature("")) == 0.0  # no words: nothing to be a copy of
    assert similarity(signature("!!! ..."), signature(STORY)) == 0.0
    assert similarity(signature("short text"), signature("Short, text.")) == 1.0
    with pytest.raises(ValueError, match="128 values"):
        similarity(b"\x00" * 16, signature(STORY))


def test_different_seed_stories_are_far_apart(seeds_dir: Path) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))]
    sigs = [signature(text) for text in texts]
    for i, first in enumerate(sigs):
        for second in sigs[i + 1 :]:
            assert similarity(first, second) < 0.1 < THRESHOLD
