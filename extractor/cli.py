"""The ``protokoll`` command: a thin layer over the library.

Every command prints one clear line on stderr and exits non-zero for input it
cannot read; no traceback reaches the user.

Long because every command is here: this is the one module that knows click,
and the library functions it calls take plain arguments.
"""
from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import click

from extractor import __version__
from extractor.batch_core import DEFAULT_TIMEOUT, EXTRACT_REF, default_workers


class _Group(click.Group):
    def invoke(self, ctx):
        from extractor.errors import ExtractionError

        try:
            return super().invoke(ctx)
        except ExtractionError as exc:
            click.echo(f"protokoll: error: {exc.kind}: {exc}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="protokoll")
def main() -> None:
    """Swedish meeting minutes (protokoll, minnesanteckningar) from PDF to structured JSON.

    Start with `protokoll extract FILE.pdf`; `protokoll batch` converts folders,
    `protokoll export` makes spreadsheets, `protokoll eval` scores against gold files.

    \b
    Exit status, the same for every command:
      0  done
      1  some inputs failed (batch), or a gate was not met (batch --strict, eval --min-f1)
      2  usage error: a wrong option or argument
      3  the input cannot be read: not a PDF, empty, truncated, encrypted, no pages,
         no text, not Swedish
      4  a dependency is missing: Tesseract, its Swedish pack, the NER or line-role model
    """


@main.command("extract")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the JSON here (atomically) instead of to stdout.")
@click.option("--include-text", is_flag=True, help="Add the text of every page, so that evidence offsets can be shown.")
@click.option("--no-ocr", is_flag=True, help="Never OCR; pages without a usable text layer stay empty.")
@click.option("--compact", is_flag=True, help="One line of JSON instead of indented output.")
@click.option("--no-entities", is_flag=True, help="Only the structure: no named entities (faster; no NER model needed).")
@click.option("--debug", is_flag=True, help="On failure, show the traceback as well as the one-line error.")
def extract_command(file: str, output: str | None, include_text: bool, no_ocr: bool, compact: bool,
                    no_entities: bool, debug: bool) -> None:
    """Read one minutes PDF (born-digital or scanned) and write its JSON document.

    Exit status: 0 on success; 3 when the input cannot be read (not a PDF,
    empty, damaged, encrypted, no pages, no text, not Swedish), 4 when a
    dependency is missing (Tesseract, its Swedish pack, a model), each with
    the reason on one line of stderr.
    """
    from extractor.errors import ExtractionError, InternalError, printable
    from extractor.pipeline import extract
    from extractor.writer import write_atomic

    try:
        minutes = extract(file, include_text=include_text, ocr=not no_ocr, entities=not no_entities)
    except Exception as exc:
        if debug:
            import traceback

            traceback.print_exc()
        if isinstance(exc, ExtractionError):
            raise
        what = "ran out of memory" if isinstance(exc, MemoryError) else f"{type(exc).__name__}: {exc}"
        raise InternalError(f"{printable(file)}: {what} (protokoll extract --debug shows where)",
                            "out-of-memory" if isinstance(exc, MemoryError) else None) from None
    text = minutes.to_json(indent=None if compact else 2) + "\n"
    if output:
        try:
            write_atomic(output, text)
        except OSError as exc:  # a read-only or full disk: one line, like every other failure
            raise InternalError(f"{printable(output)}: cannot be written ({exc.strerror or exc})", "write-failed") from None
    else:
        click.echo(text, nl=False)


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the output contract (schema_version 1.0)."""
    from extractor.validate import shipped_schema

    click.echo(json.dumps(shipped_schema(), ensure_ascii=False, indent=2))


@main.command("doctor")
def doctor_command() -> None:
    """Check what extraction needs: Tesseract, its Swedish pack, the NER and line-role models, libraries.

    Exit status 0 when everything is in place, 4 when something is missing.
    """
    import importlib.metadata as md

    from extractor import ocr
    from extractor.entities import load_nlp, model_info
    from extractor.errors import EXIT_DEPENDENCY
    from extractor.line_roles import default_model_path, load_model

    problems = 0

    def report(ok: bool, what: str, detail: str) -> None:
        nonlocal problems
        problems += 0 if ok else 1
        click.echo(f"[{'ok' if ok else 'missing'}] {what}: {detail}")

    version = ocr.tesseract_version()
    report(version is not None, "tesseract", version or "not found (apt-get install tesseract-ocr)")
    languages = ocr.tesseract_languages()
    report(ocr.LANGUAGE in languages, f"tesseract language '{ocr.LANGUAGE}'", ", ".join(languages) or "none")
    try:
        load_nlp()  # really loads it: a folder that is there but broken is missing all the same
        info = model_info()
        report(True, "NER model", f"{info.get('name')} {info.get('version')} at {info.get('path')}")
    except Exception as exc:  # a missing model is a finding here, not a crash
        report(False, "NER model", " ".join(str(exc).split()))
    try:
        load_model()
        report(True, "line-role model", str(default_model_path()))
    except Exception as exc:
        report(False, "line-role model", " ".join(str(exc).split()))
    for package in ("pdfplumber", "pypdfium2", "spacy", "pydantic", "fastjsonschema", "rapidfuzz", "python-crfsuite"):
        try:
            report(True, package, md.version(package))
        except md.PackageNotFoundError:
            report(False, package, "not installed")
    sys.exit(EXIT_DEPENDENCY if problems else 0)


@main.command("lines")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="A readable table, or one JSON object per line with every feature.")
@click.option("--no-ocr", is_flag=True, help="Never OCR; pages without a usable text layer stay empty.")
@click.option("--model", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Line-role model to use instead of the shipped one.")
def lines_command(file: str, fmt: str, no_ocr: bool, model: str | None) -> None:
    """Show every line of a minutes PDF with its features and its predicted role.

    Each line has a stable id (p<page>-l<index>), its position and style, the
    features the line-role model reads, and the role it decided. The roles are
    listed in docs/line-roles.md.
    """
    from extractor.layout import find_layout
    from extractor.line_roles import predict
    from extractor.lines import features, records
    from extractor.read_pages import read_document

    found = records(find_layout(read_document(file, ocr=not no_ocr)))
    roles = predict(found, model)
    if fmt == "jsonl":
        for record, role, row in zip(found, roles, features(found)):
            click.echo(json.dumps({**record.to_dict(), "role": role, "features": row}, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "role", "size", "bold", "x0", "text", box=None, pad_edge=False)
    for record, role in zip(found, roles):
        table.add_row(record.id, role, f"{record.size:.1f}", "b" if record.bold else "", f"{record.x0:.0f}",
                      record.text.replace("\t", " | "))
    Console(width=max(100, Console().width)).print(table)


@main.command("train-lines")
@click.option("--docs", "docs_dir", type=click.Path(file_okay=False, exists=True, path_type=str), required=True,
              help="Folder of the annotated PDFs (NAME.pdf), e.g. ../shared/corpus/docs.")
@click.option("--lines", "lines_dir", type=click.Path(file_okay=False, path_type=str), default="corpus/lines",
              show_default=True, help="Folder of the line annotations (NAME.jsonl).")
@click.option("--gold", "gold_dir", type=click.Path(file_okay=False, exists=True, path_type=str), default=None,
              help="Project these gold files onto the lines first (new annotations; checked ones are kept).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), required=True,
              help="Where to write the model (the shipped one is extractor/data/line_roles.crfsuite).")
@click.option("-j", "--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Processes reading the PDFs (scans are OCR'd once and cached).")
@click.option("--leave-one-org-out", "sources", type=click.Path(dir_okay=False, exists=True, path_type=str), default=None,
              help="SOURCES.tsv with an org column: first report the line-role accuracy of each organisation "
                   "by a model trained without its documents.")
def train_lines_command(docs_dir: str, lines_dir: str, gold_dir: str | None, output: str, workers: int,
                        sources: str | None) -> None:
    """Train the line-role model (a CRF) from annotated lines, with a fixed seed."""
    import tempfile

    from extractor.training.lines import annotate, leave_one_org_out, train, training_sequences

    ids = sorted(p.stem for p in Path(docs_dir).glob("*.pdf"))
    if gold_dir:
        written = annotate(Path(docs_dir), Path(gold_dir), Path(lines_dir), ids, workers)
        click.echo(f"projected {len(written)} gold files onto their lines in {lines_dir}")
    sequences, stale = training_sequences(Path(docs_dir), Path(lines_dir), ids, workers)
    if stale:
        click.echo(f"skipped {len(stale)} annotation(s) whose lines changed: {', '.join(stale)}", err=True)
    if not sequences:
        raise click.UsageError(f"no annotated documents: no NAME.jsonl in {lines_dir} has a NAME.pdf in {docs_dir}")
    if sources:
        from extractor.evaluate import load_orgs

        orgs = load_orgs(Path(sources))
        missing = [i for i in sequences if i not in orgs]
        if missing:
            raise click.UsageError(f"{sources} names no organisation for {', '.join(missing)}")
        with tempfile.TemporaryDirectory() as work:
            report = leave_one_org_out(sequences, orgs, Path(work))
        for org, score in report["organisations"].items():
            click.echo(f"{org:30} {score['accuracy']:.3f}  ({score['lines']} lines)")
        for role, score in report["roles"].items():
            click.echo(f"  {role:20} P {score['precision']:.2f}  R {score['recall']:.2f}  ({score['lines']} lines)")
        click.echo(f"line-role accuracy, leaving each organisation out: mean {report['mean']:.3f}, "
                   f"worst {report['worst']:.3f}, pooled {report['pooled']:.3f}")
    train(sequences.values(), Path(output))
    click.echo(f"trained on {len(sequences)} documents, {sum(len(s[0]) for s in sequences.values())} lines: {output}")


@main.command("train-ner")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=str), required=True,
              help="Model folder to write (the shipped one is extractor/data/sv_protokoll_ner).")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=str), default="../shared/data",
              show_default=True, help="Folder with swedish-ner-corpus/.")
@click.option("--annotations", type=click.Path(dir_okay=False, path_type=str),
              default="corpus/ner/minutes_annotations.jsonl", show_default=True,
              help="Minutes-domain annotations (JSONL, character spans).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=str), default="models/config.cfg",
              show_default=True, help="spaCy training config.")
@click.option("--max-minutes", type=float, default=14.0, show_default=True,
              help="Stop training after this many minutes (whole run, setup included).")
@click.option("--max-epochs", type=int, default=None, help="Override training.max_epochs.")
@click.option("--seed", type=int, default=None, help="Override the config's seed.")
@click.option("--synthetic", type=int, default=600, show_default=True,
              help="Synthetic attendance lines built from the gazetteers (0 = none).")
@click.option("--train-on-dev", is_flag=True,
              help="Also train on the dev sentences and keep the last checkpoint (no dev-based selection).")
@click.option("--no-features", is_flag=True, help="Ablation: no gazetteer features in the tok2vec.")
@click.option("--vectors", "vectors_dir", type=click.Path(file_okay=False, exists=True, path_type=str), default=None,
              help="Vectors folder from `protokoll train-vectors`: the tok2vec embeds them too (include_static_vectors).")
def train_ner_command(output, data_dir, annotations, config_path, max_minutes, max_epochs, seed, synthetic,
                      train_on_dev, no_features, vectors_dir):
    """Rebuild the Swedish NER model and print its scores on test_corpus.txt.

    Paths are relative to the folder it is run in (the project folder).
    """
    from extractor.training.folders import dir_size
    from extractor.training.ner import format_scores, train_model

    overrides: dict = {}
    if max_epochs is not None:
        overrides["training.max_epochs"] = max_epochs
    if seed is not None:
        overrides["system.seed"] = seed
    res = train_model(Path(output), data_dir=Path(data_dir), annotations=Path(annotations), config_path=Path(config_path),
                      max_minutes=max_minutes, overrides=overrides, features=not no_features,
                      synthetic=synthetic, train_on_dev=train_on_dev,
                      vectors=Path(vectors_dir) if vectors_dir else None)
    click.echo(f"model: {res.output} ({dir_size(res.output) / 1e6:.1f} MB), training {res.seconds / 60:.1f} min, "
               f"{res.epochs} epochs, {res.steps} steps, best dev F1 {res.best_dev:.3f}")
    if res.test is not None:
        click.echo(format_scores(res.test, "test_corpus.txt (exact span and label, IO runs):"))
    if res.test_without_rules is not None:
        click.echo(f"without the entity_rules layer: overall F1 {res.test_without_rules.overall['f']:.3f}, "
                   f"PER F1 {res.test_without_rules.per_label['PER']['f']:.3f}")
    if res.heldout:
        h = res.heldout
        click.echo(f"held-out attendance names with exact boundaries: {h['exact']}/{h['names']}")
    meta = json.loads((res.output / "meta.json").read_text(encoding="utf-8"))
    g = (meta.get("protokoll_scores") or {}).get("gold_documents_attendance")
    if g:
        click.echo(f"gold participants found with exact boundaries in their attendance line: "
                   f"{g['exact']}/{g['names']} ({g['not_checkable']} not checkable: not a plain name in natural order on one line)")


@main.command("train-vectors")
@click.option("--text", type=click.Path(dir_okay=False, path_type=str),
              default="../shared/data/riksdag-text/interpellations.txt.gz", show_default=True,
              help="Raw text, one paragraph a line (plain or .gz).")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=str), required=True,
              help="Folder to write the vectors to (a spaCy pipeline folder for train-ner --vectors).")
@click.option("--threads", type=int, default=2, show_default=True,
              help="floret threads (only 1 gives bit-identical vectors from run to run).")
@click.option("--dim", type=int, default=128, show_default=True, help="Dimensions of a vector.")
@click.option("--bucket", type=int, default=50_000, show_default=True,
              help="Rows of the subword hash table (the table is bucket x dim float32).")
@click.option("--epochs", type=int, default=5, show_default=True, help="Passes over the text.")
@click.option("--min-count", type=int, default=5, show_default=True,
              help="Words seen fewer times are learned from their subwords only.")
@click.option("--sample", type=float, default=1e-4, show_default=True,
              help="Subsampling threshold of frequent words (floret's -t; larger for a small text).")
@click.option("--seed", type=int, default=20240116, show_default=True, help="floret's random seed.")
def train_vectors_command(text, output, threads, dim, bucket, epochs, min_count, sample, seed):
    """Train Swedish floret word vectors for the NER model from a raw text.

    Tokenises the text with the NER pipeline's tokenizer, trains floret
    vectors (cbow, subword n-grams 4-5) and writes the spaCy vectors table.
    Paths are relative to the folder it is run in (the project folder).
    """
    from extractor.training.vectors import VectorSettings, train_vectors

    settings = VectorSettings(dim=dim, bucket=bucket, epoch=epochs, min_count=min_count, sample=sample,
                              seed=seed)
    res = train_vectors(Path(text), Path(output), threads=threads, settings=settings)
    click.echo(f"vectors: {res.output} ({res.bytes / 1e6:.1f} MB, {bucket:,} x {dim}) from {res.tokens:,} tokens; "
               f"tokenising {res.seconds_tokenise:.0f}s, floret {res.seconds_train:.0f}s, "
               f"table {res.seconds_table:.0f}s")


@main.command("batch", epilog="""\b
Exit status:
  0    every input was converted or was already up to date
  1    some inputs failed (each is listed in DIR/batch-report.json
       with its error kind and reason), or the batch could not run;
       with --strict also when an output's quality is not ok
  2    wrong usage
  130  interrupted (Ctrl-C); run the same command again to resume
  143  stopped by SIGTERM; the report so far is written, run again to resume""")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--out", "-o", "out_dir", required=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="Output folder; each input becomes DIR/REL/NAME.json.")
@click.option("--workers", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help=f"Worker processes [default: number of cores, here {default_workers()}].")
@click.option("--force", is_flag=True, help="Convert every input again, even when its output is up to date.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help=f"Give up on a document after this long [default: {DEFAULT_TIMEOUT:g} s, more for a "
                   "document of many pages].")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing; the report is still written.")
@click.option("--include-text", is_flag=True, help="Add each page's text to the outputs.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run on this machine, or on a dask.distributed cluster.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --engine dask; "
                   "without it --engine dask starts a local cluster).")
@click.option("--strict", is_flag=True,
              help="Exit 1 also when any output's quality is not ok (partial, empty, not-minutes).")
@click.option("--review", is_flag=True, help="Also write a review page NAME.html beside each NAME.json (docs/review.md).")
@click.option("--extract-fn", default=EXTRACT_REF, hidden=True)
def batch_command(inputs, out_dir, workers, force, timeout, quiet, include_text, engine, scheduler, strict, review, extract_fn):
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
    from extractor.batch_core import REPORT_NAME, BatchError
    from extractor.progress import print_report

    progress = None if quiet else "auto"
    dask = engine == "dask" or scheduler
    # With --review the local workers keep the pages they read, so that no scan is OCR'd twice;
    # a cluster's workers keep theirs on their own disks, and the pages are read again here.
    keep_pages = (tempfile.TemporaryDirectory(prefix="protokoll-review-pages-", ignore_cleanup_errors=True)
                  if review and not dask else contextlib.nullcontext())
    with keep_pages as pages_cache:
        try:
            if dask:
                from extractor.dask_engine import run_batch_dask

                report = run_batch_dask(inputs, out_dir, scheduler=scheduler, workers=workers, force=force,
                                        timeout=timeout or DEFAULT_TIMEOUT, progress=progress, include_text=include_text,
                                        extract_fn=extract_fn)
            else:
                from extractor.batch import run_batch

                report = run_batch(inputs, out_dir, workers=workers, force=force, timeout=timeout,
                                   progress=progress, include_text=include_text, extract_fn=extract_fn,
                                   pages_cache=pages_cache)
        except BatchError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt as exc:
            from extractor.batch_core import Terminated

            if not quiet:
                click.echo("Interrupted; the report so far is in " + str(out_dir / REPORT_NAME), err=True)
            sys.exit(143 if isinstance(exc, Terminated) else 130)
        if not quiet:
            print_report(report)
        if review:
            from extractor.review import review_outputs

            pages, failed = review_outputs(inputs, out_dir, pages_cache)
            if not quiet:
                click.echo(f"review pages: {len(pages)} written" + "".join(f"\n  not written: {line}" for line in failed))
    sys.exit(0 if (report.all_ok if strict else report.ok) else 1)


@main.command("eval")
@click.option("--docs", "docs_dir", required=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder with the PDFs (NAME.pdf).")
@click.option("--gold", "gold_dir", required=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder with the gold files (NAME.json).")
@click.option("--predictions", "predictions_dir", default=None,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Score NAME.json from this folder instead of running the extractor.")
@click.option("--json", "json_out", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the report as JSON here.")
@click.option("--kind-file", "kind_file", default=None,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TSV with columns id, kind and org (default: SOURCES.tsv next to the docs folder).")
@click.option("--leave-one-org-out", "loo", is_flag=True,
              help="Score each organisation with a pipeline prepared without its documents; report "
                   "each organisation, their mean and the worst (organisations from the org column).")
@click.option("--workers", default=None, type=click.IntRange(min=1),
              help="Extraction processes for --leave-one-org-out (default 2).")
@click.option("--regions", "regions_by", type=click.Choice(["rules", "roles"]), default="rules", show_default=True,
              help="Find the head, items and signing block by the rule segmentation, or by the line-role "
                   "model (with --leave-one-org-out, each fold's model is trained without its organisation).")
@click.option("--lines", "lines_dir", default=Path("corpus/lines"), show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Annotated lines (NAME.jsonl) the folds' line-role models are trained from (--regions roles).")
@click.option("--min-f1", "min_f1", default=None, type=click.FloatRange(0.0, 1.0),
              help="Exit 1 when the overall field F1 is below this floor (with --leave-one-org-out: "
                   "the mean over organisations).")
def eval_command(docs_dir: Path, gold_dir: Path, predictions_dir: Path | None,
                 json_out: Path | None, kind_file: Path | None, loo: bool,
                 workers: int | None, regions_by: str, lines_dir: Path, min_f1: float | None) -> None:
    """Score extraction against gold files: P/R/F1 per category, per field, per document.

    \b
    Exit status: 0 scored; 1 below --min-f1; 2 nothing to compare (no PDF
    has a gold file, or no gold file has a prediction) or a wrong option.
    """
    from rich.console import Console

    from extractor.evaluate import (
        DocumentScore, PrepareFold, aggregate, default_kind_file, extract_one, group_by_org, leave_one_org_out,
        load_gold_pairs, load_kinds, load_orgs, loo_report_to_dict, no_fold_training, read_prediction,
        render_loo, render_report, report_to_dict, score_by_org, score_document,
    )

    if workers is not None and not loo:
        raise click.UsageError("--workers is for --leave-one-org-out")
    console = Console()
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(width=140)  # a report piped to a file should not be cut at 80 columns
    err = Console(stderr=True)
    pairs = load_gold_pairs(docs_dir, gold_dir)
    paired = {g.stem for _, g in pairs}
    unpaired = sorted(g.stem for g in gold_dir.glob("*.json") if g.stem not in paired)
    if unpaired:
        err.print(f"[yellow]{len(unpaired)} gold file(s) without a PDF in {docs_dir} skipped:[/yellow] "
                  + ", ".join(unpaired), highlight=False)

    golds: dict[str, dict] = {}
    for pdf, gold_path in pairs:
        try:
            golds[gold_path.stem] = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            err.print(f"[red]gold file {gold_path} unreadable, skipped: {exc}[/red]", highlight=False)
    pairs = [(pdf, g) for pdf, g in pairs if g.stem in golds]
    if not pairs:
        # a report of nothing would read as a perfect score
        raise click.UsageError(f"no PDF/gold pairs found: no readable NAME.json in {gold_dir} "
                               f"has a NAME.pdf in {docs_dir}")

    if predictions_dir is not None:
        predicted_names = {p.stem for p in predictions_dir.glob("*.json")}
        without_prediction = sorted(g.stem for _, g in pairs if g.stem not in predicted_names)
        without_gold = sorted(predicted_names - {g.stem for _, g in pairs} - {"batch-report"})
        if without_prediction and len(without_prediction) == len(pairs):
            # scoring every document as empty would only measure the folder names
            raise click.UsageError(f"no gold file in {gold_dir} has a prediction (NAME.json) in {predictions_dir}")
        if without_prediction:
            err.print(f"[yellow]{len(without_prediction)} gold file(s) without a prediction, scored as empty:[/yellow] "
                      + ", ".join(without_prediction), highlight=False)
        if without_gold:
            err.print(f"[yellow]{len(without_gold)} prediction(s) without a gold file, not scored:[/yellow] "
                      + ", ".join(without_gold), highlight=False)

    kind_file = kind_file or default_kind_file(docs_dir)
    kinds = load_kinds(kind_file) if kind_file else {}
    orgs: dict[str, str] = {}
    if loo:
        if kind_file is None:
            raise click.UsageError(f"no SOURCES.tsv next to {docs_dir}: --leave-one-org-out needs "
                                   "each document's organisation (give --kind-file)")
        orgs = load_orgs(kind_file)
        group_by_org([g.stem for _, g in pairs], orgs)  # unknown documents stop the run before any work

    def progress(line: str) -> None:
        err.print(line, highlight=False, style="dim")

    scores: list[DocumentScore] = []
    if loo and predictions_dir is None:
        folds: PrepareFold = no_fold_training
        if regions_by == "roles":
            if not any(lines_dir.glob("*.jsonl")):
                # the shipped model has seen every organisation; a fold must not use it
                raise click.UsageError(f"no annotated lines (NAME.jsonl) in {lines_dir}: each fold's line-role "
                                       "model is trained from them (give --lines)")
            from extractor.training.lines import FoldLineModels

            folds = FoldLineModels(docs_dir, lines_dir, workers or 2)
        loo_report = leave_one_org_out(pairs, orgs, kinds, folds, workers=workers or 2, progress=progress)
    else:
        for pdf, gold_path in pairs:
            name = gold_path.stem
            if predictions_dir is not None:
                predicted, error = read_prediction(predictions_dir, name)
            else:
                started = time.perf_counter()
                predicted, error = {}, None
                try:
                    predicted = extract_one(pdf, regions=regions_by)
                except Exception as exc:  # noqa: BLE001 - any failure is scored as an empty prediction
                    error = f"{type(exc).__name__}: {exc}"
                progress(f"extracted {name} in {time.perf_counter() - started:.1f}s" + (" (failed)" if error else ""))
            scores.append(score_document(predicted, golds[name], name=name, kind=kinds.get(name),
                                         error=error, org=orgs.get(name)))
        loo_report = score_by_org(scores) if loo else None

    if loo_report is not None:
        render_loo(loo_report, console)
        data = loo_report_to_dict(loo_report, "predictions" if predictions_dir is not None else "folds")
    else:
        report = aggregate(scores)
        render_report(report, console)
        data = report_to_dict(report)
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        console.print(f"report written to {json_out}", highlight=False)
    if min_f1 is not None:
        score = (loo_report.summary()["overall"]["mean"] if loo_report is not None else report.overall_f1)
        if score < min_f1:
            err.print(f"overall field F1 {score:.3f} is below the floor {min_f1:.3f}", highlight=False)
            sys.exit(1)


def _parse_sep(value: str) -> str:
    aliases = {"\\t": "\t", "tab": "\t", "TAB": "\t", "comma": ",", "semicolon": ";"}
    value = aliases.get(value, value)
    if len(value) != 1 or value in "\r\n\"":
        raise click.BadParameter("give one character, e.g. ';', ',' or 'tab'")
    return value


@main.command("export", epilog="""\b
Tables: meetings, participants, items, decisions, assignments, entities.
Each row starts with meeting_id: the output's path under DIR without
.json (e.g. "2020/ks-2020-01-16").
\b
Exit status: 0 when the export was written, 1 when DIR holds no outputs,
2 for wrong usage.""")
@click.argument("directory", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), default=None,
              help="xlsx: one workbook, a sheet per table; csv: a folder PATH with a file per table "
                   "[default: xlsx when PATH ends in .xlsx, else csv].")
@click.option("-o", "--output", "output", required=True, metavar="PATH", type=click.Path(path_type=Path),
              help="The workbook (xlsx) or the folder for the CSV files (csv).")
@click.option("--sep", default=";", show_default=True, metavar="CHAR",
              help="CSV field separator: ';' (Excel with Swedish settings), ',' or 'tab'.")
def export_command(directory: Path, fmt: str | None, output: Path, sep: str) -> None:
    """Export the JSON outputs under DIR (from protokoll batch) to XLSX or CSV tables."""
    from extractor.export import COLUMNS, load_outputs, tables, write_csv, write_xlsx

    sep = _parse_sep(sep)
    if fmt is None:
        fmt = "xlsx" if output.suffix.lower() == ".xlsx" else "csv"
    if fmt == "csv" and output.exists() and not output.is_dir():
        raise click.BadParameter(f"{output} is a file; CSV export writes a folder of files", param_hint="-o")
    if fmt == "xlsx" and output.is_dir():
        raise click.BadParameter(f"{output} is a folder; XLSX export writes one file", param_hint="-o")
    outputs = load_outputs(directory)
    if not outputs:
        raise click.ClickException(f"no minutes JSON files under {directory}")
    rows = tables(outputs)
    if fmt == "xlsx":
        write_xlsx(rows, output)
    else:
        write_csv(rows, output, sep=sep)
    counts = ", ".join(f"{len(rows[name])} {name}" for name in COLUMNS)
    click.echo(f"Exported {counts} to {output}")


@main.command("review")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=str))
@click.option("--json", "json_file", type=click.Path(dir_okay=False, exists=True, path_type=str), default=None,
              help="Show this output of `protokoll extract` instead of extracting the PDF again.")
@click.option("--gold", "gold_file", type=click.Path(dir_okay=False, exists=True, path_type=str), default=None,
              help="Open this gold file (or a JSON saved from a review page) to check it or make gold.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=str), required=True,
              help="The HTML file to write.")
@click.option("--no-ocr", is_flag=True, help="Never OCR; pages without a usable text layer stay empty.")
def review_command(file: str, json_file: str | None, gold_file: str | None, output: str, no_ocr: bool) -> None:
    """Write a review page: the PDF's pages with a box over every extracted value, and a form
    to correct them and save the corrected JSON. One HTML file that opens from disk (docs/review.md).
    """
    from extractor.review import review_file

    click.echo(review_file(file, output, json_file, gold_file, ocr=not no_ocr))


if __name__ == "__main__":
    main()
