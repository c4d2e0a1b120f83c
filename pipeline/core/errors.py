"""Errors the pipeline reports to the operator as one line, without a traceback."""

from __future__ import annotations

# Control characters (those at which ``str.splitlines`` breaks a line among them) and the line
# and paragraph separators, written as escapes: a reason that quotes a damaged file (a part's
# name, a charset label) stays one line, and one a terminal shows as it is.
_UNPRINTABLE = {
    code: repr(chr(code))[1:-1]
    for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)
    if chr(code) != "\t"
}


class InputError(Exception):
    """A bad input file; the message is the one-line reason (control characters escaped)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason.translate(_UNPRINTABLE))


class ModelNotInstalled(RuntimeError):
    """The configured spaCy model cannot be loaded (raised by ``pipeline.extract.nlp``; here so
    that the command can catch it without importing spaCy)."""


class PipelineError(Exception):
    """A problem with the run itself (settings, output folder, model, lock)."""


def exception_line(exc: BaseException) -> str:
    """``Type: message`` up to the first line break: an unexpected error as one line."""
    return f"{type(exc).__name__}: {exc}".splitlines()[0]
