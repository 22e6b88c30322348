"""Contacts keeps the service layout: `domain/` is pure (no store, web framework or HTTP
problem), `adapters/` never reach up into use cases or routes, and `service_layer/` never
into routes."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "services" / "contacts"
FORBIDDEN = {
    "domain": ("pymongo", "bson", "mongoengine", "flask", "flask_smorest", "shared.problems", "shared.db",
               "services.contacts.adapters", "services.contacts.service_layer", "services.contacts.api",
               "services.contacts.schemas"),
    "adapters": ("flask", "flask_smorest", "services.contacts.service_layer", "services.contacts.api"),
    "service_layer": ("flask", "flask_smorest", "services.contacts.api"),
}


def imported(path: Path) -> set[str]:
    package = ".".join(path.relative_to(ROOT.parents[1]).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            names.add(module)
            names.update(f"{module}.{a.name}" for a in node.names)
    return names


@pytest.mark.parametrize("layer", FORBIDDEN)
def test_each_layer_imports_only_what_it_may(layer):
    found = []
    for path in sorted((ROOT / layer).glob("*.py")):
        for name in imported(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer]):
                found.append(f"{path.name}: {name}")
    assert not found, found


def test_every_module_says_what_it_is_for_and_stays_readable():
    for path in sorted(ROOT.rglob("*.py")):
        text = path.read_text()
        if not text.strip():
            continue
        doc = ast.get_docstring(ast.parse(text)) or ""
        assert doc, f"{path.relative_to(ROOT)} has no docstring"
        lines = len(text.splitlines())
        assert lines <= 300 or "long because" in doc.lower(), f"{path.relative_to(ROOT)}: {lines} lines, no reason given"
