"""The examples in the package's docstrings run as written (``help(newsclean)`` is where many users start)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import newsclean

# The integration modules import their engine (Ray, Dask, Spark) only when used; their examples are all skipped.
MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(newsclean.__path__, "newsclean.")
    if not info.name.startswith(("newsclean.integrations.", "newsclean.__main__"))
)


@pytest.mark.parametrize("name", ["newsclean", *MODULES])
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed"


def test_the_package_docstring_has_an_example_that_runs() -> None:
    assert doctest.testmod(newsclean).attempted >= 3
