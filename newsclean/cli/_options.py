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
