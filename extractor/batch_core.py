"""The batch core both engines share: which inputs, which outputs, what is up to date, and what
happened to each document.

Inputs are files, folders (searched recursively for ``*.pdf``, any case) and
glob patterns. Each input's output is ``OUT/REL/NAME.json``, where ``REL`` is
its path relative to the folder that was given (or, for files and glob
matches, to their common parent folder), so two ``a.pdf`` in different folders
never share an output. Should two inputs still map to one output (two folders
given that both hold ``a.pdf``), every output path is taken relative to the
common parent of all inputs instead.

Resuming: an input is skipped when its output exists and records the same
input bytes (``source.sha256``) and extractor version
(``source.extractor_version``); ``force=True`` converts everything again.
The batch process alone writes outputs (the ``Recorder``), each with
``write_atomic``, so a batch killed at any moment and run again ends with
every output complete. ``OUT/batch-report.json`` (also atomic) records the
counts, each failure and the quality of every output.

The engines only run documents: ``extractor.batch`` in worker processes of
this machine, ``extractor.dask_engine`` on a dask cluster.

Long because every input must be accounted for in one place: which inputs (folders that cannot
be listed included), which output names (escaped, shortened, beside folders), resume, and the
report that records all of it, whatever stops the batch.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import glob
import hashlib
import json
import os
import re
import stat
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator, Optional, Union

from extractor import __version__
from extractor.errors import printable
from extractor.progress import DocEvent, ProgressReporter
from extractor.writer import file_sha256, write_atomic

DEFAULT_TIMEOUT = 300.0
REPORT_NAME = "batch-report.json"
EXTRACT_REF = "extractor:extract"

# What write_atomic leaves behind when its process is killed between mkstemp and rename
# (and the longer names it used before its temporary names were short and fixed).
_TEMP_FILE = re.compile(r"^\.(protokoll-[A-Za-z0-9_]+|.+\.json\.[A-Za-z0-9_]+)\.tmp$")
# The longest file name most file systems take, in bytes.
NAME_MAX = 255


class BatchError(Exception):
    """The batch as a whole cannot run (output folder locked, workers cannot start)."""


class Terminated(KeyboardInterrupt):
    """The batch was asked to stop (SIGTERM): it ends as after Ctrl-C, with its report written."""


@contextlib.contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into ``Terminated`` while the batch runs, so that its ``finally`` writes the
    report and stops the workers (only the main thread can have signal handlers)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum, frame):
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


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
    return _quality_of(json.loads(text))


def _quality_of(data: dict) -> tuple[str, list[str]]:
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
    # Inputs whose output could not have the usual name (too long, or a folder of that name).
    renamed: list[dict] = field(default_factory=list)
    # Why the report itself could not be written (then said on stderr instead).
    report_error: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.interrupted and not self.report_error

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
            "renamed": sorted(self.renamed, key=lambda r: r["path"]),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------
# Planning: which inputs, which outputs, which are up to date


@dataclass(frozen=True)
class Job:
    """One input file and where its output goes (relative to the output folder).

    ``display`` is the input's name as reports and progress lines show it (valid UTF-8, control
    characters escaped); ``renamed`` is set when the output could not take the usual name."""

    source: Path
    rel: PurePosixPath
    display: str
    renamed: bool = False

    def output(self, out_dir: Path) -> Path:
        return out_dir / Path(*self.rel.parts)


@dataclass
class Plan:
    todo: list[Job]
    skipped: list[Job]
    failures: list[Failure]
    # The quality flag and warnings of each skipped job's output, read when it was found up to date.
    kept: dict[str, tuple[str, list[str]]] = field(default_factory=dict)

    @property
    def inputs(self) -> int:
        return len(self.todo) + len(self.skipped) + len(self.failures)


def _is_pdf_name(name: str) -> bool:
    return name.lower().endswith(".pdf")


def _walk_pdfs(folder: Path, failures: Optional[list[Failure]] = None) -> list[Path]:
    """The PDFs under ``folder``; a folder that cannot be listed (no permission, a path over the
    system's length limit) is a failure, not a silent gap in the archive."""

    def unlisted(exc: OSError) -> None:
        if failures is not None:
            where = printable(os.fsdecode(exc.filename)) if exc.filename else printable(str(folder))
            failures.append(Failure(where, "unreadable-folder",
                                    f"{where}: this folder cannot be listed ({exc.strerror or exc}); "
                                    "the PDFs in it were not converted"))

    found = []
    for root, dirs, files in os.walk(folder, onerror=unlisted):
        dirs.sort()
        found.extend(Path(root) / name for name in sorted(files) if _is_pdf_name(name))
    return found


def _unlisted_under(pattern: str, failures: list[Failure]) -> None:
    """A recursive pattern ("docs/**/*.pdf") searches every folder under its fixed part, and glob
    passes over a folder it cannot list without a word: walk that part for such folders."""
    if "**" not in pattern:
        return
    fixed = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    _walk_pdfs(Path(*fixed) if fixed else Path("."), failures)


def _fit_name(name: str, key: str, suffix: str = "") -> str:
    """``name`` (ending in ``suffix``) when it fits the file-name limit, else a shortened name
    with a digest of ``key``: the same input gets the same name on every run, so resume finds it."""
    if len(name.encode("utf-8")) <= NAME_MAX:
        return name
    return _alternative_name(name, key, suffix)


_SHORTENED = re.compile(r"~[0-9a-f]{12}(\.json)?(/|$)")


def _alternative_name(name: str, key: str, suffix: str = "") -> str:
    stem = name[: len(name) - len(suffix)] if suffix and name.endswith(suffix) else name
    tail = "~" + hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:12] + suffix
    budget = NAME_MAX - len(tail.encode("utf-8"))
    return stem.encode("utf-8")[:budget].decode("utf-8", "ignore") + tail


