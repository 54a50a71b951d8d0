"""What a batch shows as it goes: one display, a bar on a terminal and a line a document elsewhere."""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Optional, Protocol, Union

if TYPE_CHECKING:
    from extractor.batch_core import BatchReport


@dataclass(frozen=True)
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

    @property
    def to_check(self) -> bool:
        return self.status == "converted" and self.quality not in (None, "ok")


class ProgressReporter(Protocol):
    def start(self, total: int, skipped: int, workers: int) -> None: ...

    def update(self, event: DocEvent) -> None: ...

    def finish(self, report: "BatchReport") -> None: ...


class ProgressDisplay:
    """Documents done of all, pages per second, failures and outputs to check so far, time left.

    ``bar``: a rich progress bar on ``console`` (a terminal), each failure printed above it;
    otherwise one line per document on ``stream`` (stderr), for logs and pipes.
    """

    def __init__(self, bar: bool, console=None, stream=None):
        self.bar = bar
        self.console = console
        self.stream = stream
        self.total = self.done = self.pages = self.failed = self.to_check = 0
        self._progress = None
        self._task = None
        self._t0 = time.monotonic()

    def start(self, total: int, skipped: int, workers: int) -> None:
        self.total, self._t0 = total, time.monotonic()
        if not self.bar:
            self._line(f"protokoll batch: {total} to convert, {skipped} up to date (skipped), {workers} workers")
            return
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self._progress = Progress(
            SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("docs"), TextColumn("{task.fields[rate]:.1f} pages/s"),
            TextColumn("[red]{task.fields[failed]} failed"), TextColumn("[yellow]{task.fields[to_check]} to check"),
            TimeElapsedColumn(), TextColumn("elapsed,"), TimeRemainingColumn(), TextColumn("left"),
            console=self.console or Console(stderr=True), transient=False,
        )
        skipped_note = f" ({skipped} up to date)" if skipped else ""
        self._progress.start()
        self._task = self._progress.add_task(f"Converting{skipped_note}", total=total, rate=0.0, failed=0, to_check=0)

    def update(self, event: DocEvent) -> None:
        self.done += 1
        self.pages += event.pages
        self.failed += event.status == "failed"
        self.to_check += event.to_check
        if not self.bar:
            self._line(self._event_line(event))
            return
        if self._progress is None:
            return
        if event.status == "failed":
            from rich.markup import escape

            # A file name like "[/x].pdf" is text, not markup (rich would refuse it and stop the batch).
            self._progress.console.print(f"[red]failed[/red] {escape(f'{event.path}: {event.kind}: {event.reason}')}",
                                         markup=True, highlight=False, soft_wrap=True)
        elapsed = max(time.monotonic() - self._t0, 1e-6)
        self._progress.update(self._task, advance=1, rate=self.pages / elapsed, failed=self.failed,
                              to_check=self.to_check)

    def finish(self, report: "BatchReport") -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def _event_line(self, event: DocEvent) -> str:
        prefix = f"[{self.done:>{len(str(self.total))}}/{self.total}]"
        if event.status == "failed":
            return f"{prefix} {'FAILED':<11} {event.path}: {event.kind}: {event.reason}"
        flag = event.quality or "ok"
        note = f": {event.reason}" if flag != "ok" and event.reason else ""
        return f"{prefix} {flag:<11} {event.path} ({event.pages} pages, {event.seconds:.1f} s){note}"

    def _line(self, text: str) -> None:
        print(text, file=self.stream or sys.stderr, flush=True)


class _Silent:
    def start(self, total: int, skipped: int, workers: int) -> None:
        pass

    def update(self, event: DocEvent) -> None:
        pass

    def finish(self, report: "BatchReport") -> None:
        pass


class _Callback(_Silent):
    def __init__(self, callback: Callable[[DocEvent], Any]):
        self.callback = callback

    def update(self, event: DocEvent) -> None:
        self.callback(event)


ProgressArg = Union[None, bool, str, ProgressReporter, Callable[[DocEvent], Any]]


def make_progress(progress: ProgressArg) -> ProgressReporter:
    """``None``/``False``/"none": silent; "plain": lines on stderr; "rich": a bar;
    "auto" or ``True``: a bar on a terminal, else lines; a reporter object; or a callable per event."""
    if progress in (None, False, "none", "quiet"):
        return _Silent()
    if progress in (True, "auto"):
        from rich.console import Console

        console = Console(stderr=True)
        return ProgressDisplay(bar=console.is_terminal, console=console)
    if progress == "plain":
        return ProgressDisplay(bar=False)
    if progress == "rich":
        return ProgressDisplay(bar=True)
    if all(hasattr(progress, name) for name in ("start", "update", "finish")):
        return progress  # type: ignore[return-value]
    if callable(progress):
        return _Callback(progress)
    raise ValueError(f"unknown progress setting: {progress!r}")


def print_report(report: "BatchReport", console=None) -> None:
    """The summary shown at the end of a batch (on stdout)."""
    from pathlib import Path

    from rich.console import Console
    from rich.table import Table

    from extractor.batch_core import QUALITIES, REPORT_NAME

    console = console or Console(highlight=False)
    rate = f"{report.pages_per_second:.2f} pages/s" if report.pages else "no pages"
    console.print(
        f"Converted {report.converted}, skipped {report.skipped} (up to date), failed {report.failed}"
        f" - {report.pages} pages in {report.seconds:.1f} s ({rate})", markup=False, soft_wrap=True)
    if report.failures:
        if console.is_terminal:
            table = Table("input", "error", "reason", title="Failed inputs", title_justify="left")
            from rich.text import Text

            for failure in sorted(report.failures, key=lambda f: f.path):
                table.add_row(Text(failure.path), Text(failure.kind), Text(failure.reason))  # names are not markup
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
