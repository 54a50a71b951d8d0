"""``protokoll batch --engine dask``: the same batch on a dask.distributed cluster.

Planning, resume, output paths and the report are the batch core's
(``extractor.batch_core``); only the executor differs:

- The client reads each input and ships its bytes to a worker, so the workers
  need no shared file system, only the package, Tesseract and its ``swe``
  language pack (see docs/cluster.md).
- On the worker the document is converted in a worker subprocess
  (``extractor.batch.WorkerPool``, kept for the next task), so a document
  that hangs past the timeout or crashes its process is recorded as failed
  and neither the dask worker nor the batch goes down with it.
- The worker returns the JSON text; the client writes it atomically into the
  output folder and records failures, exactly as the local engine does.

With no scheduler address a ``LocalCluster`` of ``workers`` single-threaded
worker processes is started for the batch and closed after it.
"""
from __future__ import annotations

import asyncio
import logging
import os
import shutil
import tempfile
import threading
import time
import uuid
from collections import deque
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Optional, Union

from extractor.batch import WorkerPool
from extractor.batch_core import (
    DEFAULT_TIMEOUT, EXTRACT_REF, BatchError, BatchReport, Outcome, Recorder, default_workers, locked_out_dir,
    plan_batch, stop_on_sigterm,
)
from extractor.progress import ProgressArg, make_progress

# Inputs larger than this travel to the workers through ``scatter``, not inside the task.
_SCATTER_BYTES = 1 << 20

# Worker pools kept in each dask worker process between tasks, by (extract_fn, include_text).
_POOLS: dict[tuple[str, bool], list[WorkerPool]] = {}
_POOLS_LOCK = threading.Lock()


def _checkout_pool(extract_ref: str, include_text: bool) -> WorkerPool:
    with _POOLS_LOCK:
        idle = _POOLS.setdefault((extract_ref, include_text), [])
        if idle:
            return idle.pop()
    return WorkerPool(1, extract_ref, include_text)


def _checkin_pool(pool: WorkerPool) -> None:
    with _POOLS_LOCK:
        _POOLS.setdefault((pool.extract_ref, pool.include_text), []).append(pool)


def convert_bytes(name: str, data: bytes, display: str, include_text: bool = False,
                  timeout: float = DEFAULT_TIMEOUT, extract_ref: str = EXTRACT_REF) -> dict:
    """Dask task: convert one document given as bytes; returns an ``Outcome`` as a dict.

    The bytes are written to a private temporary folder under their own base
    name (the output's ``source.file``) and converted in an isolated worker
    subprocess with ``timeout``.
    """
    folder = tempfile.mkdtemp(prefix="protokoll-dask-")
    path = os.path.join(folder, os.path.basename(name) or "input.pdf")
    try:
        with open(path, "wb") as handle:
            handle.write(data)
        pool = _checkout_pool(extract_ref, include_text)
        try:
            outcome = pool.run_one(path, timeout)
        except BaseException:
            pool.close(kill=True)
            raise
        _checkin_pool(pool)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if outcome.reason:
        outcome.reason = outcome.reason.replace(path, display)
    return asdict(outcome)


def _read_input(path: Path) -> tuple[Optional[bytes], Optional[Outcome]]:
    try:
        return path.read_bytes(), None
    except FileNotFoundError:
        return None, Outcome(ok=False, kind="not-found", reason=f"{path}: no such file")
    except IsADirectoryError:
        return None, Outcome(ok=False, kind="not-a-pdf", reason=f"{path}: is a folder, not a PDF file")
    except OSError as exc:
        return None, Outcome(ok=False, kind="read-failed", reason=f"{path}: {exc.strerror or exc}")


def _failure_from_exception(exc: BaseException) -> Outcome:
    name = type(exc).__name__
    if name == "KilledWorker":
        return Outcome(ok=False, kind="worker-crashed",
                       reason="the dask worker running this file died (and so did its retries)")
    return Outcome(ok=False, kind="internal-error", reason=f"{name}: {exc}")


