"""The architecture's rules, read from the source with ``ast`` (no module is imported).

1. Import direction. Apps sit in layers; a module may import its own app and any app in
   a lower layer, never a higher one, and never another app of its own layer unless the
   pair is in ``ALLOWED`` below with its reason. The layers (``docs/architecture.md``
   draws them):

       lib, formats                      (0)  helpers with no domain
       privacy                           (1)  audit log, retention, consent
       people                            (2)  employees, departments, scopes
       notifications, budgets, surveys   (3)  outbox/reminders, money, eNPS
       accounts                          (4)  invitations, the HR accounts page, SSO
       skills                            (4)  competencies, ratings, talent
       plans                             (5)  development plans, check-ins
       feedback, learning, mentoring,
       mobility, coaching                (6)  the instruments around a plan
       insights                          (7)  KPIs and reports over all of them
       web, api, cli                     (8)  the edges: pages, the REST API, commands

   The project modules (settings, urls, wsgi, conftest, __main__) stand above all.
2. No module over 500 lines (tests and migrations aside).
3. Views and API modules never touch the ORM's managers (``.objects``): they call
   selectors and services.
"""

from __future__ import annotations

import ast
from fnmatch import fnmatch
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "groeipad"

LAYERS: dict[str, int] = {
    "lib": 0,
    "formats": 0,
    "privacy": 1,
    "people": 2,
    "notifications": 3,
    "budgets": 3,
    "surveys": 3,
    "accounts": 4,
    "skills": 4,
    "plans": 5,
    "feedback": 6,
    "learning": 6,
    "mentoring": 6,
    "mobility": 6,
    "coaching": 6,
    "insights": 7,
    "web": 8,
    "api": 8,
    "cli": 8,
}
# Top-level modules of the project: above every app, and not an app themselves.
PROJECT_MODULES = {"settings", "settings_test", "urls", "wsgi", "conftest", "__main__"}

# The known exceptions: (importing module, imported module), both fnmatch patterns on
# dotted names, with the reason. A new wrong import is not here and fails the test.
ALLOWED: list[tuple[str, str, str]] = [
    (
        "groeipad.*",
        "groeipad.api.errors",
        "one mapping of service refusals to HTTP errors, shared by every app's api.py "
        "(it belongs in lib; it imports only lib and ninja)",
    ),
    (
        "groeipad.lib.actions",
        "groeipad.people.*",
        "the action pattern needs the Viewer (people.scope) and the User model",
    ),
    (
        "groeipad.lib.actions",
        "groeipad.privacy.*",
        "the action pattern writes the typed audit record (privacy.models/services)",
    ),
    (
        "groeipad.lib.importing",
        "groeipad.privacy.*",
        "every import is audited (imported lazily inside the function)",
    ),
    (
        "groeipad.people.demo*",
        "groeipad.*",
        "the demo generator fills every app; it is a script, not part of the people model",
    ),
    (
        "groeipad.*.demo*",
        "groeipad.*",
        "demo generators build on the demo data of the apps they decorate",
    ),
    (
        "groeipad.coaching.*",
        "groeipad.learning*",
        "a coaching trajectory is paid from the learning budgets (same level; budgets "
        "move to their own lower app, after which this entry can shrink)",
    ),
    (
        "groeipad.feedback.*",
        "groeipad.mentoring*",
        "an employee may share a 360 report with their mentor: feedback asks the "
        "mentoring pairs who that is",
    ),
    (
        "groeipad.cli.*",
        "groeipad.wsgi",
        "`groeipad serve` runs the WSGI application",
    ),
]


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if "tests" in rel.parts or "migrations" in rel.parts:
            continue
        parts = ["groeipad", *rel.with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found.append((".".join(parts), path))
    return found


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "groeipad"]


def _app(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _allowed(importer: str, imported: str) -> bool:
    return any(fnmatch(importer, a) and fnmatch(imported, b) for a, b, _ in ALLOWED)


def wrong_imports() -> list[str]:
    wrong = []
    for module, path in _modules():
        app = _app(module)
        if app in PROJECT_MODULES or not app:
            continue
        for line, imported in _imports(path):
            target = _app(imported)
            if not target or target == app:
                continue
            if target in LAYERS and LAYERS[target] < LAYERS[app]:
                continue
            if _allowed(module, imported):
                continue
            wrong.append(f"{path.relative_to(PACKAGE)}:{line} {module} imports {imported}")
    return wrong


def test_every_app_has_a_layer():
    apps = {_app(module) for module, _ in _modules()} - PROJECT_MODULES - {""}
    assert not apps - set(LAYERS), f"give these apps a layer in LAYERS: {apps - set(LAYERS)}"


def test_no_app_imports_a_higher_or_same_level_app_unless_allowed():
    wrong = wrong_imports()
    assert not wrong, (
        "imports against the layer order (lower may not import higher; same level only "
        "with a reason in ALLOWED):\n" + "\n".join(wrong)
    )


def test_the_direction_check_catches_a_wrong_import():
    # The check itself: a people module importing plans is refused; plans importing
    # people is fine; learning importing mentoring (same level, not allowed) is refused.
    assert not _allowed("groeipad.people.services", "groeipad.plans.models")
    assert LAYERS["plans"] > LAYERS["people"]
    assert not _allowed("groeipad.learning.services", "groeipad.mentoring.models")
    assert _allowed("groeipad.plans.api", "groeipad.api.errors")


def test_every_allowed_exception_is_still_used():
    used = set()
    for module, path in _modules():
        for _line, imported in _imports(path):
            if _app(imported) == _app(module):
                continue
            for a, b, reason in ALLOWED:
                if fnmatch(module, a) and fnmatch(imported, b):
                    used.add(reason)
    stale = [reason for _a, _b, reason in ALLOWED if reason not in used]
    assert not stale, f"ALLOWED entries nothing needs any more (remove them): {stale}"


MAX_LINES = 500


def test_no_module_is_longer_than_500_lines():
    long = {
        str(path.relative_to(PACKAGE)): count
        for _module, path in _modules()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these into a package with named parts: {long}"


def _is_view_or_api(path: Path) -> bool:
    rel = path.relative_to(PACKAGE).parts
    stem = Path(rel[-1]).stem
    in_package = any(part in ("views", "api") for part in rel[1:-1])
    return stem in ("views", "api") or stem.startswith("views_") or in_package


def test_views_and_api_modules_do_not_use_the_orm_managers():
    offenders = []
    for _module, path in _modules():
        if not _is_view_or_api(path):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [
            f"{path.relative_to(PACKAGE)}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr == "objects"
        ]
    assert not offenders, "use a selector or service instead of .objects:\n" + "\n".join(offenders)
