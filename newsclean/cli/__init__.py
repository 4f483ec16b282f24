"""The ``newsclean`` command line. Exit codes: 0 success, 1 documents failed (with ``--strict``) or an
input could not be read, 2 usage error."""

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
