"""Importing an organisation's own competency framework from CSV or XLSX.

One row per competency. Key: (framework, name_en); a known key updates that competency.
Frameworks and clusters named in the file are created when new. Only the columns the
file has are written: a file without ``esco_uri`` leaves every ESCO link alone, one
without ``level_3`` leaves the level 3 indicators alone; an empty cell in a column the
file has clears the stored value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from groeipad.lib.importing import Column, Importer, ImportResult, choices
from groeipad.lib.spreadsheets import Row
from groeipad.skills import starter
from groeipad.skills.models import (
    BehaviouralIndicator,
    Cluster,
    Competency,
    CompetencyKind,
    EscoSkill,
    Framework,
    ProficiencyScale,
)

LEVELS = range(1, 6)
KINDS = choices(
    (CompetencyKind.GENERIC, ("generiek",)),
    (CompetencyKind.TECHNICAL, ("technisch",)),
)
# The fields of a competency a file may set, each with the column that sets it.
PLAIN_FIELDS = {
    "name_nl": "name",
    "name_en": "name_en",
    "description_nl": "description",
    "description_en": "description_en",
    "kind": "kind",
    "esco_skill_id": "esco_uri",
}


@dataclass
class _CompetencyRow:
    row: Row
    framework: str
    cluster_nl: str | None
    cluster_en: str | None
    name_nl: str
    name_en: str
    description_nl: str
    description_en: str
    kind: str
    esco_uri: str | None
    # level -> (Dutch text, English text); a language whose column is absent is None.
    levels: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return (self.framework.casefold(), self.name_en.casefold())

    @property
    def cluster_label(self) -> str:
        """The cluster's name as the file gives it (English first); "" for no cluster."""
        return self.cluster_en or self.cluster_nl or ""

    @property
    def cluster_key(self) -> str | None:
        return self.cluster_label.casefold() or None