def _json_name(rel: PurePosixPath, keep_suffix: bool = False) -> PurePosixPath:
    """The output path of an input's relative path, in a form that can be written: each part
    printable valid UTF-8 (a name that is not UTF-8 keeps its bytes as ``\\xNN``) and within the
    file-name limit."""
    name = rel.name
    if not keep_suffix and _is_pdf_name(name):
        name = name[: -len(".pdf")]
    parts = [_fit_name(printable(part), part) for part in rel.parent.parts]
    name = _fit_name(printable(name) + ".json", rel.as_posix(), ".json")
    return PurePosixPath(*parts, name)


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
        what, why = _what_is(raw_s)
        if what == "error":
            shown = printable(raw_s)
            failures.append(Failure(shown, "unreadable", f"{shown}: {why}"))
        elif what == "dir":
            base = os.path.abspath(path)
            for found in _walk_pdfs(path, failures):
                absolute = os.path.abspath(found)
                grouped.append((found, absolute, os.path.relpath(absolute, base)))
        elif what == "file":
            loose.append((path, os.path.abspath(path)))
        elif glob.has_magic(raw_s):
            _unlisted_under(raw_s, failures)
            matches = sorted(glob.glob(raw_s, recursive=True))
            files = []
            for match in matches:
                if os.path.isdir(match):
                    base = os.path.abspath(match)
                    for found in _walk_pdfs(Path(match), failures):
                        absolute = os.path.abspath(found)
                        grouped.append((found, absolute, os.path.relpath(absolute, base)))
                        files.append(found)
                elif _is_pdf_name(match):
                    loose.append((Path(match), os.path.abspath(match)))
                    files.append(match)
            if not files:
                shown = printable(raw_s)
                failures.append(Failure(shown, "not-found", f"{shown}: no PDF file matches this pattern"))
        else:
            shown = printable(raw_s)
            failures.append(Failure(shown, "not-found", f"{shown}: no such file or folder"))

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
    # An output cannot be a folder that other outputs go into (clash.pdf beside a folder clash.json/).
    folders = {parent for rel in rels for parent in rel.parents}
    for (found, absolute, rel_s), rel in zip(unique, rels):
        display = printable(str(found))
        if counts[rel] > 1 or rel in reserved:
            rel = _json_name(PurePosixPath(rel.parent, Path(absolute).name), keep_suffix=True)
        if rel in taken or rel in reserved or rel in folders:
            rel = rel.with_name(_alternative_name(rel.name, rel_s, ".json"))
        if rel in taken or rel in reserved:
            failures.append(Failure(display, "output-collision", f"{display}: another input already writes {rel}"))
            continue
        taken.add(rel)
        jobs.append(Job(source=found, rel=rel, display=display, renamed=bool(_SHORTENED.search(rel.as_posix()))))
    jobs.sort(key=lambda job: job.display)
    return jobs, failures


