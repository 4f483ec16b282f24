from __future__ import annotations

import click

from .._exceptions import NewscleanError
from .._pipeline import Pipeline
from .._rules import RulesArg
from ._inputs import read_document
from ._options import rules_option, terminal_line


@click.command("explain")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--text", "force_text", is_flag=True, help="Treat the input as a plain-text dump.")
@rules_option
def explain_command(file: str, force_text: bool, rules: RulesArg) -> None:
    """Print FILE's kept text and, below it, every removal with its stage, the paragraph it stood at (¶N, counted
    from 0 among the paragraphs the text stage was given, as the record's ``paragraph``), its rule and category."""
    document = read_document(file, force_text=force_text)
    try:
        article = Pipeline(rules=rules).run(document)
    except NewscleanError as exc:
        raise click.ClickException(str(exc)) from None
    # Every line is the page's text: a control character in it is written as its escape, never sent to the
    # terminal to act on (click strips only colour codes, and only when the output is no terminal).
    if article.title:
        click.echo(f"# {terminal_line(article.title)}")
        click.echo()
    if article.paragraphs:
        click.echo("\n\n".join(map(terminal_line, article.paragraphs)))
    else:
        click.echo(f"(no article text: status {article.status})")
    click.echo()
    click.echo(f"--- {len(article.removed)} removal(s) ---")
    for removal in article.removed:
        snippet = removal.text if len(removal.text) <= 160 else removal.text[:157] + "..."
        place = "" if removal.paragraph is None else f" ¶{removal.paragraph}"
        click.echo(f"[{removal.stage}{place}] {removal.rule} ({removal.category}): {terminal_line(snippet)}")
