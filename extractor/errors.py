"""Errors a user can act on: each has a kind (for batch reports) and a one-line message."""
from __future__ import annotations


class ExtractionError(Exception):
    """Raised for input the extractor cannot read; ``kind`` names the reason for reports."""

    kind = "error"

    def __init__(self, message: str, kind: str | None = None):
        super().__init__(message)
        if kind:
            self.kind = kind

    def __str__(self) -> str:
        # Reports and stderr show one line, whatever the underlying library said.
        return " ".join(super().__str__().split())


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


class OcrUnavailableError(ExtractionError):
    kind = "ocr-unavailable"
