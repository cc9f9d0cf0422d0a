"""Display values carried on model instances for a template, named and typed at one place.

A page often shows a record with a few computed values beside its fields (a department's
path, a status, a count from an ``annotate``). Django's templates read them as attributes,
and mypy does not know them on the model: ``attach`` puts them on, ``annotated`` reads one
an ``annotate()`` (or ``attach``) put there.
"""

from __future__ import annotations

from typing import Any


def attach(obj: object, **values: Any) -> None:
    """Set display ``values`` on ``obj`` as attributes (for the template)."""
    for name, value in values.items():
        setattr(obj, name, value)


def annotated(obj: object, name: str, default: Any = None) -> Any:
    """The value an ``annotate()`` (or ``attach``) put on ``obj`` as ``name``."""
    return getattr(obj, name, default)
