"""Imports on first use: package attributes (PEP 562) and optional dependencies.

``import citegraph`` and the command line stay light: ``citegraph query`` on a warm cache
never imports networkx (a fifth of a second), ``citegraph.build`` imports the pipeline the
first time it is read.

>>> import sys, types
>>> sys.modules["demo_pkg"] = types.ModuleType("demo_pkg")
>>> getattr_, _ = lazy_exports("demo_pkg", {"edge_key": "citegraph.graph.schema"})
>>> getattr_("edge_key")("CITES", "inferred")
'CITES:inferred'
>>> require("json", "never shown").__name__
'json'
>>> require("no_such_module_here", "this needs it: pip install it")
Traceback (most recent call last):
...
citegraph.errors.MissingDependencyError: this needs it: pip install it
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable, Mapping
from typing import Any

from citegraph.errors import MissingDependencyError


class _ExportsFirst(types.ModuleType):
    """A package whose exported name wins over a submodule of the same name: importing
    ``citegraph.queries.communities`` (the module) leaves ``citegraph.queries.communities`` the
    function, as the eager ``from .communities import communities`` did."""

    _exports: Mapping[str, str] = {}

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and name in self._exports:
            return  # the import system binding the submodule: the export is read on demand instead
        super().__setattr__(name, value)


def lazy_exports(package: str, exports: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose public names ``exports`` maps to the
    module defining each (absolute, or relative to ``package``: ``.builder``). Called by the
    package's ``__init__``, which it makes an :class:`_ExportsFirst` module."""
    module_object = sys.modules[package]
    if type(module_object) is types.ModuleType:
        module_object.__class__ = _ExportsFirst
        object.__setattr__(module_object, "_exports", exports)

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        setattr(sys.modules[package], name, value)  # the next read is a plain attribute
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(exports))

    return __getattr__, __dir__


def require(module: str, message: str) -> types.ModuleType:
    """``module`` imported, or :class:`~citegraph.errors.MissingDependencyError` with ``message``
    (which says what needs it and what to install) when it is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise MissingDependencyError(message) from err
