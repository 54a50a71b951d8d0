"""Convert many minutes PDFs to JSON: ``protokoll batch`` and ``run_batch``.

Inputs are files, folders (searched recursively for ``*.pdf``, any case) and
glob patterns. Each input's output is ``OUT/REL/NAME.json``, where ``REL`` is
its path relative to the folder that was given (or, for files and glob
matches, to their common parent folder), so two ``a.pdf`` in different folders
never share an output. Should two inputs still map to one output (two folders
given that both hold ``a.pdf``), every output path is taken relative to the
common parent of all inputs instead.

Every document is converted in a worker process of our own (a plain
subprocess speaking JSON lines over pipes), not in a ``ProcessPoolExecutor``:
a worker that hangs past the per-document timeout is killed with its whole
process group (Tesseract included), and a worker that dies (segfault,
``os._exit``, the kernel's OOM killer) is replaced. Either way the document
is recorded as failed and the batch goes on. Workers also die with the batch
(``PR_SET_PDEATHSIG`` on Linux), so ``kill -9`` of a batch leaves no worker
behind. A worker loads the stages and the NER model once, before its first
document, and is replaced after ``MAX_TASKS_PER_CHILD`` documents or once it
holds more than ``MAX_WORKER_RSS_MB`` (``PROTOKOLL_WORKER_MAX_RSS_MB`` sets another
ceiling).

Resuming: an input is skipped when its output exists and records the same
input bytes (``source.sha256``) and extractor version
(``source.extractor_version``); ``force=True`` converts everything again.
The batch process alone writes outputs, each with ``write_atomic``, so a
batch killed at any moment and run again ends with every output complete.
``OUT/batch-report.json`` (also atomic) records the counts and each failure.

The same planning, resume and reporting serve the dask engine
(``extractor.dask_engine``), which only replaces the executor.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import glob
import json
import os
import re
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable, Iterator, Optional, Protocol, Union

import click

from extractor import __version__
from extractor.writer import file_sha256, write_atomic

DEFAULT_TIMEOUT = 300.0
REPORT_NAME = "batch-report.json"
EXTRACT_REF = "extractor:extract"
# A worker is replaced after this many documents, or sooner once it holds more
# than MAX_WORKER_RSS_MB (spaCy's string store and caches only grow); each
# replacement costs a second of start-up (imports, the NER model).
MAX_TASKS_PER_CHILD = 1000
MAX_WORKER_RSS_MB = 1500
WORKER_RSS_ENV = "PROTOKOLL_WORKER_MAX_RSS_MB"  # a lower ceiling for machines with little memory
STARTUP_GRACE = 120.0  # seconds a new worker may take to import before its first document's clock starts

# What write_atomic leaves behind when its process is killed between mkstemp and rename.
_TEMP_FILE = re.compile(r"^\..+\.json\.[A-Za-z0-9_]+\.tmp$")


class BatchError(Exception):
    """The batch as a whole cannot run (output folder locked, workers cannot start)."""


# ---------------------------------------------------------------------------
# Report


@dataclass
class Failure:
    path: str
    kind: str
    reason: str

    def to_dict(self) -> dict:
        return {"path": self.path, "kind": self.kind, "reason": self.reason}


@dataclass
class NotOk:
    """A converted document whose quality flag is not ``ok``, with what its warnings say."""

    path: str
    quality: str
    warnings: list[str]

    def to_dict(self) -> dict:
        return {"path": self.path, "quality": self.quality, "warnings": self.warnings}


QUALITIES = ("ok", "partial", "empty", "not-minutes")


def read_quality(text: str) -> tuple[str, list[str]]:
    """The quality flag and warnings of an output document's JSON text."""
    data = json.loads(text)
    return data.get("quality") or "ok", list(data.get("warnings") or [])


