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
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="protokoll")
def main() -> None:
    """Swedish meeting minutes (protokoll, minnesanteckningar) from PDF to structured JSON.

    Start with `protokoll extract FILE.pdf`; `protokoll batch` converts folders,
    `protokoll export` makes spreadsheets, `protokoll eval` scores against gold files.
    """


@main.command("extract")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the JSON here (atomically) instead of to stdout.")
@click.option("--include-text", is_flag=True, help="Add the text of every page, so that evidence offsets can be shown.")
@click.option("--no-ocr", is_flag=True, help="Never OCR; pages without a usable text layer stay empty.")
@click.option("--compact", is_flag=True, help="One line of JSON instead of indented output.")
def extract_command(file: str, output: str | None, include_text: bool, no_ocr: bool, compact: bool) -> None:
    """Read one minutes PDF (born-digital or scanned) and write its JSON document.

    Exit status: 0 on success, 2 when the input cannot be read (not a PDF,
    empty, damaged, encrypted, no pages, no text), with the reason on stderr.
    """
    from extractor.pipeline import extract
    from extractor.writer import write_atomic

    minutes = extract(file, include_text=include_text, ocr=not no_ocr)
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
    """Check what extraction needs: Tesseract, its Swedish pack, the NER model, library versions.

    Exit status 0 when everything is in place, 1 when something is missing.
    """
    import importlib.metadata as md

    from extractor import ocr
    from extractor.entities import model_info

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
        info = model_info()
        report(True, "NER model", f"{info.get('name')} {info.get('version')} at {info.get('path')}")
    except Exception as exc:  # a missing model is a finding here, not a crash
        report(False, "NER model", str(exc))
    for package in ("pdfplumber", "pypdfium2", "spacy", "pydantic", "fastjsonschema", "rapidfuzz"):
        try:
            report(True, package, md.version(package))
        except md.PackageNotFoundError:
            report(False, package, "not installed")
    sys.exit(1 if problems else 0)


def _register_commands() -> None:
    # The heavier commands live beside the library code they drive.
    from extractor.batch import batch_command
    from extractor.evaluate import eval_command
    from extractor.export import export_command
    from extractor.ner_training import train_ner_command

    for command in (batch_command, export_command, eval_command, train_ner_command):
        main.add_command(command)


_register_commands()


if __name__ == "__main__":
    main()
