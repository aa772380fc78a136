"""The pipeline's models multiply matrices through NumPy's OpenBLAS, on one thread."""

from __future__ import annotations

import ctypes

import numpy
import pytest
import spacy
from spacy.pipeline import Tok2Vec
from thinc.api import Model, NumpyOps

from conflictwatch.analyze import load_pipeline
from conflictwatch.analyze.blas import (
    _loaded_openblas,
    single_threaded_blas,
    use_numpy_matrix_products,
)
from conflictwatch.analyze.entities import STOCK_NER

_GET_THREADS = (
    "scipy_openblas_get_num_threads64_",
    "scipy_openblas_get_num_threads",
    "openblas_get_num_threads64_",
    "openblas_get_num_threads",
)


class _TunedOps(NumpyOps):  # type: ignore[misc]
    """Stands for a platform's own ops (Apple's), which must be left in place."""


def test_every_model_of_the_loaded_pipeline_skips_blis() -> None:
    nlp = load_pipeline()
    for name in ("tok2vec", "tagger", "parser", STOCK_NER):  # the recognizer's model, as loaded
        model = nlp.get_pipe(name).model  # type: ignore[attr-defined]
        assert isinstance(model, Model)
        for node in model.walk():
            assert isinstance(node.ops, NumpyOps)
            assert node.ops.use_blis is False


def test_matrix_products_agree_with_blis() -> None:
    rng = numpy.random.default_rng(7)
    x = rng.standard_normal((300, 96), dtype=numpy.float32)
    w = rng.standard_normal((288, 96), dtype=numpy.float32)
    with_blis = NumpyOps().gemm(x, w, trans2=True)
    with_numpy = NumpyOps(use_blis=False).gemm(x, w, trans2=True)
    assert with_numpy.shape == (300, 288)
    assert numpy.allclose(with_numpy, with_blis, rtol=1e-4, atol=1e-4)


def test_other_ops_are_left_alone() -> None:
    nlp = spacy.blank("en")
    tok2vec = nlp.add_pipe("tok2vec")
    nlp.initialize()
    assert isinstance(tok2vec, Tok2Vec)
    tuned = _TunedOps()
    for node in tok2vec.model.walk():
        node.ops = tuned
    use_numpy_matrix_products(nlp)
    assert all(node.ops is tuned for node in tok2vec.model.walk())


def test_loaded_openblas_runs_on_one_thread() -> None:
    libraries = _loaded_openblas()
    if not libraries:
        pytest.skip("this NumPy links no OpenBLAS")
    assert single_threaded_blas() >= 1
    for library in libraries:
        handle = ctypes.CDLL(str(library))
        getter = next((getattr(handle, n) for n in _GET_THREADS if hasattr(handle, n)), None)
        if getter is not None:
            assert getter() == 1
