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
        help="A rule pack (TOML) to use instead of the built-in packs; repeatable.",
    )(function)


def file_error(exc: OSError) -> click.FileError:
    """A file that cannot be opened, created or written, named in click's message (exit 1)."""
    return click.FileError(str(exc.filename or "?"), hint=exc.strerror or str(exc))
