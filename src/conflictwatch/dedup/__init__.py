"""Near-duplicate grouping: MinHash signatures, LSH band keys and order-independent groups.

Per document the pipeline does::

    sig = signature(doc.text)
    bands = band_keys(sig)
    cands = store.near_duplicate_candidates(bands, exclude=doc.id)
    plan = plan_group(doc.id, doc.published.value, sig, cands, store.duplicate_group)
    store.save_document(replace(doc, duplicate_of=plan.duplicate_of), signature=sig, bands=bands,
                        repoint=plan.repoint)
"""

from __future__ import annotations

from .grouping import DuplicatePlan, plan_group
from .minhash import BANDS, NUM_PERM, ROWS, THRESHOLD, band_keys, signature, similarity

__all__ = [
    "BANDS",
    "NUM_PERM",
    "ROWS",
    "THRESHOLD",
    "DuplicatePlan",
    "band_keys",
    "plan_group",
    "signature",
    "similarity",
]
