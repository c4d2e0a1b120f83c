"""The model's matrix products through numpy's OpenBLAS in one thread, instead of thinc's BLIS.

thinc's ``NumpyOps`` multiplies matrices with BLIS. On the tok2vec's shapes (a few thousand
tokens by 288 by 288, the maxout layers that are most of the model's cost) BLIS's kernels took
three times the CPU of the OpenBLAS that numpy ships, in one thread, on the benchmark machine
(benchmarks/README.md). The two give the same annotations: every token's tag, morphology,
dependency, head and entity on the benchmark's 800 sections in English and French, and the same
tables on every golden input set. The transition-based parser's own C loop keeps BLIS (it does
not go through ``Ops.gemm``).

OpenBLAS is set to one thread for the process: with two on a shared 2-CPU machine it spent more
CPU than BLIS (threads spinning for each other), and a run's parallelism is its worker
processes. Where the thread count cannot be set (numpy built on another BLAS), the model keeps
BLIS: ``use_numpy_gemm`` returns False.
"""

from __future__ import annotations

import ctypes
from functools import cache
from pathlib import Path

import numpy
from spacy.language import Language
from thinc.api import NumpyOps

# The names of OpenBLAS's thread setter: numpy's wheels (64-bit integers, prefixed), then a
# plain build.
_SET_THREADS = (
    "scipy_openblas_set_num_threads64_",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)


def _openblas_libraries() -> list[Path]:
    """The OpenBLAS libraries bundled with numpy (``numpy.libs`` beside the package)."""
    bundled = Path(numpy.__file__).resolve().parent.parent / "numpy.libs"
    return sorted(bundled.glob("*openblas*.so*")) if bundled.is_dir() else []


@cache
def single_threaded_blas() -> bool:
    """Set numpy's OpenBLAS to one thread in this process; False when it cannot be found."""
    for path in _openblas_libraries():
        try:
            library = ctypes.CDLL(str(path))
        except OSError:
            continue
        for name in _SET_THREADS:
            setter = getattr(library, name, None)
            if setter is not None:
                setter(1)
                return True
    return False


def use_numpy_gemm(nlp: Language) -> bool:
    """Let every layer of ``nlp``'s trained components multiply through numpy (one thread);
    False (BLIS kept) when numpy's OpenBLAS cannot be set to one thread."""
    if not single_threaded_blas():
        return False
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if isinstance(layer.ops, NumpyOps):
                layer.ops = ops
    return True
