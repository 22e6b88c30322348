"""Every service keeps the one layout (README, Inside a service): `domain/` is pure (no store,
web framework or HTTP problem), `adapters/` never reach up into use cases or routes, and
`service_layer/` raises domain errors, never HTTP problems, and never reaches into routes.
Every module of `services/` and `shared/` says what it is for, and one over 300 lines why."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERED = ("accounts", "contacts", "goals", "nudges")
LAYERS = ("domain", "service_layer", "adapters")


def forbidden(service: str, layer: str) -> tuple[str, ...]:
    own = f"services.{service}"
    web = ("flask", "flask_smorest", "shared.problems", "shared.web", f"{own}.api")
    return {
        "domain": web + ("pymongo", "bson", "mongoengine", "shared.db", f"{own}.adapters", f"{own}.service_layer",
                         f"{own}.schemas"),
        "adapters": web + (f"{own}.service_layer",),
        "service_layer": web,
    }[layer]


def imported(path: Path) -> set[str]:
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
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


@pytest.mark.parametrize("service", LAYERED)
def test_every_service_has_the_layout(service):
    here = ROOT / "services" / service
    assert all((here / layer / "__init__.py").exists() for layer in LAYERS)
    assert (here / "app.py").exists() and (here / "api.py").exists() and (here / "schemas.py").exists()


@pytest.mark.parametrize("layer", LAYERS)
@pytest.mark.parametrize("service", LAYERED)
def test_each_layer_imports_only_what_it_may(service, layer):
    found = []
    for path in sorted((ROOT / "services" / service / layer).glob("*.py")):
        for name in imported(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden(service, layer)):
                found.append(f"{path.name}: {name}")
    assert not found, found


def test_every_module_says_what_it_is_for_and_stays_readable():
    for path in sorted([*(ROOT / "services").rglob("*.py"), *(ROOT / "shared").rglob("*.py")]):
        text = path.read_text()
        if not text.strip():
            continue
        doc = ast.get_docstring(ast.parse(text)) or ""
        assert doc, f"{path.relative_to(ROOT)} has no docstring"
        lines = len(text.splitlines())
        assert lines <= 300 or "long because" in " ".join(doc.lower().split()), \
            f"{path.relative_to(ROOT)}: {lines} lines, no reason given"
