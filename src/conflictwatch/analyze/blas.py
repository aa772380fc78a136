"""Matrix products through NumPy's OpenBLAS, on one thread, instead of thinc's bundled BLIS.

Most of the parse's arithmetic is matrix products: the two tok2vec encoders (the shared one and the
named-entity recognizer's own) and the input layers of the parser and the recognizer. thinc's
`NumpyOps` sends them to its bundled BLIS, which on CPUs it has no tuned kernels for runs generic
reference code: on the 2-core bench machine a (5000×288)·(288×288) product ran at 32 GFLOP/s there
and at 90 GFLOP/s through NumPy's OpenBLAS (CPU time, one thread each). `NumpyOps(use_blis=False)`
is thinc's own switch to NumPy's `dot`; the annotations stay the same (tests compare them with the
stock pipeline's).

OpenBLAS splits a large product over every core. The extractor already runs one worker process per
core, so those threads only compete with the other workers and spin while they wait: with them, the
parse of the bench's relevant sentences cost 0.073 CPU s/article; on one thread 0.049 (BLIS: 0.065).
So the process's OpenBLAS is set to one thread when the pipeline loads.
"""

from __future__ import annotations

import ctypes
import logging
from pathlib import Path

from spacy.language import Language
from thinc.api import Model, NumpyOps

log = logging.getLogger(__name__)

#: The thread-count setters of the OpenBLAS builds NumPy ships or links (64-bit-integer builds
#: carry a suffix), tried in turn.
_SET_THREADS = (
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)
_MAPS = Path("/proc/self/maps")


def use_numpy_matrix_products(nlp: Language) -> Language:
    """Point every model of the pipeline at NumPy's matrix products, in place.

    Only models on thinc's plain CPU ops are switched: GPU ops and platform-tuned subclasses (Apple's)
    are better than either, and are left alone.
    """
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if not isinstance(model, Model):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
    single_threaded_blas()
    return nlp


def single_threaded_blas() -> int:
    """Set every OpenBLAS loaded in this process (and the processes it forks) to one thread.

    NumPy and SciPy each bring their own copy. Returns how many took the setting: 0 when none is
    found (another platform or BLAS), which leaves the process as it was.
    """
    done = 0
    for library in _loaded_openblas():
        try:
            handle = ctypes.CDLL(str(library))
        except OSError:
            continue
        setter = next((getattr(handle, n) for n in _SET_THREADS if hasattr(handle, n)), None)
        if setter is not None:
            setter.argtypes = [ctypes.c_int]
            setter.restype = None
            setter(1)
            done += 1
    if not done:
        log.debug("no OpenBLAS found in this process; its thread count is left as it is")
    return done


def _loaded_openblas() -> list[Path]:
    """Paths of the shared libraries named like OpenBLAS that this process has mapped (Linux)."""
    try:
        maps = _MAPS.read_text()
    except OSError:
        return []
    found: list[Path] = []
    for line in maps.splitlines():
        fields = line.split(maxsplit=5)
        if len(fields) < 6:
            continue
        path = Path(fields[5].strip())
        if "openblas" in path.name.lower() and ".so" in path.name and path not in found:
            found.append(path)
    return found
