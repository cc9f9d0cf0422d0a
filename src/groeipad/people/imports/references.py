"""Departments and job profiles named in an import file: found, or created when new.

The employees, movements and eNPS imports share one rule for a department cell (a path,
or a bare name), so the same text lands in the same department whatever the file.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from groeipad.lib.importing import Importer, ImportResult
from groeipad.people.models import Department, JobProfile


class Node:
    __slots__ = ("children", "id", "name", "parent")

    def __init__(self, name: str, parent: Node | None, pk: int | None = None):
        self.name, self.parent, self.id = name, parent, pk
        self.children: dict[str, Node] = {}

    @property
    def path(self) -> str:
        return f"{self.parent.path}/{self.name}" if self.parent else self.name


class DepartmentResolver:
    """Department names and paths from a file -> departments, new ones kept until ``save``.

    A path ``Operations/Planning`` is followed from the top, creating what is missing.
    A bare name is a top-level department of that name, else the one department of that
    name anywhere, else (none or several) a new top-level department. Paths are
    resolved before bare names so that a second import of the same file finds exactly
    what the first created: the result cannot depend on row order.
    """

    def __init__(self):
        self.top = Node("", None)
        nodes = {}
        rows = list(Department.objects.values_list("id", "name", "parent_id"))
        for pk, name, _parent in rows:
            nodes[pk] = Node(name, None, pk)
        for pk, _name, parent_id in rows:
            node = nodes[pk]
            node.parent = nodes.get(parent_id)
            (node.parent or self.top).children[node.name.casefold()] = node
        self.nodes = list(nodes.values())
        self.new: list[Node] = []
        self.ambiguous: dict[str, list[str]] = {}

    @staticmethod
    def split(text: str) -> list[str]:
        """The parts of a path; raises ValueError on an empty part or an overlong name."""
        parts = [part.strip() for part in text.strip().strip("/").split("/")]
        if any(not part for part in parts):
            raise ValueError(_("has an empty part between slashes"))
        if any(len(part) > 200 for part in parts):
            raise ValueError(_("has a name longer than 200 characters"))
        return parts

    def resolve_all(self, texts: list[str]) -> dict[str, Node]:
        """Resolve each distinct text (already checked with ``split``) to a node."""
        found: dict[str, Node] = {}
        for text in dict.fromkeys(texts):
            parts = self.split(text)
            if len(parts) > 1:
                found[text] = self._path(parts)
        for text in dict.fromkeys(texts):
            if text not in found:
                found[text] = self._bare(self.split(text)[0])
        return found

    def _child(self, parent: Node, name: str) -> Node:
        node = parent.children.get(name.casefold())
        if node is None:
            node = Node(name, parent if parent is not self.top else None)
            parent.children[name.casefold()] = node
            self.nodes.append(node)
            self.new.append(node)
        return node

    def _path(self, parts: list[str]) -> Node:
        node = self.top
        for part in parts:
            node = self._child(node, part)
        return node

    def _bare(self, name: str) -> Node:
        if node := self.top.children.get(name.casefold()):
            return node
        matches = [node for node in self.nodes if node.name.casefold() == name.casefold()]
        if len(matches) == 1:
            return matches[0]
        if matches:
            self.ambiguous[name] = sorted(node.path for node in matches)
        return self._child(self.top, name)

    def save(self) -> None:
        # self.new lists parents before their children, so each parent has its id.
        for node in self.new:
            node.id = Department.objects.create(
                name=node.name, parent_id=node.parent.id if node.parent else None
            ).pk


class JobProfileResolver:
    """Job titles -> job profiles, case-insensitively; new ones created on ``save``."""

    def __init__(self):
        self.ids: dict[str, int | None] = {}
        for pk, name in JobProfile.objects.order_by("id").values_list("id", "name"):
            self.ids.setdefault(name.casefold(), pk)
        self.new: dict[str, str] = {}

    def resolve(self, title: str | None) -> str | None:
        """The key of the profile for ``title`` (None for no title)."""
        if title is None:
            return None
        key = title.casefold()
        if key not in self.ids:
            self.ids[key] = None
            self.new[key] = title
        return key

    def id_of(self, key: str | None) -> int | None:
        return None if key is None else self.ids[key]

    def save(self) -> None:
        created = JobProfile.objects.bulk_create(
            [JobProfile(name=name) for name in self.new.values()]
        )
        if any(profile.pk is None for profile in created):
            created = list(JobProfile.objects.filter(name__in=self.new.values()))
        for profile in created:
            self.ids[profile.name.casefold()] = profile.pk


def note_new(result: ImportResult, departments: DepartmentResolver, jobs: JobProfileResolver):
    if departments.new:
        result.notes.append(
            _("new departments: %(names)s")
            % {"names": ", ".join(node.path for node in departments.new)}
        )
    if jobs.new:
        result.notes.append(
            _("new job profiles: %(names)s") % {"names": ", ".join(jobs.new.values())}
        )


def resolve_departments(importer: Importer, records: list) -> DepartmentResolver:
    """Replace each record's ``department`` text by its node; report bad paths on their rows."""
    resolver = DepartmentResolver()
    good = []
    for record in records:
        if record.department is None:
            continue
        try:
            DepartmentResolver.split(record.department)
        except ValueError as reason:
            importer.bad_value(record.row, "department", record.department, str(reason))
            record.department = None
            continue
        good.append(record.department)
    nodes = resolver.resolve_all(good)
    warned = set()
    for record in records:
        name = record.department
        if name in resolver.ambiguous and name not in warned:
            warned.add(name)
            importer.warn(
                record.row,
                "department",
                _(
                    'department "%(name)s" matches %(paths)s; a new top-level department '
                    '"%(name)s" is used (write the full path to choose one)'
                )
                % {"name": name, "paths": ", ".join(resolver.ambiguous[name])},
            )
        record.department = nodes.get(name)
    return resolver


def resolve_job_profiles(records: list) -> JobProfileResolver:
    resolver = JobProfileResolver()
    for record in records:
        record.job_title = resolver.resolve(record.job_title)
    return resolver


def is_pending(node: Node | None) -> bool:
    return node is not None and node.id is None
