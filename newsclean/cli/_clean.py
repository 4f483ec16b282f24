from __future__ import annotations

import sys

import click

from .._models import Failure, to_json
from .._pipeline import Document, Pipeline
from ._inputs import read_document
from ._options import rules_option


@click.command("clean")
@click.argument("files", nargs=-1, required=True)
@click.option("--text", "force_text", is_flag=True, help="Treat every input as a plain-text dump.")
@click.option("--strict", is_flag=True, help="Exit 1 when any document fails.")
@rules_option
def clean_command(files: tuple[str, ...], force_text: bool, strict: bool, rules: tuple[str, ...]) -> None:
    """Clean FILES (HTML, .txt dumps, or - for stdin) and write one JSON record per line to stdout.

    A document that cannot be cleaned is written as a failure record ({"stage", "error", "message", ...})
    in its place, so every input has exactly one output line.
    """
    pipeline = Pipeline(rules=list(rules) or None)
    failed = 0
    out = sys.stdout.buffer

    def documents() -> list[Document]:
        return [read_document(name, force_text=force_text) for name in files]

    try:
        inputs = documents()
    except OSError as exc:
        raise click.FileError(getattr(exc, "filename", None) or "?", hint=exc.strerror) from None
    for record in pipeline.run_many(inputs):
        if isinstance(record, Failure):
            failed += 1
            click.echo(f"newsclean: {record.position}: {record.error}: {record.message}", err=True)
        out.write(to_json(record) + b"\n")
    out.flush()
    if failed and strict:
        sys.exit(1)