@dataclass
class BatchReport:
    """What a batch did: counts, pages, time, one record per failed input, and the quality of
    every output (this run's and those already up to date)."""

    converted: int = 0
    skipped: int = 0
    failed: int = 0
    pages: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    inputs: int = 0
    workers: int = 0
    engine: str = "local"
    out_dir: str = ""
    extractor_version: str = __version__
    started: str = ""
    finished: str = ""
    interrupted: bool = False
    peak_worker_rss_mb: Optional[float] = None
    quality: dict[str, int] = field(default_factory=lambda: dict.fromkeys(QUALITIES, 0))
    not_ok: list[NotOk] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.interrupted

    @property
    def all_ok(self) -> bool:
        """Every input converted and every output's quality ``ok`` (``batch --strict``)."""
        return self.ok and not self.not_ok

    def count_quality(self, path: str, quality: str, warnings: list[str]) -> None:
        self.quality[quality] = self.quality.get(quality, 0) + 1
        if quality != "ok":
            self.not_ok.append(NotOk(path, quality, warnings))

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict:
        return {
            "extractor_version": self.extractor_version,
            "engine": self.engine,
            "workers": self.workers,
            "out_dir": self.out_dir,
            "started": self.started,
            "finished": self.finished,
            "interrupted": self.interrupted,
            "inputs": self.inputs,
            "converted": self.converted,
            "skipped": self.skipped,
            "failed": self.failed,
            "pages": self.pages,
            "seconds": round(self.seconds, 3),
            "pages_per_second": round(self.pages_per_second, 3),
            "peak_worker_rss_mb": self.peak_worker_rss_mb,
            "failures": [f.to_dict() for f in sorted(self.failures, key=lambda f: f.path)],
            "quality": self.quality,
            "not_ok": [n.to_dict() for n in sorted(self.not_ok, key=lambda n: n.path)],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------
# Planning: which inputs, which outputs, which are up to date


@dataclass(frozen=True)
class Job:
    """One input file and where its output goes (relative to the output folder)."""

    source: Path
    rel: PurePosixPath
    display: str

    def output(self, out_dir: Path) -> Path:
        return out_dir / Path(*self.rel.parts)


@dataclass
class Plan:
    todo: list[Job]
    skipped: list[Job]
    failures: list[Failure]

    @property
    def inputs(self) -> int:
        return len(self.todo) + len(self.skipped) + len(self.failures)


def _is_pdf_name(name: str) -> bool:
    return name.lower().endswith(".pdf")


def _walk_pdfs(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        found.extend(Path(root) / name for name in sorted(files) if _is_pdf_name(name))
    return found


def _json_name(rel: PurePosixPath, keep_suffix: bool = False) -> PurePosixPath:
    name = rel.name
    if not keep_suffix and _is_pdf_name(name):
        name = name[: -len(".pdf")]
    return rel.with_name(name + ".json")


def _common_dir(paths: list[str]) -> str:
    return os.path.commonpath([os.path.dirname(p) for p in paths]) if paths else ""


def collect_inputs(inputs: Iterable[Union[str, os.PathLike]]) -> tuple[list[Job], list[Failure]]:
    """Expand files, folders and globs into jobs with collision-free output paths.

    Returns the jobs (sorted by input path) and a failure for each input that
    names nothing (a missing file, a pattern that matches no PDF).
    """
    failures: list[Failure] = []
    grouped: list[tuple[Path, str, str]] = []  # (file as found, absolute path, rel path)
    loose: list[tuple[Path, str]] = []
    for raw in inputs:
        raw_s = os.fspath(raw)
        path = Path(raw_s)
        if path.is_dir():
            base = os.path.abspath(path)
            for found in _walk_pdfs(path):
                absolute = os.path.abspath(found)
                grouped.append((found, absolute, os.path.relpath(absolute, base)))
        elif path.exists():
            loose.append((path, os.path.abspath(path)))
        elif glob.has_magic(raw_s):
            matches = sorted(glob.glob(raw_s, recursive=True))
            files = []
            for match in matches:
                if os.path.isdir(match):
                    base = os.path.abspath(match)
                    for found in _walk_pdfs(Path(match)):
                        absolute = os.path.abspath(found)
                        grouped.append((found, absolute, os.path.relpath(absolute, base)))
                        files.append(found)
                elif _is_pdf_name(match):
                    loose.append((Path(match), os.path.abspath(match)))
                    files.append(match)
            if not files:
                failures.append(Failure(raw_s, "not-found", f"{raw_s}: no PDF file matches this pattern"))
        else:
            failures.append(Failure(raw_s, "not-found", f"{raw_s}: no such file or folder"))

    loose_root = _common_dir([absolute for _, absolute in loose])
    entries = grouped + [(p, a, os.path.relpath(a, loose_root)) for p, a in loose]

    # The same file reached twice (given as a file and inside a folder): keep the first.
    seen: set[str] = set()
    unique = []
    for found, absolute, rel in entries:
        key = os.path.realpath(absolute)
        if key not in seen:
            seen.add(key)
            unique.append((found, absolute, rel))

    def outputs(rels: list[str], keep_suffix: bool = False) -> list[PurePosixPath]:
        return [_json_name(PurePosixPath(Path(r).as_posix()), keep_suffix) for r in rels]

    reserved = {PurePosixPath(REPORT_NAME)}
    rels = outputs([rel for _, _, rel in unique])
    if len(set(rels)) < len(rels):
        root = _common_dir([absolute for _, absolute, _ in unique])
        rels = outputs([os.path.relpath(absolute, root) for _, absolute, _ in unique])

    # Names that differ only in the case of ".pdf" (a.pdf, a.PDF) keep their suffix.
    counts: dict[PurePosixPath, int] = {}
    for rel in rels:
        counts[rel] = counts.get(rel, 0) + 1
    jobs: list[Job] = []
    taken: set[PurePosixPath] = set()
    for (found, absolute, rel_s), rel in zip(unique, rels):
        if counts[rel] > 1 or rel in reserved:
            rel = _json_name(PurePosixPath(rel.parent, Path(absolute).name), keep_suffix=True)
        if rel in taken or rel in reserved:
            failures.append(Failure(str(found), "output-collision", f"{found}: another input already writes {rel}"))
            continue
        taken.add(rel)
        jobs.append(Job(source=found, rel=rel, display=str(found)))
    jobs.sort(key=lambda job: job.display)
    return jobs, failures


def is_up_to_date(job: Job, out_dir: Path, include_text: bool = False) -> bool:
    """True when the job's output exists for the same input bytes and extractor version."""
    try:
        data = json.loads(job.output(out_dir).read_text(encoding="utf-8"))
        source = data["source"]
        if source.get("extractor_version") != __version__:
            return False
        if ("pages" in data) != include_text:
            return False
        return source.get("sha256") == file_sha256(job.source)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def plan_batch(inputs: Iterable[Union[str, os.PathLike]], out_dir: Path, force: bool = False,
               include_text: bool = False) -> Plan:
    jobs, failures = collect_inputs(inputs)
    todo, skipped = [], []
    for job in jobs:
        if not force and is_up_to_date(job, out_dir, include_text):
            skipped.append(job)
        else:
            todo.append(job)
    return Plan(todo=todo, skipped=skipped, failures=failures)


# ---------------------------------------------------------------------------
# Progress


@dataclass
class DocEvent:
    """One input finished: ``status`` is ``converted`` or ``failed``; a converted one has its
    ``quality`` flag and, where that is not ``ok``, the first warning as ``reason``."""

    status: str
    path: str
    pages: int = 0
    seconds: float = 0.0
    kind: Optional[str] = None
    reason: Optional[str] = None
    quality: Optional[str] = None


class ProgressReporter(Protocol):
    def start(self, total: int, skipped: int, workers: int) -> None: ...

    def update(self, event: DocEvent) -> None: ...

    def finish(self, report: BatchReport) -> None: ...


class NullProgress:
    def start(self, total: int, skipped: int, workers: int) -> None:
        pass

    def update(self, event: DocEvent) -> None:
        pass

    def finish(self, report: BatchReport) -> None:
        pass


class PlainProgress:
    """One line per document, for logs and pipes."""

    def __init__(self, stream=None):
        self.stream = stream
        self.done = 0
        self.total = 0

    def _print(self, text: str) -> None:
        stream = self.stream or sys.stderr
        print(text, file=stream, flush=True)

    def start(self, total: int, skipped: int, workers: int) -> None:
        self.total = total
        self._print(f"protokoll batch: {total} to convert, {skipped} up to date (skipped), {workers} workers")

    def update(self, event: DocEvent) -> None:
        self.done += 1
        width = len(str(self.total))
        prefix = f"[{self.done:>{width}}/{self.total}]"
        if event.status == "converted":
            flag = event.quality or "ok"
            note = f": {event.reason}" if flag != "ok" and event.reason else ""
            self._print(f"{prefix} {flag:<11} {event.path} ({event.pages} pages, {event.seconds:.1f} s){note}")
        else:
            self._print(f"{prefix} {'FAILED':<11} {event.path}: {event.kind}: {event.reason}")

    def finish(self, report: BatchReport) -> None:
        pass


class RichProgress:
    """A progress bar: documents, pages per second, failures so far, time left."""

    def __init__(self, console=None):
        from rich.console import Console

        self.console = console or Console(stderr=True)
        self._progress = None
        self._task = None
        self._pages = 0
        self._failed = 0
        self._not_ok = 0
        self._t0 = time.monotonic()

    def start(self, total: int, skipped: int, workers: int) -> None:
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self._t0 = time.monotonic()
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("docs"),
            TextColumn("{task.fields[rate]:.1f} pages/s"),
            TextColumn("[red]{task.fields[failed]} failed"),
            TextColumn("[yellow]{task.fields[not_ok]} to check"),
            TimeElapsedColumn(),
            TextColumn("elapsed,"),
            TimeRemainingColumn(),
            TextColumn("left"),
            console=self.console,
            transient=False,
        )
        skipped_note = f" ({skipped} up to date)" if skipped else ""
        self._progress.start()
        self._task = self._progress.add_task(f"Converting{skipped_note}", total=total, rate=0.0, failed=0, not_ok=0)

    def update(self, event: DocEvent) -> None:
        if self._progress is None:
            return
        self._pages += event.pages
        if event.status == "failed":
            self._failed += 1
            self._progress.console.print(f"[red]failed[/red] {event.path}: {event.kind}: {event.reason}",
                                         markup=True, highlight=False, soft_wrap=True)
        elif event.quality not in (None, "ok"):
            self._not_ok += 1
        elapsed = max(time.monotonic() - self._t0, 1e-6)
        self._progress.update(self._task, advance=1, rate=self._pages / elapsed, failed=self._failed,
                              not_ok=self._not_ok)

    def finish(self, report: BatchReport) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


ProgressArg = Union[None, bool, str, ProgressReporter, Callable[[DocEvent], Any]]


def make_progress(progress: ProgressArg) -> ProgressReporter:
    """``None``/``False``/"none": silent; "plain": lines on stderr; "rich": a bar;
    "auto" or ``True``: a bar on a terminal, else lines; a reporter object; or a callable per event."""
    if progress in (None, False, "none", "quiet"):
        return NullProgress()
    if progress in (True, "auto"):
        from rich.console import Console

        console = Console(stderr=True)
        return RichProgress(console) if console.is_terminal else PlainProgress()
    if progress == "plain":
        return PlainProgress()
    if progress == "rich":
        return RichProgress()
    if all(hasattr(progress, name) for name in ("start", "update", "finish")):
        return progress  # type: ignore[return-value]
    if callable(progress):
        callback = progress

        class _Callback(NullProgress):
            def update(self, event: DocEvent) -> None:
                callback(event)

        return _Callback()
    raise ValueError(f"unknown progress setting: {progress!r}")


# ---------------------------------------------------------------------------
# Recording outcomes (shared by the local and the dask engine)


@dataclass
class Outcome:
    """What a worker made of one document."""

    ok: bool
    text: Optional[str] = None
    pages: int = 0
    seconds: float = 0.0
    kind: Optional[str] = None
    reason: Optional[str] = None
    rss_kb: int = 0


class Recorder:
    """Writes outputs and the report, feeds the progress reporter; one per batch run."""

    def __init__(self, out_dir: Path, plan: Plan, progress: ProgressReporter, engine: str, workers: int):
        self.out_dir = out_dir
        self.progress = progress
        self.t0 = time.monotonic()
        self.report = BatchReport(
            inputs=plan.inputs, skipped=len(plan.skipped), workers=workers, engine=engine,
            out_dir=str(out_dir), started=_now(),
        )
        for failure in plan.failures:
            self.report.failures.append(failure)
            self.report.failed += 1
        # An output kept from an earlier run counts as much as a new one: --strict judges the folder.
        for job in plan.skipped:
            try:
                self.report.count_quality(job.display, *read_quality(job.output(out_dir).read_text("utf-8")))
            except (OSError, ValueError):
                pass  # an unreadable output is not up to date; planning converts it again
        self._peak_kb = 0

    def start(self, total: int) -> None:
        self.progress.start(total, self.report.skipped, self.report.workers)
        for failure in self.report.failures:
            self.progress.update(DocEvent("failed", failure.path, kind=failure.kind, reason=failure.reason))

    def record(self, job: Job, outcome: Outcome) -> None:
        self._peak_kb = max(self._peak_kb, outcome.rss_kb or 0)
        if outcome.ok and outcome.text is not None:
            try:
                write_atomic(job.output(self.out_dir), outcome.text)
            except OSError as exc:
                outcome = Outcome(ok=False, kind="write-failed", reason=_one_line(f"{job.rel}: {exc}"),
                                  seconds=outcome.seconds)
        if outcome.ok:
            self.report.converted += 1
            self.report.pages += outcome.pages
            quality, warnings = read_quality(outcome.text) if outcome.text else ("ok", [])
            self.report.count_quality(job.display, quality, warnings)
            event = DocEvent("converted", job.display, pages=outcome.pages, seconds=outcome.seconds, quality=quality,
                             reason=warnings[0] if quality != "ok" and warnings else None)
        else:
            failure = Failure(job.display, outcome.kind or "error", _one_line(outcome.reason or "failed"))
            self.report.failures.append(failure)
            self.report.failed += 1
            event = DocEvent("failed", job.display, seconds=outcome.seconds, kind=failure.kind,
                             reason=failure.reason)
        self.progress.update(event)

    def finish(self, interrupted: bool = False) -> BatchReport:
        report = self.report
        report.seconds = time.monotonic() - self.t0
        report.finished = _now()
        report.interrupted = interrupted
        if self._peak_kb:
            report.peak_worker_rss_mb = round(self._peak_kb / 1024, 1)
        try:
            write_atomic(self.out_dir / REPORT_NAME, report.to_json())
        finally:
            self.progress.finish(report)
        return report


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).astimezone().isoformat(timespec="seconds")


