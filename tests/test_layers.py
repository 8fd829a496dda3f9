"""The app's map holds: pure text at the bottom, data flowing one way, small modules.

Read from the source, so a new import that breaks the map fails here before
anyone has to notice it in review (docs/architecture.md draws the map).
"""

import ast
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "articles"
MAX_MODULE_LINES = 500

# Lower layers never import higher ones; a layer may use its own and lower.
LAYERS = [
    {"text"},
    {"validators"},
    {"models"},
    {"access", "roles", "search", "page_cache", "redis_cache", "ingest", "images"},
    {"context_processors", "templatetags", "views", "feeds", "sitemaps", "preview"},
    {"admin", "urls", "management", "apps"},
]
# Not Django, not a third-party package, and nothing that reaches outside
# the process: what a pure module may import from the standard library.
IMPURE_STDLIB = {
    "io", "os", "pathlib", "shutil", "socket", "subprocess", "sys", "tempfile",
    "threading", "multiprocessing", "concurrent", "signal", "time", "random",
    "functools",
}  # fmt: skip
# Third-party packages a pure module may import: pure libraries, with no I/O,
# no Django and no state, each allowed in the one module that wraps it.
PURE_LIBRARIES = {
    # The body's Markdown parser (text/markdown.py is its only user).
    "articles.text.markdown": {"markdown_it"},
    # Safe XML parsing of the XMP packets pictures carry.
    "articles.text.image_metadata": {"defusedxml"},
}


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(APP.rglob("*.py")):
        parts = path.relative_to(APP.parent).with_suffix("").parts
        if "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path) -> set[str]:
    """The modules ``name`` imports at module level, absolute."""
    tree = ast.parse(path.read_text(), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(
                f"{base}.{alias.name}"
                for alias in node.names
                if f"{base}.{alias.name}" in MODULES
            )
    return found


MODULES = modules()
GRAPH = {name: imports_of(name, path) for name, path in MODULES.items()}


def layer(module: str) -> int:
    top = module.split(".")[1] if module.count(".") else ""
    for number, members in enumerate(LAYERS):
        if top in members:
            return number
    raise AssertionError(f"{module} is on no layer of the map; add it to LAYERS")


TEXT = sorted(name for name in MODULES if name.startswith("articles.text"))


@pytest.mark.parametrize("name", TEXT)
def test_the_text_package_is_pure(name):
    tree = ast.parse(MODULES[name].read_text())
    outside = {
        imported
        for imported in GRAPH[name]
        if not imported.startswith("articles.text")
        and imported.split(".")[0] not in PURE_LIBRARIES.get(name, ())
        and (
            imported.split(".")[0] not in sys.stdlib_module_names
            or imported.split(".")[0] in IMPURE_STDLIB
        )
    }
    assert not outside, f"{name} imports {sorted(outside)}"
    calls = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert not calls & {"open", "print", "input", "exec", "eval"}
    assert not any(isinstance(node, ast.Global) for node in ast.walk(tree))


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_imports_a_higher_layer(name):
    upward = {
        imported
        for imported in GRAPH[name]
        if imported.startswith("articles.") and layer(imported) > layer(name)
    }
    assert not upward, f"{name} (layer {layer(name)}) imports {sorted(upward)}"


def test_no_modules_import_each_other_in_a_circle():
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for imported in sorted(GRAPH[name]):
            if imported == name or imported not in GRAPH:
                continue
            if state.get(imported) == "done":
                continue
            # A package's own modules import from it while it loads.
            if imported.startswith(name + "."):
                continue
            if state.get(imported) == "open":
                circle = trail[trail.index(imported) :] + [imported]
                if not name.startswith(imported + "."):
                    raise AssertionError(" -> ".join(circle))
                continue
            visit(imported, [*trail, imported])
        state[name] = "done"

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_stays_small(name):
    lines = len(MODULES[name].read_text().splitlines())
    assert lines <= MAX_MODULE_LINES, f"{name} has {lines} lines"


def test_only_the_markdown_module_imports_the_markdown_parser():
    users = sorted(
        name
        for name, imported in GRAPH.items()
        if any(module.split(".")[0] == "markdown_it" for module in imported)
    )
    assert users == ["articles.text.markdown"]
