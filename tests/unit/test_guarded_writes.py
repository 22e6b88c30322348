"""Guards by construction: service code updates a collection only through the guarded path.

FerretDB's conditional updates are not atomic (shared.guard), so an update sent on a raw
pymongo collection can silently lose another writer's edit. Service code therefore updates
through `shared.guard.Guarded` or `shared.db.Scoped` (which hold the write guards); this test
reads every module under `services/` and fails on an update method called on a raw
collection: `Document._get_collection()`, `database[...]`, `get_collection(...)`, a name bound
to one of them, or an attribute set from one of them (or from a parameter typed `Collection`).
`Guarded` itself offers no write it cannot guard (`replace_one`, `bulk_write`, ...).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from shared.guard import Guarded

ROOT = Path(__file__).resolve().parents[2]
WRITES = {"update_one", "update_many", "find_one_and_update", "replace_one", "bulk_write", "find_one_and_replace"}


def _is_raw(node: ast.AST, raw_names: set[str], raw_attrs: set[str]) -> bool:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in ("_get_collection", "get_collection")
    if isinstance(node, ast.Subscript):  # database["name"], db.database()["name"]
        return True
    if isinstance(node, ast.Name):
        return node.id in raw_names
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return node.attr in raw_attrs
    return False


def _collection_params(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    return {a.arg for a in fn.args.args + fn.args.kwonlyargs
            if a.annotation is not None and "Collection" in ast.unparse(a.annotation)}


def raw_writes(source: str) -> list[tuple[int, str]]:
    """(line, call) of every update method called on a raw collection in this module."""
    tree = ast.parse(source)
    found: list[tuple[int, str]] = []
    for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)] + [tree]:
        raw_attrs: set[str] = set()
        functions = [n for n in ast.walk(cls) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for fn in functions:
            params = _collection_params(fn)
            for node in ast.walk(fn):
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                                and target.value.id == "self"
                                and (_is_raw(node.value, params, set()))):
                            raw_attrs.add(target.attr)
        for fn in functions:
            raw_names = set(_collection_params(fn))
            for node in ast.walk(fn):
                if isinstance(node, ast.Assign) and _is_raw(node.value, raw_names, raw_attrs):
                    raw_names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
            for node in ast.walk(fn):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES
                        and _is_raw(node.func.value, raw_names, raw_attrs)):
                    found.append((node.lineno, ast.unparse(node.func)))
    return sorted(set(found))


def test_no_service_updates_a_raw_collection():
    offenders = [f"{path.relative_to(ROOT)}:{line}: {call}"
                 for path in sorted((ROOT / "services").rglob("*.py"))
                 for line, call in raw_writes(path.read_text())]
    assert offenders == [], "update through shared.guard.Guarded or shared.db.Scoped:\n" + "\n".join(offenders)


def test_the_check_finds_each_kind_of_raw_update():
    source = '''
from pymongo.collection import Collection
from shared.guard import Guarded

def direct():
    Contact._get_collection().update_one({"_id": 1}, {"$set": {"a": 1}})

def by_name(db):
    jobs = db.database()["jobs"]
    jobs.find_one_and_update({"_id": 1}, {"$set": {"a": 1}})

class Store:
    def __init__(self, collection: Collection, other: Collection):
        self.coll = collection
        self.safe = Guarded(other)

    def write(self):
        self.coll.update_many({}, {"$set": {"a": 1}})
        self.safe.update_one({"_id": 1}, {"$set": {"a": 1}})

def param(coll: Collection):
    coll.bulk_write([])
'''
    assert [call for _, call in raw_writes(source)] == [
        "Contact._get_collection().update_one", "jobs.find_one_and_update", "self.coll.update_many",
        "coll.bulk_write"]


@pytest.mark.parametrize("name", ["replace_one", "bulk_write", "find_one_and_replace", "update"])
def test_guarded_offers_no_write_it_cannot_guard(name):
    guarded = Guarded.__new__(Guarded)  # no server needed: the attribute is refused before any command
    guarded.raw = guarded.commands = None
    with pytest.raises(AttributeError, match="offer no"):
        getattr(guarded, name)
