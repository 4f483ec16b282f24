"""The ``newsclean`` command line. Exit codes: 0 success (an input or document that could not be read or cleaned
is a reject, not an error: exit 1 for it takes ``--strict``); 1 documents failed (with ``--strict``), or the run
could not start or go on (an output that cannot be written, workers that cannot start, another run writing the
same output); 2 usage error (files to write that clash with each other or an input, options that do not go
together), before anything is written; 130 and 143 interrupted (Ctrl-C, SIGTERM); 141 the reader of standard
output went away. See docs/batch.md."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import IO, Any

import click

from .._version import __version__
from ..batch._stderr import silence_stderr
from ._clean import clean_command
from ._explain import explain_command
from ._fetch import fetch_command


class _Commands(click.Group):
    """The command group, whose errors keep their exit status when their message cannot be written: click writes
    a usage error's message after catching it, and a write to a standard error whose reader has gone raised out of
    click's handler, the status 2 lost for 1 (a traceback's)."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with _shown_best_effort():  # the group's own options
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with _shown_best_effort():  # a command's arguments and options, and its own errors
            return super().invoke(ctx)


@contextlib.contextmanager
def _shown_best_effort() -> Iterator[None]:
    """Lets a ``click.ClickException`` through with a ``show`` that silences standard error when writing to it
    fails (a broken pipe, a closed file), rather than raising from click's handler."""
    try:
        yield
    except click.ClickException as error:
        show = error.show

        def shown(file: IO[Any] | None = None) -> None:
            try:
                show(file)
            except (OSError, ValueError):
                silence_stderr()

        error.show = shown  # type: ignore[method-assign]
        raise


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsclean")
def main() -> None:
    """Turn scraped news pages into clean article records."""


main.add_command(clean_command)
main.add_command(explain_command)
main.add_command(fetch_command)