def _what_is(raw: str) -> tuple[str, Optional[str]]:
    """"dir", "file" or "missing"; or "error" with the reason when the path cannot even be looked
    at (no permission on a folder above it, a name over the length limit)."""
    try:
        return ("dir" if stat.S_ISDIR(os.stat(raw).st_mode) else "file"), None
    except (FileNotFoundError, NotADirectoryError):
        return "missing", None
    except OSError as exc:
        return "error", f"cannot be read ({exc.strerror or exc})"


def up_to_date_output(job: Job, out_dir: Path, include_text: bool = False) -> Optional[dict]:
    """The job's output, where it exists for the same input bytes and extractor version; else None."""
    try:
        data = json.loads(job.output(out_dir).read_text(encoding="utf-8"))
        source = data["source"]
        if source.get("extractor_version") != __version__:
            return None
        if ("pages" in data) != include_text:
            return None
        return data if source.get("sha256") == file_sha256(job.source) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a path over the system's length limit: its write fails and is reported
        return False


def plan_batch(inputs: Iterable[Union[str, os.PathLike]], out_dir: Path, force: bool = False,
               include_text: bool = False) -> Plan:
    jobs, failures = collect_inputs(inputs)
    todo, skipped, kept = [], [], {}
    for index, job in enumerate(jobs):
        if _is_dir(job.output(out_dir)):  # a folder of that name already in the output folder
            job = jobs[index] = Job(job.source, job.rel.with_name(_alternative_name(job.rel.name, job.rel.as_posix(), ".json")),
                                    job.display, renamed=True)
        output = None if force else up_to_date_output(job, out_dir, include_text)
        if output is not None:
            skipped.append(job)
            kept[job.display] = _quality_of(output)
        else:
            todo.append(job)
    return Plan(todo=todo, skipped=skipped, failures=failures, kept=kept)


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
            out_dir=printable(str(out_dir)), started=_now(),
        )
        for failure in plan.failures:
            self.report.failures.append(failure)
            self.report.failed += 1
        self.report.renamed = [{"path": job.display, "output": job.rel.as_posix()}
                               for job in plan.todo + plan.skipped if job.renamed]
        # An output kept from an earlier run counts as much as a new one: --strict judges the folder.
        for display, (quality, warnings) in plan.kept.items():
            self.report.count_quality(display, quality, warnings)
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
            except (OSError, UnicodeError) as exc:  # a full or read-only disk; text that is not UTF-8
                # The cause first: a long path would push it past the reason's length.
                why = getattr(exc, "strerror", None) or exc
                outcome = Outcome(ok=False, kind="write-failed", seconds=outcome.seconds,
                                  reason=one_line(f"the output cannot be written ({why}): {job.rel}"))
        if outcome.ok:
            self.report.converted += 1
            self.report.pages += outcome.pages
            quality, warnings = read_quality(outcome.text) if outcome.text else ("ok", [])
            self.report.count_quality(job.display, quality, warnings)
            event = DocEvent("converted", job.display, pages=outcome.pages, seconds=outcome.seconds, quality=quality,
                             reason=warnings[0] if quality != "ok" and warnings else None)
        else:
            failure = Failure(job.display, outcome.kind or "error", one_line(outcome.reason or "failed"))
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
        except OSError as exc:
            # A full or read-only disk: the outputs written so far stay, and the user learns why
            # there is no report instead of reading a traceback.
            report.report_error = one_line(f"{printable(str(self.out_dir / REPORT_NAME))}: {exc.strerror or exc}")
        finally:
            self.progress.finish(report)
        if report.report_error:
            print(f"protokoll batch: the report could not be written: {report.report_error}", file=sys.stderr, flush=True)
        return report


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).astimezone().isoformat(timespec="seconds")


def one_line(text: str, limit: int = 500) -> str:
    text = printable(" ".join(str(text).split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


@contextlib.contextmanager
def locked_out_dir(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output folder (released by the kernel even on kill -9),
    and remove temporary files that a killed batch left behind."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(out_dir, os.O_RDONLY)
    except OSError as exc:
        raise BatchError(f"{printable(str(out_dir))}: the output folder cannot be made or opened "
                         f"({exc.strerror or exc})") from None
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