def _one_line(text: str, limit: int = 500) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@contextlib.contextmanager
def locked_out_dir(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output folder (released by the kernel even on kill -9),
    and remove temporary files that a killed batch left behind."""
    out_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(out_dir, os.O_RDONLY)
    try:
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX
            pass
        except OSError:
            raise BatchError(f"{out_dir}: another batch is writing to this folder") from None
        for root, _dirs, files in os.walk(out_dir):
            for name in files:
                if _TEMP_FILE.match(name):
                    with contextlib.suppress(OSError):
                        os.unlink(os.path.join(root, name))
        yield
    finally:
        os.close(fd)


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# ---------------------------------------------------------------------------
# Worker processes


_SIGNAL_NAMES = {int(s): s.name for s in signal.Signals}


def _child_main() -> None:
    """Entry point of a worker process: one JSON line in (a job), one JSON line out (its outcome)."""
    import faulthandler
    import gc
    import resource

    # Keep the protocol channel private: anything a library prints goes to stderr.
    proto = os.fdopen(os.dup(1), "w", encoding="ascii", newline="\n")
    os.dup2(2, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    faulthandler.enable()

    def send(message: dict) -> None:
        proto.write(json.dumps(message) + "\n")
        proto.flush()

    init = json.loads(sys.stdin.readline())
    _die_with_parent(init.get("ppid"))
    for entry in reversed(init.get("sys_path", [])):
        if entry not in sys.path:
            sys.path.insert(0, entry)
    # One thread per worker process (Tesseract, BLAS): the batch parallelises by processes.
    for variable in ("OMP_THREAD_LIMIT", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    include_text = bool(init.get("include_text"))
    try:
        extract = _resolve(init.get("extract") or EXTRACT_REF)
        load_error = None
    except Exception as exc:  # reported for each job
        extract, load_error = None, f"cannot load {init.get('extract')}: {type(exc).__name__}: {exc}"
    if extract is not None and (init.get("extract") or EXTRACT_REF) == EXTRACT_REF:
        # Load the stages and the NER model now, so no document's time or timeout pays for them.
        from extractor.pipeline import warm_up

        try:
            warm_up()
        except Exception:  # e.g. the model is missing: each document reports it
            pass
        # The model's objects live as long as the worker: keep them out of the garbage
        # collector's full passes, which pdfminer's many small objects set off often.
        gc.freeze()
    send({"ready": True, "pid": os.getpid()})

    from extractor.errors import ExtractionError

    max_rss_mb = float(os.environ.get(WORKER_RSS_ENV) or MAX_WORKER_RSS_MB)
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        t0 = time.monotonic()
        retire = False
        try:
            if extract is None:
                raise RuntimeError(load_error)
            result = extract(job["path"], include_text=include_text)
            text = result.to_json() if hasattr(result, "to_json") else json.dumps(result, ensure_ascii=False, indent=2)
            pages = int(result.source.pages) if hasattr(result, "source") else int(result["source"]["pages"])
            message = {"ok": True, "text": text + "\n", "pages": pages}
        except ExtractionError as exc:
            message = {"ok": False, "kind": exc.kind, "reason": str(exc)}
        except MemoryError:
            message = {"ok": False, "kind": "out-of-memory", "reason": "the worker ran out of memory on this file"}
            retire = True
        except BaseException as exc:  # a bug or a library failure: record it, keep the batch going
            retire = isinstance(exc, (SystemExit, KeyboardInterrupt))
            message = {"ok": False, "kind": "internal-error",
                       "reason": _one_line(f"{type(exc).__name__}: {exc}{_where(exc)}")}
        usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        retire = retire or _current_rss_mb() > max_rss_mb
        message.update(id=job["id"], seconds=time.monotonic() - t0, rss_kb=max(usage, children), retire=retire)
        send(message)
        if retire:
            break
    proto.close()
    os._exit(0)


def _current_rss_mb() -> float:
    """This process's resident memory now (Linux); 0 where /proc is not there."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1 << 20)
    except (OSError, ValueError, IndexError):
        return 0.0


def _where(exc: BaseException) -> str:
    """Where an unexpected exception was raised, for the report: " (at segment.py:120 in split)"."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    last = frames[-1]
    return f" (at {Path(last.filename).name}:{last.lineno} in {last.name})"


def _die_with_parent(ppid: Optional[int]) -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except Exception:
            pass
    if ppid and os.getppid() != ppid:  # the batch died before we got here
        os._exit(0)


def _resolve(ref: str):
    import importlib

    module_name, _, attr = ref.partition(":")
    obj = importlib.import_module(module_name)
    for part in (attr or "extract").split("."):
        obj = getattr(obj, part)
    return obj


class _Child:
    """A worker subprocess in its own process group."""

    def __init__(self, extract_ref: str, include_text: bool):
        root = str(Path(__file__).resolve().parent.parent)
        code = (f"import sys; sys.path.insert(0, {root!r}); "
                "from extractor.batch import _child_main; _child_main()")
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
            bufsize=0, start_new_session=True, close_fds=True,
        )
        self.fd = self.proc.stdout.fileno()
        self.buffer = b""
        self.ready = False
        self.alive = True
        self.job: Optional[tuple[int, str]] = None
        self.deadline = 0.0
        self.started = 0.0
        self.timeout = 0.0
        self.tasks = 0
        self.retiring = False
        init = {"ppid": os.getpid(), "sys_path": [p for p in sys.path if p], "extract": extract_ref,
                "include_text": include_text}
        try:
            self._write(json.dumps(init) + "\n")
        except OSError:  # it died at once; the pool sees its end of file and says why
            pass

    def _write(self, text: str) -> None:
        data = text.encode("ascii")
        while data:
            written = self.proc.stdin.write(data)
            data = data[written or 0:]

    def send(self, job_id: int, path: str, timeout: float) -> bool:
        if self.proc.poll() is not None:
            return False
        try:
            self._write(json.dumps({"id": job_id, "path": path}) + "\n")
        except OSError:
            return False
        self.job = (job_id, path)
        self.started = time.monotonic()
        self.timeout = timeout
        # A new worker's start-up (imports) is not the document's time: its clock starts
        # when the worker says it is ready, within STARTUP_GRACE seconds.
        self.deadline = self.started + timeout + (0 if self.ready else STARTUP_GRACE)
        self.tasks += 1
        return True

    def mark_ready(self) -> None:
        self.ready = True
        if self.job is not None:
            self.started = time.monotonic()
            self.deadline = self.started + self.timeout

    def read(self) -> Optional[list[dict]]:
        """Messages now available, or None at end of file (the worker is gone)."""
        try:
            chunk = os.read(self.fd, 1 << 20)
        except OSError:
            chunk = b""
        if not chunk:
            return None
        self.buffer += chunk
        messages = []
        while b"\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\n", 1)
            if line.strip():
                messages.append(json.loads(line))
        return messages

    def kill(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(OSError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                self.proc.kill()
        self._reap(5.0)

    def stop(self) -> None:
        """Ask the worker to finish (end of its input); kill it if it does not."""
        with contextlib.suppress(OSError):
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=5.0)
        except subprocess.TimeoutExpired:
            self.kill()
        self._reap(0)

    def _reap(self, wait: float) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=wait)
        self.alive = False
        for stream in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError, ValueError):
                stream.close()
        with contextlib.suppress(OSError):
            # A killed worker's process group may still hold a Tesseract.
            os.killpg(self.proc.pid, signal.SIGKILL)

    def death_reason(self) -> str:
        code = self.proc.returncode
        if code is None:
            how = "stopped answering"
        elif code < 0:
            name = _SIGNAL_NAMES.get(-code, f"signal {-code}")
            how = f"was killed by {name}" + (" (out of memory?)" if -code == signal.SIGKILL else "")
        else:
            how = f"exited with status {code}"
        detail = self._stderr_hint()
        return f"the worker process {how} while converting this file" + (f" ({detail})" if detail else "")

    def _stderr_hint(self) -> str:
        try:
            self.stderr.seek(0, os.SEEK_END)
            size = self.stderr.tell()
            self.stderr.seek(max(0, size - 4096))
            tail = self.stderr.read().decode("utf-8", "replace").splitlines()
        except (OSError, ValueError):
            return ""
        for line in tail:
            if line.startswith("Fatal Python error"):
                return line.strip()
        lines = [line.strip() for line in tail if line.strip()]
        if lines and re.match(r"^[A-Za-z_.]+(Error|Exception)\b", lines[-1]):
            return lines[-1][:200]
        return ""

    def close_files(self) -> None:
        with contextlib.suppress(OSError):
            self.stderr.close()


class WorkerPool:
    """Worker subprocesses with a per-document timeout; survives hangs and crashes of its workers.

    ``run(jobs, timeout, on_outcome)`` converts ``(key, path)`` pairs and calls
    ``on_outcome(key, Outcome)`` for each as it finishes; the workers stay up
    for the next ``run`` until ``close()``.
    """

    def __init__(self, size: int, extract_ref: str = EXTRACT_REF, include_text: bool = False,
                 max_tasks_per_child: Optional[int] = MAX_TASKS_PER_CHILD):
        self.size = max(1, int(size))
        self.extract_ref = extract_ref
        self.include_text = include_text
        self.max_tasks = max_tasks_per_child
        self.children: list[_Child] = []
        self._failed_starts = 0

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _spawn(self) -> _Child:
        child = _Child(self.extract_ref, self.include_text)
        self.children.append(child)
        return child

    def _drop(self, child: _Child) -> None:
        if child in self.children:
            self.children.remove(child)
        child.close_files()

    def run(self, jobs: Iterable[tuple[Any, Union[str, os.PathLike]]], timeout: float,
            on_outcome: Callable[[Any, Outcome], None]) -> None:
        queue = deque((key, os.fspath(path)) for key, path in jobs)
        keys: dict[int, Any] = {}
        next_id = 0
        selector = selectors.DefaultSelector()
        registered: set[int] = set()
        # Outcomes are handed on (their outputs written and synced) only after the
        # freed workers have their next document, so no worker waits on the disk.
        done: deque[tuple[Any, Outcome]] = deque()

        def unregister(child: _Child) -> None:
            if child.fd in registered:
                selector.unregister(child.fd)
                registered.discard(child.fd)

        def finish(child: _Child, outcome: Outcome) -> None:
            assert child.job is not None
            job_id = child.job[0]
            child.job = None
            done.append((keys.pop(job_id), outcome))

        def hand_on_done() -> None:
            while done:
                on_outcome(*done.popleft())

        def worker_gone(child: _Child) -> None:
            unregister(child)
            child.kill()
            if not child.ready:
                self._failed_starts += 1
                if self._failed_starts >= 3:
                    hint = child._stderr_hint() or f"exit status {child.proc.returncode}"
                    raise BatchError(f"worker processes fail to start: {hint}")
            if child.job is not None:
                finish(child, Outcome(ok=False, kind="worker-crashed", reason=child.death_reason(),
                                      seconds=time.monotonic() - child.started))
            self._drop(child)

        try:
            while queue or any(c.job is not None for c in self.children):
                # Hand out work.
                while queue:
                    idle = [c for c in self.children if c.job is None and not c.retiring]
                    if not idle and len([c for c in self.children if not c.retiring]) < self.size:
                        idle = [self._spawn()]
                    if not idle:
                        break
                    child = idle[0]
                    if child.fd not in registered:
                        selector.register(child.fd, selectors.EVENT_READ, child)
                        registered.add(child.fd)
                    key, path = queue[0]
                    if child.send(next_id, path, timeout):
                        queue.popleft()
                        keys[next_id] = key
                        next_id += 1
                    else:
                        worker_gone(child)
                hand_on_done()
                if not any(c.job is not None for c in self.children):
                    continue
                now = time.monotonic()
                wait = min(c.deadline for c in self.children if c.job is not None) - now
                for sel_key, _ in selector.select(max(0.0, min(wait, 5.0))):
                    child = sel_key.data
                    messages = child.read()
                    if messages is None:
                        worker_gone(child)
                        continue
                    for message in messages:
                        if message.get("ready"):
                            child.mark_ready()
                            self._failed_starts = 0
                            continue
                        if child.job is None or message.get("id") != child.job[0]:
                            continue
                        outcome = Outcome(
                            ok=bool(message.get("ok")), text=message.get("text"), pages=int(message.get("pages") or 0),
                            seconds=float(message.get("seconds") or 0.0), kind=message.get("kind"),
                            reason=message.get("reason"), rss_kb=int(message.get("rss_kb") or 0),
                        )
                        if message.get("retire") or (self.max_tasks and child.tasks >= self.max_tasks):
                            child.retiring = True
                        finish(child, outcome)
                    if child.retiring and child.job is None:
                        unregister(child)
                        child.stop()
                        self._drop(child)
                now = time.monotonic()
                for child in list(self.children):
                    if child.job is not None and now >= child.deadline:
                        unregister(child)
                        child.kill()
                        finish(child, Outcome(
                            ok=False, kind="timeout", seconds=now - child.started,
                            reason=f"no result after {timeout:g} s; the worker was stopped"))
                        self._drop(child)
            hand_on_done()
        except BaseException:
            self.close(kill=True)
            raise
        finally:
            selector.close()

    def run_one(self, path: Union[str, os.PathLike], timeout: float) -> Outcome:
        result: list[Outcome] = []
        self.run([(0, path)], timeout, lambda _key, outcome: result.append(outcome))
        return result[0]

    def close(self, kill: bool = False) -> None:
        for child in list(self.children):
            if kill:
                child.kill()
            else:
                child.stop()
            self._drop(child)


# ---------------------------------------------------------------------------
# The library entry point


def run_batch(
    inputs: Iterable[Union[str, os.PathLike]],
    out_dir: Union[str, os.PathLike],
    workers: Optional[int] = None,
    force: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    progress: ProgressArg = None,
    include_text: bool = False,
    extract_fn: str = EXTRACT_REF,
    max_tasks_per_child: Optional[int] = MAX_TASKS_PER_CHILD,
) -> BatchReport:
    """Convert every PDF in ``inputs`` to ``out_dir/REL/NAME.json``; see the module docstring.

    ``workers``: worker processes (default: the usable cores). ``timeout``:
    seconds per document before its worker is killed. ``progress``: see
    ``make_progress``. ``extract_fn``: ``"module:function"`` called as
    ``fn(path, include_text=...)`` in the workers (for tests and experiments).
    Writes ``out_dir/batch-report.json`` and returns the same report.
    Raises ``BatchError`` when the batch cannot run at all.
    """
    out_dir = Path(out_dir)
    workers = workers or default_workers()
    reporter = make_progress(progress)
    with locked_out_dir(out_dir):
        plan = plan_batch(inputs, out_dir, force=force, include_text=include_text)
        size = max(1, min(workers, len(plan.todo)))
        recorder = Recorder(out_dir, plan, reporter, engine="local", workers=size)
        recorder.start(len(plan.todo))
        # Large files first, so that the last document to finish is a short one.
        todo = sorted(plan.todo, key=lambda job: _size(job.source), reverse=True)
        interrupted = True
        try:
            if todo:
                with WorkerPool(size, extract_fn, include_text, max_tasks_per_child) as pool:
                    pool.run(((job, job.source) for job in todo), timeout, recorder.record)
            interrupted = False
        finally:
            report = recorder.finish(interrupted=interrupted)
    return report


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# ---------------------------------------------------------------------------
# Command line


def print_report(report: BatchReport, console=None) -> None:
    """The summary shown at the end of a batch (on stdout)."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console(highlight=False)
    rate = f"{report.pages_per_second:.2f} pages/s" if report.pages else "no pages"
    console.print(
        f"Converted {report.converted}, skipped {report.skipped} (up to date), failed {report.failed}"
        f" - {report.pages} pages in {report.seconds:.1f} s ({rate})", markup=False, soft_wrap=True)
    if report.failures:
        if console.is_terminal:
            table = Table("input", "error", "reason", title="Failed inputs", title_justify="left")
            for failure in sorted(report.failures, key=lambda f: f.path):
                table.add_row(failure.path, failure.kind, failure.reason)
            console.print(table)
        else:
            console.print("Failed inputs:", markup=False)
            for failure in sorted(report.failures, key=lambda f: f.path):
                console.print(f"  {failure.path}\t{failure.kind}\t{failure.reason}", markup=False, soft_wrap=True)
    if any(report.quality.values()):
        console.print("Quality: " + ", ".join(f"{q} {report.quality.get(q, 0)}" for q in QUALITIES), markup=False)
    if report.not_ok:
        console.print("To check (not ok):", markup=False)
        for entry in sorted(report.not_ok, key=lambda n: n.path):
            console.print(f"  {entry.path}\t{entry.quality}\t{'; '.join(entry.warnings)}", markup=False, soft_wrap=True)
    if report.interrupted:
        console.print("The batch was interrupted; run it again to resume.", markup=False)
    console.print(f"Report: {Path(report.out_dir) / REPORT_NAME}", markup=False, soft_wrap=True)


@click.command("batch", epilog="""\b
Exit status:
  0    every input was converted or was already up to date
  1    some inputs failed (each is listed in DIR/batch-report.json
       with its error kind and reason), or the batch could not run;
       with --strict also when an output's quality is not ok
  2    wrong usage
  130  interrupted (Ctrl-C); run the same command again to resume""")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--out", "-o", "out_dir", required=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="Output folder; each input becomes DIR/REL/NAME.json.")
@click.option("--workers", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help=f"Worker processes [default: number of cores, here {default_workers()}].")
@click.option("--force", is_flag=True, help="Convert every input again, even when its output is up to date.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT,
              show_default=True, metavar="SECONDS", help="Give up on a document after this long.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing; the report is still written.")
@click.option("--include-text", is_flag=True, help="Add each page's text to the outputs.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run on this machine, or on a dask.distributed cluster.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --engine dask; "
                   "without it --engine dask starts a local cluster).")
@click.option("--strict", is_flag=True,
              help="Exit 1 also when any output's quality is not ok (partial, empty, not-minutes).")
@click.option("--extract-fn", default=EXTRACT_REF, hidden=True)
def batch_command(inputs, out_dir, workers, force, timeout, quiet, include_text, engine, scheduler, strict, extract_fn):
    """Convert many minutes PDFs to JSON, in parallel and resumably.

    INPUT is a PDF file, a folder (searched recursively for .pdf files, any
    case) or a glob pattern ("docs/**/*.pdf"). Outputs mirror the inputs'
    paths relative to the folder given (or to the files' common folder) as
    DIR/REL/NAME.json. A rerun skips every input whose output records the same
    input bytes (sha256) and extractor version; --force redoes all. Each
    document runs in a worker process with a timeout; a document that fails,
    hangs or crashes its worker is recorded, and the batch goes on. A summary
    is printed at the end and written to DIR/batch-report.json.
    """
    progress: ProgressArg = None if quiet else "auto"
    try:
        if engine == "dask" or scheduler:
            from extractor.dask_engine import run_batch_dask

            report = run_batch_dask(inputs, out_dir, scheduler=scheduler, workers=workers, force=force,
                                    timeout=timeout, progress=progress, include_text=include_text,
                                    extract_fn=extract_fn)
        else:
            report = run_batch(inputs, out_dir, workers=workers, force=force, timeout=timeout,
                               progress=progress, include_text=include_text, extract_fn=extract_fn)
    except BatchError as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        if not quiet:
            click.echo("Interrupted; the report so far is in " + str(out_dir / REPORT_NAME), err=True)
        sys.exit(130)
    if not quiet:
        print_report(report)
    sys.exit(0 if (report.all_ok if strict else report.ok) else 1)


__all__ = [
    "BatchError", "BatchReport", "DocEvent", "Failure", "Job", "NotOk", "Outcome", "Plan", "PlainProgress", "Recorder",
    "RichProgress", "WorkerPool", "batch_command", "collect_inputs", "default_workers", "is_up_to_date",
    "locked_out_dir", "make_progress", "plan_batch", "run_batch",
]
