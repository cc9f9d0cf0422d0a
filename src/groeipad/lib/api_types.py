"""Bounded types for API parameters and fields, so that extreme input is a 422 in the
OpenAPI document's own terms, never an overflow in the database (a 500).

``Id`` is any object id (a path parameter such as ``{plan_id}``, or an id in a body):
a positive number that fits PostgreSQL's integer, the column type of every primary key
Django made for us here. ``Key`` is a textual key in a path (an employee number): no NUL
character (PostgreSQL cannot hold one; see ``groeipad.api.parsing`` for bodies and query
strings) and not longer than any key we store. ``SmallInt`` is a count, level, version
or rating: the range of an integer column.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

MAX_INT = 2**31 - 1  # PostgreSQL integer, and Django's IntegerField on every database

Id = Annotated[int, Field(ge=1, le=MAX_INT)]
SmallInt = Annotated[int, Field(ge=-MAX_INT - 1, le=MAX_INT)]
Key = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[^\x00]*$")]
