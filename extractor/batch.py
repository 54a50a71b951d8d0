"""The local engine of ``protokoll batch``: documents converted in worker processes of this machine.

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

Planning, resuming, writing and the report are the batch core's
(``extractor.batch_core``), which the dask engine shares.

Long because the worker's side of the protocol, the pool and what bounds a worker (timeouts
growing with the page count, the address-space limit, its temporary folder, its process group)
are one mechanism and are read together when a worker misbehaves.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import deque
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Union

from extractor.batch_core import (
    DEFAULT_TIMEOUT, EXTRACT_REF, BatchError, BatchReport, Outcome, Recorder, one_line, default_workers,
    locked_out_dir, plan_batch, stop_on_sigterm,
)
from extractor.progress import ProgressArg, make_progress

# A worker is replaced after this many documents, or sooner once it holds more
# than MAX_WORKER_RSS_MB (spaCy's string store and caches only grow); each
# replacement costs a second of start-up (imports, the NER model).
MAX_TASKS_PER_CHILD = 1000
MAX_WORKER_RSS_MB = 1500
WORKER_RSS_ENV = "PROTOKOLL_WORKER_MAX_RSS_MB"  # a lower ceiling for machines with little memory
STARTUP_GRACE = 120.0  # seconds a new worker may take to import before its first document's clock starts
# The address space a worker (and each Tesseract it starts) may take once its models are loaded:
# a bomb fails with MemoryError inside the worker instead of stalling the machine. A warm worker
# maps about 0.35 GB and briefly 1.3 GB while reading (mostly reserved, not resident).
MAX_WORKER_AS_MB = 2560
WORKER_AS_ENV = "PROTOKOLL_WORKER_MAX_AS_MB"  # 0: no limit
# Without --timeout, a document's time grows with its pages (a 2,000-page file takes 400 s
# under load): the larger of DEFAULT_TIMEOUT and PAGE_SECONDS a page, at most MAX_SCALED_TIMEOUT.
PAGE_SECONDS = 5.0
MAX_SCALED_TIMEOUT = 4 * 3600.0
# Each worker's temporary folder (OCR images): TMP/protokoll-worker-<batch pid>-<random>.
_WORKER_TMP_PREFIX = "protokoll-worker-"


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
    # Where the pages read are kept for a later stage (batch --review): only the pipeline's own
    # extract function takes it.
    options = {"pages_cache": init["pages_cache"]} if init.get("pages_cache") else {}
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
    limit_mb = float(os.environ.get(WORKER_AS_ENV) or MAX_WORKER_AS_MB)
    if limit_mb > 0:
        with contextlib.suppress(ValueError, OSError):
            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            wanted = int(limit_mb * (1 << 20))
            resource.setrlimit(resource.RLIMIT_AS, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))
    send({"ready": True, "pid": os.getpid()})

    from extractor.errors import ExtractionError

    max_rss_mb = float(os.environ.get(WORKER_RSS_ENV) or MAX_WORKER_RSS_MB)
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        t0 = time.monotonic()
        retire = False
        if init.get("count_pages"):
            pages = _page_count(job["path"])
            if pages:
                send({"id": job["id"], "pages": pages})
        try:
            if extract is None:
                raise RuntimeError(load_error)
            result = extract(job["path"], include_text=include_text, **options)
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
                       "reason": one_line(f"{type(exc).__name__}: {exc}{_where(exc)}")}
        usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        retire = retire or _current_rss_mb() > max_rss_mb
        message.update(id=job["id"], seconds=time.monotonic() - t0, rss_kb=max(usage, children), retire=retire)
        send(message)
        if retire:
            break
    proto.close()
    os._exit(0)


def _page_count(path: str) -> int:
    """The document's pages as pdfium counts them (0 when it cannot), for its timeout."""
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(path)
        try:
            return len(pdf)
        finally:
            pdf.close()
    except Exception:
        return 0


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

    def __init__(self, extract_ref: str, include_text: bool, count_pages: bool = False, pages_cache: Optional[str] = None):
        root = str(Path(__file__).resolve().parent.parent)
        code = (f"import sys; sys.path.insert(0, {root!r}); "
                "from extractor.batch import _child_main; _child_main()")
        self.stderr = tempfile.TemporaryFile()
        # The worker's own temporary folder (TMPDIR for it and its Tesseract): removed by the
        # batch when the worker ends, however it ends.
        self.tmp_dir = tempfile.mkdtemp(prefix=f"{_WORKER_TMP_PREFIX}{os.getpid()}-")
        env = dict(os.environ, TMPDIR=self.tmp_dir, TMP=self.tmp_dir, TEMP=self.tmp_dir)
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
                bufsize=0, start_new_session=True, close_fds=True, env=env,
            )
        except BaseException:
            shutil.rmtree(self.tmp_dir, ignore_errors=True)
            raise
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
        self.pages_timeout: Optional[float] = None
        init = {"ppid": os.getpid(), "sys_path": [p for p in sys.path if p], "extract": extract_ref,
                "include_text": include_text, "count_pages": count_pages, "pages_cache": pages_cache}
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
        self.pages_timeout = None
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
        shutil.rmtree(self.tmp_dir, ignore_errors=True)

    def death_reason(self) -> str:
        code = self.proc.returncode
        if code is None:
            how = "stopped answering"
        elif code < 0:
            name = _SIGNAL_NAMES.get(-code, f"signal {-code}")
            # SIGKILL: the kernel's OOM killer; SIGABRT: a library's allocation failing under the worker's memory limit.
            how = f"was killed by {name}" + (" (out of memory?)" if -code in (signal.SIGKILL, signal.SIGABRT) else "")
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
                 max_tasks_per_child: Optional[int] = MAX_TASKS_PER_CHILD, page_seconds: Optional[float] = None,
                 pages_cache: Optional[str] = None):
        self.size = max(1, int(size))
        # Seconds a page: when set, a document's timeout grows with its page count (see PAGE_SECONDS).
        self.page_seconds = page_seconds
        self.extract_ref = extract_ref
        self.include_text = include_text
        self.pages_cache = pages_cache
        self.max_tasks = max_tasks_per_child
        self.children: list[_Child] = []
        self._failed_starts = 0

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _spawn(self) -> _Child:
        child = _Child(self.extract_ref, self.include_text, count_pages=bool(self.page_seconds), pages_cache=self.pages_cache)
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
                        if "ok" not in message:  # the document's page count: its timeout grows with it
                            if self.page_seconds and message.get("pages"):
                                scaled = min(MAX_SCALED_TIMEOUT, self.page_seconds * int(message["pages"]))
                                if scaled > child.timeout:
                                    child.pages_timeout = scaled
                                    child.deadline = child.started + scaled
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
                            reason=f"no result after {child.pages_timeout or timeout:g} s; the worker was stopped"))
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
    timeout: Optional[float] = None,
    progress: ProgressArg = None,
    include_text: bool = False,
    extract_fn: str = EXTRACT_REF,
    max_tasks_per_child: Optional[int] = MAX_TASKS_PER_CHILD,
    pages_cache: Optional[Union[str, os.PathLike]] = None,
) -> BatchReport:
    """Convert every PDF in ``inputs`` to ``out_dir/REL/NAME.json``; see the module docstring.

    ``workers``: worker processes (default: the usable cores). ``timeout``:
    seconds per document before its worker is killed (default: ``DEFAULT_TIMEOUT``, more for a
    document of many pages, ``PAGE_SECONDS`` a page). ``progress``: see
    ``make_progress``. ``extract_fn``: ``"module:function"`` called as
    ``fn(path, include_text=...)`` in the workers (for tests and experiments). ``pages_cache``: a
    folder where the workers keep the pages they read (``extractor.page_cache``), for a later
    stage; the pipeline's own extract function only.
    Writes ``out_dir/batch-report.json`` and returns the same report.
    Raises ``BatchError`` when the batch cannot run at all.
    """
    out_dir = Path(out_dir)
    workers = workers or default_workers()
    reporter = make_progress(progress)
    page_seconds = PAGE_SECONDS if timeout is None else None
    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    remove_stale_worker_folders()
    with locked_out_dir(out_dir), stop_on_sigterm():
        plan = plan_batch(inputs, out_dir, force=force, include_text=include_text)
        size = max(1, min(workers, len(plan.todo)))
        recorder = Recorder(out_dir, plan, reporter, engine="local", workers=size)
        recorder.start(len(plan.todo))
        # Large files first, so that the last document to finish is a short one.
        todo = sorted(plan.todo, key=lambda job: _size(job.source), reverse=True)
        interrupted = True
        try:
            if todo:
                cache = str(pages_cache) if pages_cache and extract_fn == EXTRACT_REF else None
                with WorkerPool(size, extract_fn, include_text, max_tasks_per_child, page_seconds, cache) as pool:
                    pool.run(((job, job.source) for job in todo), timeout, recorder.record)
            interrupted = False
        finally:
            report = recorder.finish(interrupted=interrupted)
    return report


def remove_stale_worker_folders() -> None:
    """Remove the temporary folders of workers whose batch is gone (killed with -9: nobody was
    left to clean up); a running batch's folders are kept."""
    root = Path(tempfile.gettempdir())
    for folder in root.glob(f"{_WORKER_TMP_PREFIX}*"):
        match = re.match(rf"{_WORKER_TMP_PREFIX}(\d+)-", folder.name)
        if not match or not folder.is_dir():
            continue
        pid = int(match.group(1))
        try:
            os.kill(pid, 0)
            continue  # its batch still runs
        except ProcessLookupError:
            pass
        except PermissionError:
            continue  # someone else's running process
        shutil.rmtree(folder, ignore_errors=True)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
