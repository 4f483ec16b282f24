from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])


def rules_option(function: F) -> F:
    return click.option(
        "--rules",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        callback=_loadable_packs,
        help="A rule pack (TOML) to use instead of the built-in packs; repeatable.",
    )(function)


def _loadable_packs(context: click.Context, parameter: click.Parameter, paths: tuple[str, ...]) -> tuple[str, ...]:
    """The packs' paths, once each has loaded: a pack that is not valid, or whose rules contradict their examples,
    is a usage error (exit 2) before any input is read, not a traceback from the first worker."""
    from .._exceptions import RuleError
    from .._rules import resolve_rules

    try:
        resolve_rules(list(paths) or None)
    except RuleError as exc:
        raise click.BadParameter(str(exc), ctx=context, param=parameter) from None
    return paths


def file_error(exc: OSError) -> click.FileError:
    """A file that cannot be opened, created or written, named in click's message (exit 1)."""
    hint = exc.strerror or str(exc)
    if isinstance(exc, FileExistsError | NotADirectoryError):
        # "-o notes.txt/out.jsonl": the folder to write into is a file ("File exists" said nothing of that)
        hint = f"{hint}: a file stands where a folder of the output's path should be"
    return click.FileError(str(exc.filename or "?"), hint=hint)
