"""Errors a user can act on: each has a kind (for batch reports), a one-line message and the exit
status the command ends with.

Exit statuses, the same for every command (README, `protokoll --help`):

==  ==========================================================================================
0   done
1   some inputs failed (a batch), or a gate was not met (``batch --strict``, ``eval --min-f1``)
2   usage error: a wrong option or argument (as click reports it)
3   the input cannot be read: not a PDF, empty, truncated or damaged, encrypted, no pages, no
    text, not Swedish
4   a dependency is missing: Tesseract, its Swedish language pack, the NER or line-role model
==  ==========================================================================================
"""
from __future__ import annotations

import unicodedata

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_UNREADABLE, EXIT_DEPENDENCY = 0, 1, 2, 3, 4


class ExtractionError(Exception):
    """Raised for input the extractor cannot read; ``kind`` names the reason for reports."""

    kind = "error"
    exit_code = EXIT_UNREADABLE

    def __init__(self, message: str, kind: str | None = None):
        super().__init__(message)
        if kind:
            self.kind = kind

    def __str__(self) -> str:
        # Reports and stderr show one line, whatever the underlying library said or the file is called.
        return printable(" ".join(super().__str__().split()))


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` safe to print and to write as UTF-8: the undecodable bytes of a file name (as
    ``os.fsdecode`` carries them, surrogate-escaped) become ``\\xNN``, and control characters,
    direction marks and other invisible format characters become visible escapes, so a file name
    cannot break a line, move the cursor or reverse what a terminal shows."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char == " " or unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn"):
            out.append(char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        else:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return "".join(out)


class NotFoundError(ExtractionError):
    kind = "not-found"


class NotPdfError(ExtractionError):
    kind = "not-a-pdf"


class EmptyFileError(ExtractionError):
    kind = "empty-file"


class DamagedPdfError(ExtractionError):
    kind = "damaged-pdf"


class EncryptedPdfError(ExtractionError):
    kind = "encrypted-pdf"


class NoPagesError(ExtractionError):
    kind = "no-pages"


class NoTextError(ExtractionError):
    kind = "no-text"


class NotSwedishError(ExtractionError):
    kind = "not-swedish"


class DependencyError(ExtractionError):
    """What extraction needs is not installed: no input is at fault."""

    kind = "dependency-missing"
    exit_code = EXIT_DEPENDENCY


class OcrUnavailableError(DependencyError):
    kind = "ocr-unavailable"


class InternalError(ExtractionError):
    """A failure that is no known fault of the input (a bug, a library's surprise): one line with
    the exception's type, the traceback only on request (``extract --debug``)."""

    kind = "internal-error"
    exit_code = EXIT_FAILED


class UsageError(ExtractionError):
    """What was asked cannot be done with the arguments given (a folder with nothing to score, a
    training input that is missing): the library's usage error, which the CLI reports as click's."""

    kind = "usage"
    exit_code = EXIT_USAGE
