"""The ``protokoll`` command: a thin layer over the library.

Every command prints one clear line on stderr and exits non-zero for input it
cannot read; no traceback reaches the user.
"""
from __future__ import annotations

import json
import sys

import click

from extractor import __version__


class _Group(click.Group):
    def invoke(self, ctx):
        from extractor.errors import ExtractionError

        try:
            return super().invoke(ctx)
        except ExtractionError as exc:
            click.echo(f"protokoll: error: {exc}", err=True)
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
def extract_command(file: str, output: str | None, include_text: bool, no_ocr: bool, compact: bool,
                    no_entities: bool) -> None:
    """Read one minutes PDF (born-digital or scanned) and write its JSON document.

    Exit status: 0 on success; 3 when the input cannot be read (not a PDF,
    empty, damaged, encrypted, no pages, no text, not Swedish), 4 when a
    dependency is missing (Tesseract, its Swedish pack, a model), each with
    the reason on one line of stderr.
    """
    from extractor.pipeline import extract
    from extractor.writer import write_atomic

    minutes = extract(file, include_text=include_text, ocr=not no_ocr, entities=not no_entities)
    text = minutes.to_json(indent=None if compact else 2) + "\n"
    if output:
        write_atomic(output, text)
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
    from pathlib import Path

    from extractor.line_training import annotate, leave_one_org_out, train, training_sequences

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
def train_ner_command(output, data_dir, annotations, config_path, max_minutes, max_epochs, seed, synthetic,
                      train_on_dev, no_features):
    """Rebuild the Swedish NER model and print its scores on test_corpus.txt.

    Paths are relative to the folder it is run in (the project folder).
    """
    from pathlib import Path

    from extractor.training.ner import dir_size, format_scores, train_model

    overrides: dict = {}
    if max_epochs is not None:
        overrides["training.max_epochs"] = max_epochs
    if seed is not None:
        overrides["system.seed"] = seed
    res = train_model(Path(output), data_dir=Path(data_dir), annotations=Path(annotations), config_path=Path(config_path),
                      max_minutes=max_minutes, overrides=overrides, features=not no_features,
                      synthetic=synthetic, train_on_dev=train_on_dev)
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
                   f"{g['exact']}/{g['names']} ({g['not_checkable']} not written in natural order on one line)")


def _register_commands() -> None:
    # The heavier commands live beside the library code they drive.
    from extractor.batch import batch_command
    from extractor.evaluate import eval_command
    from extractor.export import export_command
    from extractor.review import review_command

    for command in (batch_command, export_command, eval_command, review_command):
        main.add_command(command)


_register_commands()


if __name__ == "__main__":
    main()
