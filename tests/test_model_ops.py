"""The model's matrix products through numpy's OpenBLAS in one thread: the same annotations as
with thinc's BLIS (``pipeline.extract.model_ops``)."""

from __future__ import annotations

import ctypes

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, MORPH, POS, TAG
from thinc.api import NumpyOps

from pipeline.core.settings import DEFAULT_MODEL
from pipeline.extract.model_ops import _openblas_libraries, single_threaded_blas, use_numpy_gemm

COLUMNS = [TAG, POS, MORPH, DEP, HEAD, ENT_IOB, ENT_TYPE]
TEXTS = [
    "The Coastal Alliance met in Mombasa, Kenya, on 14 June 2021 with 85 fishers.",
    "Dr. Halima Osei of the Ministry of Water said the wells would reach 3,400 households.",
    "2. TRAINING IN LILONGWE\n\nForty nurses finished the course; the next one starts in May.",
    "",
]


def _layers_ops(nlp: spacy.language.Language) -> list[object]:
    models = [getattr(pipe, "model", None) for _, pipe in nlp.pipeline]
    return [layer.ops for model in models if hasattr(model, "walk") for layer in model.walk()]


def test_the_loaded_model_multiplies_through_numpy_in_one_thread(nlp) -> None:
    if not single_threaded_blas():
        pytest.skip("numpy is not built on a bundled OpenBLAS here: the model keeps BLIS")
    ops = _layers_ops(nlp)
    assert ops and all(isinstance(o, NumpyOps) and not o.use_blis for o in ops)
    library = ctypes.CDLL(str(_openblas_libraries()[0]))
    getter = getattr(library, "scipy_openblas_get_num_threads64_", None)
    if getter is not None:
        assert getter() == 1


def test_numpy_and_blis_give_the_same_annotations() -> None:
    with_blis, with_numpy = spacy.load(DEFAULT_MODEL), spacy.load(DEFAULT_MODEL)
    if not use_numpy_gemm(with_numpy):
        pytest.skip("numpy is not built on a bundled OpenBLAS here: the model keeps BLIS")
    assert all(getattr(o, "use_blis", True) for o in _layers_ops(with_blis))
    for a, b in zip(with_blis.pipe(TEXTS), with_numpy.pipe(TEXTS), strict=True):
        assert np.array_equal(a.to_array(COLUMNS), b.to_array(COLUMNS))
        assert [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]