def run_batch_dask(
    inputs: Iterable[Union[str, os.PathLike]],
    out_dir: Union[str, os.PathLike],
    scheduler: Optional[str] = None,
    workers: Optional[int] = None,
    force: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    progress: ProgressArg = None,
    include_text: bool = False,
    extract_fn: str = EXTRACT_REF,
    client=None,
    connect_timeout: float = 30.0,
) -> BatchReport:
    """``run_batch`` on a dask cluster: same inputs, outputs, resume rules and report.

    ``scheduler``: address such as ``tcp://10.0.0.5:8786``; without it (and
    without ``client``) a ``LocalCluster`` of ``workers`` processes (default:
    the usable cores) with one thread each runs the batch. ``client``: an
    existing ``distributed.Client`` to use instead (left open).
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - depends on the install
        raise BatchError("the dask engine needs dask.distributed: pip install 'protokoll[dask]'") from None

    out_dir = Path(out_dir)
    reporter = make_progress(progress)
    with locked_out_dir(out_dir), stop_on_sigterm():
        plan = plan_batch(inputs, out_dir, force=force, include_text=include_text)
        cluster = None
        own_client = client is None
        try:
            if client is None:
                if scheduler:
                    try:
                        client = Client(scheduler, timeout=f"{connect_timeout}s")
                    except (OSError, TimeoutError, asyncio.TimeoutError) as exc:
                        raise BatchError(f"cannot reach the dask scheduler at {scheduler}: {exc}") from None
                else:
                    cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1,
                                           processes=True, dashboard_address=":0",
                                           silence_logs=logging.ERROR)
                    client = Client(cluster)
            threads = sum(client.nthreads().values()) or 1
            recorder = Recorder(out_dir, plan, reporter, engine="dask", workers=threads)
            recorder.start(len(plan.todo))
            interrupted = True
            try:
                _run(client, plan.todo, recorder, threads, timeout, include_text, extract_fn)
                interrupted = False
            finally:
                report = recorder.finish(interrupted=interrupted)
        finally:
            if own_client and client is not None:
                client.close()
            if cluster is not None:
                cluster.close()
    return report


def _run(client, todo, recorder: Recorder, threads: int, timeout: float, include_text: bool,
         extract_fn: str) -> None:
    from distributed import wait

    pending = deque(sorted(todo, key=lambda job: _size(job.source), reverse=True))
    in_flight: dict = {}  # future -> (job, client-side deadline, scattered data or None)
    limit = max(2, 2 * threads)
    # The worker enforces ``timeout`` itself; this deadline only catches a lost dask worker.
    # A task may wait for one other document before it starts, hence twice the timeout.
    grace = 2 * timeout + 120
    try:
        while pending or in_flight:
            while pending and len(in_flight) < limit:
                job = pending.popleft()
                data, failed = _read_input(job.source)
                if failed is not None:
                    recorder.record(job, failed)
                    continue
                scattered = client.scatter(data, hash=False) if len(data) > _SCATTER_BYTES else None
                future = client.submit(
                    convert_bytes, job.source.name, scattered if scattered is not None else data, job.display,
                    include_text, timeout, extract_fn, key=f"protokoll-{uuid.uuid4().hex}", pure=False, retries=0,
                )
                in_flight[future] = (job, time.monotonic() + grace, scattered)
            if not in_flight:
                continue
            try:
                done, _ = wait(list(in_flight), timeout=5, return_when="FIRST_COMPLETED")
            except (TimeoutError, asyncio.TimeoutError):
                done = set()
            for future in done:
                job, _, scattered = in_flight.pop(future)
                if future.status == "finished":
                    outcome = Outcome(**future.result())
                else:
                    try:
                        error = future.exception()
                    except BaseException as exc:  # a cancelled future raises instead
                        error = exc
                    outcome = _failure_from_exception(error)
                recorder.record(job, outcome)
                future.release()
                if scattered is not None:
                    scattered.release()
            now = time.monotonic()
            for future, (job, deadline, scattered) in list(in_flight.items()):
                if now >= deadline:
                    del in_flight[future]
                    future.cancel()
                    if scattered is not None:
                        scattered.release()
                    recorder.record(job, Outcome(ok=False, kind="timeout",
                                                 reason=f"no result from the cluster after {grace:g} s"))
    finally:
        for future, (_, _, scattered) in in_flight.items():
            future.cancel()
            if scattered is not None:
                scattered.release()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


__all__ = ["convert_bytes", "run_batch_dask"]