class CompetencyImport(Importer):
    kind = "competencies"
    columns = (
        Column("framework", "raamwerk", required=True),
        Column("cluster", ("cluster_nl",)),
        Column("cluster_en"),
        Column("name", ("naam", "name_nl"), required=True),
        Column("name_en", "naam_en", required=True),
        Column("description", ("omschrijving", "description_nl")),
        Column("description_en", "omschrijving_en"),
        Column("kind", "soort"),
        Column("esco_uri", ("esco", "esco_concept_uri")),
        *(Column(f"level_{n}", (f"niveau_{n}", f"level_{n}_nl")) for n in LEVELS),
        *(Column(f"level_{n}_en", f"niveau_{n}_en") for n in LEVELS),
    )

    def has(self, column: str) -> bool:
        return column in self.index

    def parse_row(self, row: Row) -> _CompetencyRow | None:
        framework = self.text(row, "framework", required=True, max_length=200)
        name_nl = self.text(row, "name", required=True, max_length=200)
        name_en = self.text(row, "name_en", required=True, max_length=200)
        cluster_nl = self.text(row, "cluster", max_length=200)
        cluster_en = self.text(row, "cluster_en", max_length=200)
        r = _CompetencyRow(
            row=row,
            framework=framework or "",
            cluster_nl=cluster_nl,
            cluster_en=cluster_en,
            name_nl=name_nl or "",
            name_en=name_en or "",
            description_nl=self.text(row, "description") or "",
            description_en=self.text(row, "description_en") or "",
            kind=self.choice(row, "kind", KINDS) or CompetencyKind.GENERIC,
            esco_uri=self.text(row, "esco_uri"),
        )
        for n in LEVELS:
            nl, en = f"level_{n}", f"level_{n}_en"
            if self.has(nl) or self.has(en):
                r.levels[n] = (
                    (self.text(row, nl) or "") if self.has(nl) else None,
                    (self.text(row, en) or "") if self.has(en) else None,
                )
        # A row without its framework or names has an error already; nothing to plan.
        return r if framework and name_nl and name_en else None

    # -- plan ----------------------------------------------------------------------------

    def plan(self, records: list[_CompetencyRow]) -> None:
        records = self._unique(records)
        self._check_clusters(records)
        self.esco_ids = self._esco_ids(records)
        self._load()
        self._check_levels(records)
        if self.result.errors:
            return
        self.creates, self.updates = [], []
        self.new_frameworks: dict[str, str] = {}
        self.new_clusters: dict[tuple[str, str], _CompetencyRow] = {}
        self.renamed_clusters: dict[int, str] = {}
        for r in records:
            old = self.existing.get(self._existing_key(r))
            wanted = self._wanted(r, old)
            if old is None:
                self.creates.append((r, wanted))
            elif any(old[name] != value for name, value in wanted.items()):
                self.updates.append((r, old, wanted))
            else:
                self.result.unchanged += 1
        self.result.created, self.result.updated = len(self.creates), len(self.updates)
        self._note_new()

    def _unique(self, records: list[_CompetencyRow]) -> list[_CompetencyRow]:
        seen: dict[tuple, _CompetencyRow] = {}
        for r in records:
            if first := seen.get(r.key):
                self.bad_value(
                    r.row,
                    "name_en",
                    r.name_en,
                    _('in framework "%(framework)s" is also on line %(line)d')
                    % {"framework": r.framework, "line": first.row.line},
                )
            else:
                seen[r.key] = r
        return list(seen.values())

    def _check_clusters(self, records: list[_CompetencyRow]) -> None:
        """One cluster has one Dutch name in a file: refuse a second spelling."""
        first: dict[tuple, _CompetencyRow] = {}
        for r in records:
            if r.cluster_key is None:
                continue
            key = (r.framework.casefold(), r.cluster_key)
            other = first.setdefault(key, r)
            if other.cluster_nl and r.cluster_nl and other.cluster_nl != r.cluster_nl:
                self.bad_value(
                    r.row,
                    "cluster",
                    r.cluster_nl,
                    _('differs from "%(other)s" on line %(line)d for the same cluster')
                    % {"other": other.cluster_nl, "line": other.row.line},
                )

    def _esco_ids(self, records: list[_CompetencyRow]) -> dict[str, int]:
        uris = {r.esco_uri for r in records if r.esco_uri}
        ids = dict(EscoSkill.objects.filter(concept_uri__in=uris).values_list("concept_uri", "id"))
        for r in records:
            if r.esco_uri and r.esco_uri not in ids:
                # In full: a URI's distinguishing part is at its end, where display() cuts.
                self.error(
                    r.row,
                    "esco_uri",
                    _('%(column)s "%(uri)s" is not an ESCO skill in Groeipad (import ESCO first)')
                    % {"column": self.header["esco_uri"], "uri": r.esco_uri},
                )
        return ids

    def _load(self) -> None:
        """The frameworks, clusters, competencies and indicators, in four queries."""
        self.framework_ids: dict[str, int] = {}
        for pk, name in Framework.objects.order_by("id").values_list("id", "name"):
            self.framework_ids.setdefault(name.casefold(), pk)
        self.clusters: dict[tuple[int, str], tuple[int, str]] = {}
        for pk, framework_id, name_nl, name_en in Cluster.objects.order_by("id").values_list(
            "id", "framework_id", "name_nl", "name_en"
        ):
            self.clusters.setdefault((framework_id, name_en.casefold()), (pk, name_nl))
        self.existing: dict[tuple[int | None, str], dict] = {}
        for old in Competency.objects.order_by("id").values(
            "id",
            "framework_id",
            "cluster_id",
            "scale__min_level",
            "scale__max_level",
            *PLAIN_FIELDS,
        ):
            self.existing.setdefault((old["framework_id"], old["name_en"].casefold()), old)
        self.indicators: dict[int, dict[int, list[tuple[str, str]]]] = {}
        for competency_id, level, nl, en in BehaviouralIndicator.objects.order_by(
            "competency_id", "level", "id"
        ).values_list("competency_id", "level", "text_nl", "text_en"):
            self.indicators.setdefault(competency_id, {}).setdefault(level, []).append((nl, en))
        default = ProficiencyScale.objects.filter(name=starter.DEFAULT_SCALE["name"]).first()
        self.default_range = (default.min_level, default.max_level) if default else (1, 5)

    def _existing_key(self, r: _CompetencyRow) -> tuple[int | None, str]:
        return (self.framework_ids.get(r.framework.casefold()), r.name_en.casefold())

    def _check_levels(self, records: list[_CompetencyRow]) -> None:
        for r in records:
            old = self.existing.get(self._existing_key(r))
            low, high = (
                (old["scale__min_level"], old["scale__max_level"]) if old else self.default_range
            )
            for n, texts in r.levels.items():
                if not low <= n <= high and any(texts):
                    column = f"level_{n}" if texts[0] else f"level_{n}_en"
                    self.bad_value(
                        r.row,
                        column,
                        texts[0] or texts[1],
                        _("is for level %(level)d, outside the scale %(low)d-%(high)d")
                        % {"level": n, "low": low, "high": high},
                    )

    def _wanted(self, r: _CompetencyRow, old: dict | None) -> dict:
        """The stored values this row asks for; columns the file lacks keep what is stored."""
        values: dict[str, object] = {
            "name_nl": r.name_nl,
            "name_en": r.name_en,
            "description_nl": r.description_nl,
            "description_en": r.description_en,
            "kind": r.kind,
            "esco_skill_id": self.esco_ids.get(r.esco_uri) if r.esco_uri else None,
        }
        wanted = {
            name: value
            for name, value in values.items()
            if self.has(PLAIN_FIELDS[name]) or old is None
        }
        if self.has("cluster") or self.has("cluster_en"):
            wanted["cluster_id"] = self._cluster(r)
        elif old is None:
            wanted["cluster_id"] = None
        levels = self.indicators.get(old["id"], {}) if old else {}
        wanted["levels"] = {
            n: self._indicator(texts, levels.get(n)) for n, texts in r.levels.items()
        }
        if old is not None:
            old["levels"] = {n: levels.get(n, []) for n in r.levels}
        return wanted

    @staticmethod
    def _indicator(texts: tuple, old: list | None) -> list[tuple[str, str]]:
        old_nl, old_en = old[0] if old else ("", "")
        nl = old_nl if texts[0] is None else texts[0]
        en = old_en if texts[1] is None else texts[1]
        return [(nl, en)] if nl or en else []

    def _cluster(self, r: _CompetencyRow) -> int | tuple | None:
        """The cluster's id, or a key for one still to be created (None: no cluster)."""
        if r.cluster_key is None:
            return None
        framework_id = self.framework_ids.get(r.framework.casefold())
        found = self.clusters.get((framework_id, r.cluster_key)) if framework_id else None
        if found is None:
            key = (r.framework.casefold(), r.cluster_key)
            self.new_clusters.setdefault(key, r)
            if framework_id is None:
                self.new_frameworks.setdefault(r.framework.casefold(), r.framework)
            return key
        pk, name_nl = found
        if r.cluster_nl and r.cluster_nl != name_nl:
            self.renamed_clusters[pk] = r.cluster_nl
        return pk

    def _note_new(self) -> None:
        for r, _wanted in self.creates:
            if r.framework.casefold() not in self.framework_ids:
                self.new_frameworks.setdefault(r.framework.casefold(), r.framework)
        if self.new_frameworks:
            self.result.notes.append(
                _("new frameworks: %(names)s") % {"names": ", ".join(self.new_frameworks.values())}
            )
        if self.new_clusters:
            self.result.notes.append(
                _("new clusters: %(names)s")
                % {"names": ", ".join(r.cluster_label for r in self.new_clusters.values())}
            )
        if self.renamed_clusters:
            self.result.notes.append(
                _("clusters with a new Dutch name: %(names)s")
                % {"names": ", ".join(self.renamed_clusters.values())}
            )

    # -- apply ---------------------------------------------------------------------------

    def apply(self) -> None:
        from groeipad.skills.services import scale_default

        source = Path(self.name).name[:200]
        for key, name in self.new_frameworks.items():
            self.framework_ids[key] = Framework.objects.create(name=name, source=source).pk
        cluster_ids = self._create_clusters()
        scale = scale_default() if self.creates else None
        created = Competency.objects.bulk_create(
            [
                Competency(
                    framework_id=self.framework_ids[r.framework.casefold()],
                    scale=scale,
                    **self._fields(wanted, cluster_ids),
                )
                for r, wanted in self.creates
            ]
        )
        if any(c.pk is None for c in created):  # a database that returns no ids
            ids = {
                (c.framework_id, c.name_en): c.pk
                for c in Competency.objects.filter(name_en__in=[c.name_en for c in created])
            }
            for c in created:
                c.pk = ids[(c.framework_id, c.name_en)]
        self._update_competencies(cluster_ids)
        changes = [(c.pk, wanted) for c, (_r, wanted) in zip(created, self.creates, strict=True)]
        changes += [(old["id"], wanted) for _r, old, wanted in self.updates]
        self._replace_indicators(changes)
        for pk, name_nl in self.renamed_clusters.items():
            Cluster.objects.filter(pk=pk).update(name_nl=name_nl)

    def _create_clusters(self) -> dict[tuple, int]:
        ids = {}
        positions: dict[int, int] = {}
        for framework_id, position in Cluster.objects.values_list("framework_id", "position"):
            positions[framework_id] = max(positions.get(framework_id, 0), position + 1)
        for key, r in self.new_clusters.items():
            framework_id = self.framework_ids[r.framework.casefold()]
            position = positions.get(framework_id, 0)
            positions[framework_id] = position + 1
            ids[key] = Cluster.objects.create(
                framework_id=framework_id,
                name_nl=r.cluster_nl or r.cluster_label,
                name_en=r.cluster_label,
                position=position,
            ).pk
        return ids

    @staticmethod
    def _fields(wanted: dict, cluster_ids: dict) -> dict:
        fields = {name: value for name, value in wanted.items() if name != "levels"}
        if isinstance(fields.get("cluster_id"), tuple):
            fields["cluster_id"] = cluster_ids[fields["cluster_id"]]
        return fields

    def _update_competencies(self, cluster_ids: dict) -> None:
        groups: dict[tuple[str, ...], list[Competency]] = {}
        for _r, old, wanted in self.updates:
            fields = self._fields(wanted, cluster_ids)
            changed = tuple(name for name, value in fields.items() if old[name] != value)
            if changed:
                groups.setdefault(changed, []).append(Competency(pk=old["id"], **fields))
        for changed, competencies in groups.items():
            Competency.objects.bulk_update(competencies, changed, batch_size=500)

    def _replace_indicators(self, changes: list[tuple[int, dict]]) -> None:
        stale, fresh = [], []
        for pk, wanted in changes:
            old = self.indicators.get(pk, {})
            for n, indicators in wanted["levels"].items():
                if old.get(n, []) == indicators:
                    continue
                stale.append((pk, n))
                fresh += [
                    BehaviouralIndicator(competency_id=pk, level=n, text_nl=nl, text_en=en)
                    for nl, en in indicators
                ]
        for pk, n in stale:
            BehaviouralIndicator.objects.filter(competency_id=pk, level=n).delete()
        BehaviouralIndicator.objects.bulk_create(fresh, batch_size=500)


def import_competencies(
    *, path_or_file, name: str | None = None, actor, dry_run: bool = False, progress=None
) -> ImportResult:
    """Add and update an organisation's own competencies; see docs/import-formats.md."""
    return CompetencyImport(
        path_or_file=path_or_file, name=name, actor=actor, dry_run=dry_run, progress=progress
    ).run()
