"""MinHash signatures of article text, their LSH band keys and estimated Jaccard similarity.

A signature is datasketch's "affine64" MinHash of the set of word 5-shingles of the normalized
text: each shingle hash is pre-mixed with the MurmurHash3 64-bit finalizer, then put through
NUM_PERM affine permutations h -> a*h + b (mod 2**64) whose parameters datasketch draws from SEED,
and the minimum per permutation is kept. The values are exactly those of
`datasketch.MinHash(scheme="affine64").update_batch` (a test checks it); the permutation step is
done here in cache-sized chunks because datasketch's one big temporary matrix per document made
signing about five times slower.

Banding: BANDS bands of ROWS values. Two texts of Jaccard similarity s share at least one band
with probability 1 - (1 - s**ROWS)**BANDS: 0.9998 at THRESHOLD (0.7), 0.99 at 0.6, 0.87 at 0.5
and 0.23 at 0.3, so pairs at the threshold are found, and the few lower-similarity candidates
that also come back are dropped by comparing full signatures.
"""

from __future__ import annotations

import functools
import hashlib
import re

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32
ROWS = 4
THRESHOLD = 0.7  # estimated Jaccard similarity of 5-shingle sets at which two texts are one story
SEED = 20201110  # fixed: signatures are stored, so they must not change between runs
SHINGLE_WORDS = 5

assert BANDS * ROWS == NUM_PERM

_UINT64 = np.dtype("<u8")
_EMPTY_VALUE = np.uint64(2**64 - 1)  # the value of a permutation no shingle has reached
_PUNCTUATION = re.compile(r"[^\w\s]|_")
_SHINGLE_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant: word order changes the hash
_CHUNK_ROWS = 64  # shingles per permutation step: 64 x 128 uint64 = 64 KiB, stays in cache

_PERM_A, _PERM_B = (
    np.asarray(p, dtype=np.uint64).reshape(1, NUM_PERM)
    for p in MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine64").permutations
)


def normalized_words(text: str) -> list[str]:
    """Lowercased words with punctuation dropped ("cease-fire" and "ceasefire" agree)."""
    return _PUNCTUATION.sub("", text.lower()).split()


@functools.lru_cache(maxsize=1 << 17)
def _word_hash(word: str) -> int:
    # Cached: news vocabulary repeats heavily across articles, hashing each word once is cheap.
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct 64-bit hashes of the word 5-shingles of `text` (one shingle if it is shorter)."""
    words = normalized_words(text)
    if not words:
        return np.empty(0, dtype=np.uint64)
    word_hashes = np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))
    count = max(1, len(words) - SHINGLE_WORDS + 1)
    combined = word_hashes[:count].copy()
    for offset in range(1, min(SHINGLE_WORDS, len(words))):
        combined *= _SHINGLE_MIX
        combined ^= word_hashes[offset : offset + count]
    return np.unique(combined)


def _fmix64(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finalizer, as datasketch applies it before its permutations."""
    mixed: np.ndarray = values ^ (values >> np.uint64(33))
    mixed *= np.uint64(0xFF51AFD7ED558CCD)
    mixed ^= mixed >> np.uint64(33)
    mixed *= np.uint64(0xC4CEB9FE1A85EC53)
    mixed ^= mixed >> np.uint64(33)
    return mixed


def minhash_values(hashes: np.ndarray) -> np.ndarray:
    """The NUM_PERM minimum permuted values of `hashes` (uint64)."""
    minimum = np.full(NUM_PERM, _EMPTY_VALUE, dtype=np.uint64)
    mixed = _fmix64(hashes.astype(np.uint64)).reshape(-1, 1)
    scratch = np.empty((_CHUNK_ROWS, NUM_PERM), dtype=np.uint64)
    for start in range(0, len(mixed), _CHUNK_ROWS):
        chunk = mixed[start : start + _CHUNK_ROWS]
        permuted = scratch[: len(chunk)]
        np.multiply(chunk, _PERM_A, out=permuted)
        np.add(permuted, _PERM_B, out=permuted)
        np.minimum(minimum, permuted.min(axis=0), out=minimum)
    return minimum


def signature(text: str) -> bytes:
    """The MinHash signature of `text`: NUM_PERM little-endian uint64 values (1 KiB)."""
    return minhash_values(shingle_hashes(text)).astype(_UINT64).tobytes()


def signature_values(sig: bytes) -> np.ndarray:
    values = np.frombuffer(sig, dtype=_UINT64)
    if len(values) != NUM_PERM:
        raise ValueError(f"a signature holds {NUM_PERM} values, this one {len(values)}")
    return values


def band_keys(sig: bytes) -> list[str]:
    """One key per band, "b{index}:" + a short hash of the band's bytes; equal bands, equal keys."""
    width = ROWS * _UINT64.itemsize
    signature_values(sig)  # validates the length
    return [
        f"b{band}:"
        + hashlib.blake2b(sig[band * width : (band + 1) * width], digest_size=8).hexdigest()
        for band in range(BANDS)
    ]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two shingle sets (0.0 when either text had no words)."""
    values_a, values_b = signature_values(a), signature_values(b)
    if bool(np.all(values_a == _EMPTY_VALUE)) or bool(np.all(values_b == _EMPTY_VALUE)):
        return 0.0
    return float(np.count_nonzero(values_a == values_b)) / NUM_PERM
