"""Shared helpers for the batch, export, notebook and dask tests (not a conftest: import it).

- ``fake_extract``: a stand-in for ``extractor.extract`` that the batch workers
  load by reference (``EXTRACT_FN``); the file name chooses its behaviour, so
  the tests can make a worker hang, segfault, exit or run out of memory.
- PDF makers for bad input: blank pages, an encrypted PDF (RC4, written by
  hand: no PDF writer here can encrypt), a truncated copy, a non-PDF.
- ``real_outputs``: a batch over a few real born-digital PDFs, run once per
  session and shared by the tests that need real outputs.
"""
from __future__ import annotations

import hashlib
import os
import signal
import struct
import time
from pathlib import Path

import pytest
from hostile_pdfs import pdf_bytes

from extractor import __version__
from extractor.errors import NotPdfError, printable
from extractor.model import (
    Assignment, Decision, Entity, Evidence, Item, Meeting, Minutes, NextMeeting, PageText, Participant, Signature, Source,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PROTOKOLL_SHARED", ROOT.parent / "shared"))
CORPUS_DOCS = SHARED / "corpus" / "docs"
EXTRACT_FN = "conftest_batch_helpers:fake_extract"

# Small born-digital minutes from the corpus, quick to convert.
REAL_PDFS = ["sodertorn-2020-01-16.pdf", "kungsbacka-ks-au-2025-01-07.pdf", "lkod_sty_141114.pdf"]


def need_corpus() -> Path:
    """The shared corpus folder; skip (outside CI) when it is absent, fail in CI."""
    if not CORPUS_DOCS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the shared corpus at {CORPUS_DOCS}")
        pytest.skip(f"the shared corpus is not at {CORPUS_DOCS} (it sits beside the checkout as ../shared)")
    return CORPUS_DOCS


def subprocess_env() -> dict:
    """Environment for child Pythons that must import ``extractor`` and these helpers."""
    env = dict(os.environ)
    extra = [str(ROOT), str(ROOT / "tests")]
    env["PYTHONPATH"] = os.pathsep.join(extra + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    return env


# ---------------------------------------------------------------------------
# A fake extractor, loaded by the batch workers


def sample_minutes(path: str | os.PathLike, data: bytes | None = None, date: str = "2020-01-16",
                   people: tuple[str, ...] = ("Anna Berg", "Bo Ek"), absent: tuple[str, ...] = ("Cia Lund",),
                   decisions: int = 2) -> Minutes:
    """A valid Minutes for ``path`` with a little of everything, for export and notebook tests."""
    path = Path(path)
    if data is None:
        data = path.read_bytes()
    ev = Evidence(page=1, start=0, end=5)
    participants = [Participant(name=name, affiliation="S", role="ledamot" if i else "ordförande",
                                status="present", group="Beslutande", evidence=ev)
                    for i, name in enumerate(people)]
    participants += [Participant(name=name, status="absent", group="Frånvarande", evidence=ev) for name in absent]
    items = [
        Item(number="1", title="Mötets öppnande", text="Ordföranden öppnade mötet.", evidence=ev),
        Item(number="2", title="Budget 2020", text="Diskussion om budgeten.",
             decisions=[Decision(text=f"Att godkänna förslag {n + 1}", evidence=ev) for n in range(decisions)],
             assignments=[Assignment(assignee="Anna", person=people[0] if people else None,
                                     task="återkomma med underlag")],
             references=["KS 2020/123"], evidence=ev),
    ]
    return Minutes(
        source=Source(file=printable(path.name), sha256=hashlib.sha256(data).hexdigest(), pages=2, text_source="text-layer",
                      extractor_version=__version__),
        document_type="protokoll", organisation="Testkommunen", body="Kommunstyrelsen",
        meeting=Meeting(date=date, start_time="09:00", end_time="11:30", place="Stadshuset", number="1"),
        participants=participants, items=items, next_meeting=NextMeeting(date="2020-02-20"),
        signatures=[Signature(name=people[0] if people else "X", role="ordförande", label="Ordförande")],
        entities=[Entity(text="Stadshuset", label="LOC", page=1, start=10, end=20)],
        warnings=["a test warning"],
    )


def fake_extract(path, include_text: bool = False) -> Minutes:
    """Behaves by file name: hang, segv, exit, oom, bad, slow; anything else converts."""
    name = Path(path).name.lower()
    pid_dir = os.environ.get("PROTOKOLL_TEST_PID_DIR")
    if pid_dir:
        Path(pid_dir, str(os.getpid())).touch()
    if "hang" in name:
        time.sleep(600)
    if "segv" in name:
        os.kill(os.getpid(), signal.SIGSEGV)
    if "exit" in name:
        os._exit(3)
    if "oom" in name:
        raise MemoryError()
    if "bad" in name:
        raise NotPdfError(f"{path}: not a PDF file (no %PDF header)")
    if "slow" in name:
        time.sleep(float(os.environ.get("PROTOKOLL_TEST_SLOW", "0.3")))
    minutes = sample_minutes(path)
    if include_text:
        minutes.pages = [PageText(number=1, text="Protokoll", source="text-layer")]
    return minutes


# ---------------------------------------------------------------------------
# PDFs for bad input


def write_blank_pdf(path: Path, pages: int = 2) -> Path:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    pdf.save(str(path))
    pdf.close()
    return path


def write_text_pdf(path: Path, text: str = "Protokoll") -> Path:
    """A one-page PDF with a line of text in a standard font (a cheap valid PDF)."""
    content = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path.write_bytes(pdf_bytes(objects))
    return path


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def write_encrypted_pdf(path: Path, user_password: str = "hemligt", owner_password: str = "ägare") -> Path:
    """A one-page PDF under the standard security handler (revision 2, RC4 40-bit) with a user password.

    The page has no content stream and the file no strings, so nothing but the
    /Encrypt dictionary needs the key; pdfium opens it with the password only.
    """
    user = (user_password.encode("latin-1") + _PAD)[:32]
    owner = (owner_password.encode("latin-1") + _PAD)[:32]
    o_value = _rc4(hashlib.md5(owner).digest()[:5], user)
    permissions = -4  # all permissions
    file_id = hashlib.md5(b"protokoll test").digest()
    key = hashlib.md5(user + o_value + struct.pack("<i", permissions) + file_id).digest()[:5]
    u_value = _rc4(key, _PAD)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (o_value.hex().encode(), u_value.hex().encode(), permissions),
    ]
    encryption = b"/Encrypt 4 0 R /ID [<%s> <%s>] " % (file_id.hex().encode(), file_id.hex().encode())
    path.write_bytes(pdf_bytes(objects, extra_trailer=encryption))
    return path


def write_truncated_pdf(path: Path, source: Path, keep: float = 0.4) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


# ---------------------------------------------------------------------------
# Real outputs, made once per session

_REAL_CACHE: dict[str, Path] = {}


def real_outputs(tmp_path_factory) -> Path:
    """``protokoll batch`` output folder for REAL_PDFS (converted once per test session)."""
    if "dir" in _REAL_CACHE:
        return _REAL_CACHE["dir"]
    docs = need_corpus()
    from click.testing import CliRunner

    from extractor.batch_core import REPORT_NAME
    from extractor.cli import batch_command

    inputs = tmp_path_factory.mktemp("real-inputs")
    for name in REAL_PDFS:
        (inputs / name).write_bytes((docs / name).read_bytes())
    out = tmp_path_factory.mktemp("real-outputs")
    result = CliRunner().invoke(batch_command, [str(inputs), "--out", str(out), "--workers", "2", "--quiet"])
    assert result.exit_code == 0, (out / REPORT_NAME).read_text() if (out / REPORT_NAME).exists() else result.output
    _REAL_CACHE["dir"] = out
    return out
