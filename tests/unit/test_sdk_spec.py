"""The Python SDK's typed client is generated from snapshots of the services' OpenAPI documents
(clients/python/openapi/<service>.json): they must be the documents the services build now, so the
SDK and the API say the same thing."""
import json
from pathlib import Path

import pytest

from .test_openapi_errors import SERVICES, spec_of

SDK = Path(__file__).resolve().parents[2] / "clients" / "python"


@pytest.mark.parametrize("service", SERVICES)
def test_the_sdk_snapshot_is_the_document_the_service_builds(service):
    snapshot = SDK / "openapi" / f"{service}.json"
    built = json.dumps(spec_of(service), sort_keys=True, indent=1) + "\n"
    assert snapshot.exists() and snapshot.read_text() == built, (
        f"{snapshot.relative_to(SDK.parents[1])} is not {service}'s OpenAPI document any more: "
        "run clients/python/generate.sh and commit what changes")


@pytest.mark.parametrize("service", SERVICES)
def test_the_sdk_is_generated_for_every_service(service):
    package = SDK / "rapport_sdk" / "_generated" / service
    assert (package / "client.py").exists() and (package / "models" / "__init__.py").exists(), (
        "run clients/python/generate.sh")
