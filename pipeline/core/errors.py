"""Errors the pipeline reports to the operator as one line, without a traceback."""

from __future__ import annotations


class InputError(Exception):
    """A bad input file; the message is the one-line reason."""


class ModelNotInstalled(RuntimeError):
    """The configured spaCy model cannot be loaded (raised by ``pipeline.extract.nlp``; here so
    that the command can catch it without importing spaCy)."""


class PipelineError(Exception):
    """A problem with the run itself (settings, output folder, model, lock)."""


def exception_line(exc: BaseException) -> str:
    """``Type: message`` up to the first line break: an unexpected error as one line."""
    return f"{type(exc).__name__}: {exc}".splitlines()[0]
