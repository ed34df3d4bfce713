"""Run the docstring examples of every library module as tests."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import citegraph

PACKAGES = ["citegraph", "citegraph.graph", "citegraph.loaders", "citegraph.queries", "citegraph.viz"]


def modules():
    for name in PACKAGES:
        pkg = importlib.import_module(name)
        yield name
        for info in pkgutil.iter_modules(pkg.__path__):
            full = f"{name}.{info.name}"
            if full not in PACKAGES and not full.startswith("citegraph.cli") and full != "citegraph.__main__":
                yield full


@pytest.mark.parametrize("name", sorted(set(modules())))
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"


def test_public_api_is_exported():
    for name in citegraph.__all__:
        assert hasattr(citegraph, name)
