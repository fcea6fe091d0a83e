"""The shape of the app: no import cycles, lower layers never import higher ones.

Every import in ``rekisteri_cms`` counts, also one inside a function: an import
deferred to call time is still a dependency, and a cycle hidden that way is still
a cycle. Migrations are left out of the graph (they import what they need from the
bottom layer, and nothing imports them).
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "rekisteri_cms"
PACKAGE_DIR = ROOT / PACKAGE
MAX_LINES = 800

#: The layers, bottom first: a module may import its own layer and lower ones.
#: A module's layer is that of the longest entry its dotted name starts with;
#: ``importers`` covers both ``importers.py`` and an ``importers/`` package.
LAYERS = {
    # Vocabulary: the section table, roles, settings.
    PACKAGE: 0,
    "sections": 0,
    "roles": 0,
    "conf": 0,
    # Pure helpers: they work on pages and responses without knowing a model class.
    "validators": 1,
    "completeness": 1,
    # The GDPR information items and the reading of notice texts for them.
    "legal": 1,
    "diff": 1,
    "prepared": 1,
    "blocks": 1,
    "links": 1,
    "documents": 1,
    "permissions": 1,
    "cache": 1,
    "workflow_actions": 1,
    "mail": 1,
    # The models.
    "models": 2,
    # What a publication records.
    "publishing": 3,
    # The faces of the app: the notice API, the admin and the importer.
    "api": 4,
    "embed": 4,
    "admin": 4,
    "importers": 4,
    "views": 4,
    "management": 4,
    # Wiring: Wagtail hooks, signal handlers, the app config, template tags.
    "wagtail_hooks": 5,
    "signal_handlers": 5,
    "apps": 5,
    "templatetags": 5,
    # The webhooks app: its own layers, the same rules.
    "webhooks": 3,
    "webhooks.addresses": 1,
    "webhooks.signing": 1,
    "webhooks.models": 2,
    "webhooks.admin": 4,
    "webhooks.management": 4,
    "webhooks.wagtail_hooks": 5,
    "webhooks.signal_handlers": 5,
    "webhooks.apps": 5,
}


def is_migration(path: Path) -> bool:
    return "migrations" in path.relative_to(PACKAGE_DIR).parts


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def source_files() -> tuple[Path, ...]:
    return tuple(sorted(PACKAGE_DIR.rglob("*.py")))


@cache
def modules() -> dict[str, Path]:
    return {
        module_name(path): path for path in source_files() if not is_migration(path)
    }


def containing_module(name: str) -> str | None:
    """``name`` if it is a module of the app, else the nearest module above it."""
    known = modules()
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imported_names(module: str, path: Path) -> set[str]:
    """Dotted names of the app's modules that ``module`` imports, anywhere in it."""
    is_package = path.name == "__init__.py"
    package = module if is_package else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts)
                if node.module:
                    base = f"{base}.{node.module}"
            else:
                base = node.module or ""
            # ``from package import submodule`` imports the submodule; any other
            # name comes from the module (or the package's ``__init__``) itself.
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                names.add(submodule if submodule in modules() else base)
    found = set()
    for name in names:
        if name == PACKAGE or name.startswith(PACKAGE + "."):
            target = containing_module(name)
            if target is not None and target != module:
                found.add(target)
    return found


@cache
def direct_imports() -> dict[str, frozenset[str]]:
    return {
        module: frozenset(imported_names(module, path))
        for module, path in modules().items()
    }


def ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


@cache
def import_graph() -> dict[str, frozenset[str]]:
    """Direct imports, plus the packages an import runs the ``__init__`` of.

    Importing ``rekisteri_cms.models.versions`` from outside ``models`` first runs
    ``models/__init__``: that is a dependency on the package too (a package's
    ``__init__`` counts as the package).
    """
    graph = {}
    for module, targets in direct_imports().items():
        edges = set(targets)
        for target in targets:
            for package in ancestors(target):
                inside = module == package or module.startswith(package + ".")
                if not inside and package in modules():
                    edges.add(package)
        edges.discard(module)
        graph[module] = frozenset(edges)
    return graph


def find_cycle(graph: dict[str, frozenset[str]]) -> list[str] | None:
    """One import cycle of ``graph`` as a path that ends where it starts, or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*stack[stack.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def layer_of(module: str) -> int | None:
    relative = module.removeprefix(PACKAGE + ".") if module != PACKAGE else PACKAGE
    while relative:
        if relative in LAYERS:
            return LAYERS[relative]
        relative = relative.rpartition(".")[0]
    return None


def test_the_graph_sees_imports_inside_functions_and_relative_ones():
    graph = direct_imports()
    assert f"{PACKAGE}.completeness" in graph[f"{PACKAGE}.models.pages"]
    assert f"{PACKAGE}.signal_handlers" in graph[f"{PACKAGE}.apps"]  # in ready()
    assert f"{PACKAGE}.cache.tags" in graph[f"{PACKAGE}.cache.middleware"]


def test_find_cycle_reports_the_cycle():
    graph = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"})}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": frozenset({"b"}), "b": frozenset()}) is None


def test_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_every_module_has_a_layer():
    missing = [module for module in modules() if layer_of(module) is None]
    assert not missing, f"add these modules to LAYERS: {missing}"


def test_lower_layers_never_import_higher_ones():
    violations = [
        f"{module} (layer {layer_of(module)}) imports {target} "
        f"(layer {layer_of(target)})"
        for module, targets in sorted(direct_imports().items())
        for target in sorted(targets)
        if (layer_of(target) or 0) > (layer_of(module) or 0)
    ]
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize(
    "path", source_files(), ids=lambda path: str(path.relative_to(ROOT))
)
def test_no_import_after_code(path):
    assert not re.search(r"noqa:[^\n]*\bE402\b", path.read_text()), (
        "imports go at the top; break the cycle instead of deferring the import"
    )


def test_no_module_is_too_long():
    too_long = {}
    for path in source_files():
        name = str(path.relative_to(ROOT))
        if is_migration(path):
            continue
        lines = len(path.read_text().splitlines())
        if lines > MAX_LINES:
            too_long[name] = lines
    assert not too_long, f"modules over {MAX_LINES} lines: {too_long}"


_DOC_CITATION = re.compile(r"docs/([\w-]+\.md)(?:#([\w-]+))?")


def _anchors(markdown: str) -> set[str]:
    """GitHub's anchors of the headings of a Markdown document."""
    anchors = set()
    for line in markdown.splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            title = re.sub(r"[^\w\- ]", "", title)
            anchors.add(title.replace(" ", "-"))
    return anchors


def test_design_citations_resolve():
    """Code cites the design by file and heading in ``docs/``: each must exist."""
    broken = []
    docs = ROOT / "docs"
    for path in [*source_files(), *sorted((ROOT / "tests").rglob("*.py"))]:
        for name, anchor in _DOC_CITATION.findall(path.read_text()):
            target = docs / name
            if not target.exists():
                broken.append(f"{path.relative_to(ROOT)}: docs/{name}")
            elif anchor and anchor not in _anchors(target.read_text()):
                broken.append(f"{path.relative_to(ROOT)}: docs/{name}#{anchor}")
    assert not broken, "citations of missing docs or headings:\n" + "\n".join(broken)
