"""Read queries compiled once and run many times: the hot paths of uncached reads.

Django turns a queryset into SQL on every evaluation. For the queries a reader's
request makes when nothing is cached (the notice API's look-up of the version in
force, a page's translations) that compilation costs more than the database does
(docs/operations.md#performance). A :class:`PreparedValues` builds its queryset once
per thread and database with marker values in place of the arguments, keeps the SQL
and the positions of the markers among its parameters, and then runs the SQL with
the arguments put in their place, converting the rows as ``QuerySet.values()``
would. The queryset is the single source of the query: nothing is written as SQL.
"""

from __future__ import annotations

import functools
import itertools
import re
import secrets
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connections
from django.db.models import Field, Model, QuerySet

#: A parameter of compiled SQL ("%s"), or an escaped percent sign ("%%").
_PLACEHOLDER = re.compile(r"%%|%s")


def _named_placeholders(sql: str) -> str:
    """``sql`` with its parameters named in order: ``%s`` becomes ``%(pN)s``."""
    numbers = itertools.count()
    return _PLACEHOLDER.sub(
        lambda match: "%%" if match.group() == "%%" else f"%(p{next(numbers)})s", sql
    )


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    #: (position in ``params``, argument name) of each marker.
    slots: tuple[tuple[int, str], ...]
    names: tuple[str, ...]
    compiler: object
    converters: dict


class PreparedValues:
    """A ``values()`` query whose SQL is compiled once per thread and database.

    ``build`` takes the arguments by name and returns the ``values()`` queryset;
    ``fields`` names, for each argument, the model field it is compared with (its
    database preparation is applied to every argument, as the ORM would).
    """

    def __init__(self, build: Callable[..., QuerySet], **fields: Field) -> None:
        self.build = build
        self.fields = fields
        self._local = threading.local()

    def _markers(self, connection) -> dict[str, tuple[object, object]]:
        """A value per argument that occurs nowhere else, and its prepared form."""
        markers = {}
        for name, field in self.fields.items():
            kind = field.get_internal_type()
            if kind == "UUIDField":
                value = uuid.uuid4()
            elif kind.endswith(("AutoField", "IntegerField")):
                value = secrets.randbelow(2**62 - 2**40) + 2**40
            elif kind == "DateTimeField":
                value = datetime(
                    2999, 12, 31, 23, 59, 59, secrets.randbelow(10**6), UTC
                )
            else:
                value = f"\x00prepared:{name}:{uuid.uuid4().hex}"
            markers[name] = (value, field.get_db_prep_value(value, connection))
        return markers

    def _compile(self, using: str) -> _Compiled:
        connection = connections[using]
        markers = self._markers(connection)
        queryset = self.build(**{name: value for name, (value, _) in markers.items()})
        query = queryset.query
        compiler = query.get_compiler(using)
        sql, params = compiler.as_sql()
        slots = []
        for position, param in enumerate(params):
            for name, (_value, prepared) in markers.items():
                if param == prepared:
                    slots.append((position, name))
        if sorted({name for _, name in slots}) != sorted(markers):
            raise ValueError("an argument does not reach the query's parameters")
        # Named placeholders, so that the SQL is not searched for "%s" again on
        # every execution (SQLite's cursor converts the "format" style with a regular
        # expression; the "pyformat" style with a dict costs one string format).
        sql = _named_placeholders(sql)
        names = tuple(
            query.selected
            or (*query.extra_select, *query.values_select, *query.annotation_select)
        )
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        return _Compiled(
            sql=sql,
            params=tuple(params),
            slots=tuple(slots),
            names=names,
            compiler=compiler,
            converters=compiler.get_converters(fields),
        )

    def __call__(self, using: str = "default", **arguments) -> list[dict]:
        compiled = getattr(self._local, using, None)
        if compiled is None:
            compiled = self._compile(using)
            setattr(self._local, using, compiled)
        connection = connections[using]
        params = list(compiled.params)
        for position, name in compiled.slots:
            field = self.fields[name]
            params[position] = field.get_db_prep_value(
                field.to_python(arguments[name]), connection
            )
        params = {f"p{position}": value for position, value in enumerate(params)}
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        return [dict(zip(compiled.names, row, strict=True)) for row in rows]


@functools.cache
def _columns_in_model_order(model: type[Model], names: frozenset) -> tuple[str, ...]:
    return tuple(
        field.attname for field in model._meta.concrete_fields if field.attname in names
    )


def instance_from_row(model: type[Model], row: dict, *, prefix: str = "") -> Model:
    """An instance of ``model`` from a row of a ``values()`` query (a prepared one):
    the model's columns the row has, named with ``prefix``, the others deferred
    (loaded if something asks for them), as the ORM would build it."""
    names = frozenset(name[len(prefix) :] for name in row if name.startswith(prefix))
    columns = _columns_in_model_order(model, names)
    return model.from_db("default", columns, [row[prefix + name] for name in columns])
