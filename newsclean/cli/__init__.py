"""The ``newsclean`` command line. Exit codes: 0 success (an input or document that could not be read or cleaned
is a reject, not an error: exit 1 for it takes ``--strict``); 1 documents failed (with ``--strict``), or the run
could not start or go on (an output that cannot be written, workers that cannot start, another run writing the
same output); 2 usage error (files to write that clash with each other or an input, options that do not go
together), before anything is written; 130 and 143 interrupted (Ctrl-C, SIGTERM); 141 the reader of standard
output went away. See docs/batch.md."""

from __future__ import annotations

import click

from .._version import __version__
from ._clean import clean_command
from ._explain import explain_command
from ._fetch import fetch_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsclean")
def main() -> None:
    """Turn scraped news pages into clean article records."""


main.add_command(clean_command)
main.add_command(explain_command)
main.add_command(fetch_command)
