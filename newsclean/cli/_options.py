from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar, cast

import click

from .._rules import RulesArg

F = TypeVar("F", bound=Callable[..., object])


def rules_option(function: F) -> F:
    """``--rules`` (packs instead of the built-in ones) and ``--extra-rules`` (packs added to them, as
    ``default_rules() + load_pack(path)`` in Python), given to the command as one ``rules`` argument: the packs'
    paths, a RuleSet, or None for the built-in packs."""

    @functools.wraps(function)
    def with_rules(*args: Any, rules: tuple[str, ...], extra_rules: tuple[str, ...], **kwargs: Any) -> Any:
        return function(*args, rules=_chosen_rules(rules, extra_rules), **kwargs)

    for name, help_text in (
        ("--extra-rules", "A rule pack (TOML) to use besides the built-in packs (or those of --rules); repeatable."),
        ("--rules", "A rule pack (TOML) to use instead of the built-in packs; repeatable."),
    ):
        with_rules = click.option(
            name, multiple=True, type=click.Path(exists=True, dir_okay=False), callback=_loadable_packs, help=help_text
        )(with_rules)
    return cast(F, with_rules)


def _loadable_packs(context: click.Context, parameter: click.Parameter, paths: tuple[str, ...]) -> tuple[str, ...]:
    """The packs' paths, once each has loaded: a pack that is not valid, or whose rules contradict their examples,
    is a usage error (exit 2) before any input is read, not a traceback from the first worker."""
    from .._exceptions import RuleError
    from .._rules import load_packs

    try:
        if paths:
            # Kept for _chosen_rules, which checks them combined with the other option's packs.
            context.meta[_LOADED.format(parameter.name)] = load_packs(paths)
    except RuleError as exc:
        raise click.BadParameter(str(exc), ctx=context, param=parameter) from None
    return paths


_LOADED = "newsclean.packs.{}"


def _chosen_rules(rules: tuple[str, ...], extra_rules: tuple[str, ...]) -> RulesArg:
    """Paths when there are no extra packs (workers load them, and a checkpoint records them); else the packs
    combined. Either way the rules are checked together as a Pipeline would combine them (a repeated rule id, a
    ``yields_to`` naming no rule in use, text rules too large for one RE2 set), so that a problem is a usage error
    (exit 2) here, not a traceback once the input is being read."""
    from .._exceptions import RuleError
    from .._rules import RuleSet, checked_rules, default_rules, load_packs

    if not rules and not extra_rules:
        return None
    meta = click.get_current_context().meta

    def loaded(name: str, paths: tuple[str, ...]) -> RuleSet:
        found = meta.get(_LOADED.format(name))
        return found if isinstance(found, RuleSet) else load_packs(paths)

    try:
        base = loaded("rules", rules) if rules else default_rules()
        combined = base + loaded("extra_rules", extra_rules) if extra_rules else base
        checked_rules(combined)
    except RuleError as exc:
        raise click.BadParameter(str(exc), param_hint="'--extra-rules'" if extra_rules else "'--rules'") from None
    return combined if extra_rules else list(rules)


#: What only a write gives: the open went through, the bytes found no room (or no device).
_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def file_error(exc: OSError, *, unnamed: str = "the output") -> click.ClickException:
    """A file that cannot be opened, created or written, named in the message (exit 1); ``unnamed`` is what to call
    it when the error names no file (a write to standard output)."""
    hint = exc.strerror or str(exc)
    if isinstance(exc, FileExistsError | NotADirectoryError):
        # "-o notes.txt/out.jsonl": the folder to write into is a file ("File exists" said nothing of that)
        hint = f"{hint}: a file stands where a folder of the output's path should be"
    if exc.errno in _WRITE_ERRNOS:  # click's FileError says "Could not open file", which this was not
        name = repr(str(exc.filename)) if exc.filename is not None else unnamed
        return click.ClickException(f"Could not write {name}: {hint}")
    return click.FileError(str(exc.filename or unnamed), hint=hint)


def exit_for_a_gone_reader() -> NoReturn:
    """Stop quietly once the reader of standard output has gone ("| head -1"), as a Unix tool killed by SIGPIPE
    does (status 128 + 13), with standard output pointed elsewhere so that its final flush cannot fail."""
    with contextlib.suppress(OSError, ValueError):  # no file descriptor under it (click's test runner)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(141)


# Control characters (C0, DEL, C1) and the line and paragraph separators: what a terminal acts on, not prints.
_UNPRINTED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def terminal_line(text: str) -> str:
    """``text`` for a line of standard error: a URL or message read from input may hold control characters, which
    a terminal would act on (a NUL, an escape sequence, a line break splitting the line): each is written as its
    escape ("\\x00", "\\n")."""
    return _UNPRINTED.sub(lambda found: found.group(0).encode("unicode_escape").decode("ascii"), text)
