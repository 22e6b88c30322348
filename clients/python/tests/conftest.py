"""The SDK's sync tests share an in-memory server (fake_server.py) and devices syncing with it."""
from __future__ import annotations

from pathlib import Path

import pytest
from fake_server import Device, FakeServer


@pytest.fixture
def server() -> FakeServer:
    return FakeServer()


@pytest.fixture
def device(server: FakeServer, tmp_path: Path):
    def make(name: str = "a", **engine) -> Device:
        return Device(server, tmp_path, name, **engine)
    return make
