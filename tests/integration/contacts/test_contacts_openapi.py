"""The OpenAPI document is served and true: real responses conform to the schemas it
publishes (no undocumented field, no missing required one, types as stated)."""
from .conftest import SCHEMA, new_id, upsert

SCHEMA_HEADER = next(iter(SCHEMA))

TYPES = {"object": dict, "array": list, "string": str, "integer": int, "number": (int, float), "boolean": bool}


def conforms(value, schema: dict, spec: dict, path: str = "$") -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return conforms(value, spec["components"]["schemas"][name], spec, path)
    if value is None:
        return [] if schema.get("nullable") or not schema.get("type") else [f"{path}: null but not nullable"]
    kind = schema.get("type")
    if kind and (not isinstance(value, TYPES[kind]) or (kind == "integer" and isinstance(value, bool))):
        return [f"{path}: {type(value).__name__} is not {kind}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{path}: {value!r} not in {schema['enum']}"]
    errors = []
    if kind == "array":
        for i, item in enumerate(value):
            errors += conforms(item, schema.get("items", {}), spec, f"{path}[{i}]")
    if kind == "object" and "properties" in schema:
        props = schema["properties"]
        errors += [f"{path}.{k}: not documented" for k in value if k not in props]
        errors += [f"{path}.{k}: required but missing" for k in schema.get("required", []) if k not in value]
        for k, v in value.items():
            if k in props:
                errors += conforms(v, props[k], spec, f"{path}.{k}")
    return errors


def check(spec, template: str, method: str, response, content_type="application/json"):
    op = spec["paths"][template][method]
    assert "bearer" in str(spec["security"]) and op["responses"], template
    schema = op["responses"][str(response.code)]["content"][content_type]["schema"]
    errors = conforms(response.json_body, schema, spec)
    assert not errors, (template, method, errors[:5])


def test_responses_conform_to_the_served_spec(member, app):
    spec = app.get("/v1/openapi/contacts.json").json
    m = member()
    g = m.post("/v1/gatherings", json={"name": "PyCon", "kind": "conference", "starts_on": "2026-05-13"})
    check(spec, "/v1/gatherings", "post", g)
    c = m.post("/v1/contacts", json={"display_name": "Ada", "emails": ["a@x.org"], "gathering_id": g.json_body["id"],
                                     "met_at": "2026-05-13T10:00:00Z"})
    check(spec, "/v1/contacts", "post", c)
    c2 = m.post("/v1/contacts", json={"display_name": "Ada L", "emails": ["a@x.org"]})
    i = m.post("/v1/interactions", json={"contact_id": c.json_body["id"], "kind": "call",
                                         "occurred_at": "2026-05-13T11:00:00Z"})
    check(spec, "/v1/interactions", "post", i)
    for template, path in (("/v1/contacts", "/v1/contacts"), ("/v1/interactions", "/v1/interactions"),
                           ("/v1/gatherings", "/v1/gatherings"), ("/v1/duplicates", "/v1/duplicates"),
                           ("/v1/contacts/{record_id}", f"/v1/contacts/{c.json_body['id']}"),
                           ("/v1/interactions/{record_id}", f"/v1/interactions/{i.json_body['id']}"),
                           ("/v1/gatherings/{record_id}", f"/v1/gatherings/{g.json_body['id']}")):
        check(spec, template, "get", m.get(path))
    check(spec, "/v1/contacts/{record_id}", "patch", m.patch(f"/v1/contacts/{c.json_body['id']}", json={"tier": "peer"}))
    check(spec, "/v1/duplicates/merge", "post", m.post("/v1/duplicates/merge", json={
        "winner_id": c.json_body["id"], "loser_id": c2.json_body["id"]}))
    job = m.post("/v1/imports", data=b"BEGIN:VCARD\nVERSION:4.0\nFN:X\nEND:VCARD\nBEGIN:VCARD\nEND:VCARD\n",
                 content_type="text/vcard")
    check(spec, "/v1/imports", "post", job)
    check(spec, "/v1/imports", "get", m.get("/v1/imports"))
    phone = m.on("d-1")   # signed in on device d-1

    cid = new_id()
    push = phone.post("/v1/sync/contacts/push", json={"device_id": "d-1", "mutations": [
        upsert("contacts", cid, {"display_name": "Grace", "emails": ["a@x.org"]}, mid="m1"),
        upsert("contacts", cid, {"title": "x"}, base=1, mid="m2"),
        upsert("contacts", c.json_body["id"], {"title": "y"}, base=1, mid="m3"),
        upsert("contacts", c.json_body["id"], {"tier": "mentor"}, base=1, mid="m4"),
        upsert("contacts", new_id(), {"display_name": 3}, mid="m5"),
        upsert("contacts", cid, {"title": "x"}, base=1, mid="m2"),
        {"mutation_id": "m6", "collection": "contacts", "op": "delete", "id": c2.json_body["id"]}]})
    assert [r["status"] for r in push.json_body["results"]] == ["applied", "applied", "merged", "conflict",
                                                               "rejected", "duplicate", "applied"]
    check(spec, "/v1/sync/contacts/push", "post", push)
    pull = phone.get("/v1/sync/contacts/pull")
    assert pull.json_body["changes"]["contacts"]["deleted"]
    check(spec, "/v1/sync/contacts/pull", "get", pull)
    devices = m.get("/v1/sync/contacts/devices")
    assert [d["device_id"] for d in devices.json_body["items"]] == ["d-1"]
    check(spec, "/v1/sync/contacts/devices", "get", devices)

    # problems are documented as what they are
    problem = "application/problem+json"
    check(spec, "/v1/sync/contacts/push", "post",
          phone.post("/v1/sync/contacts/push", json={"device_id": "unknown", "mutations": []}), problem)
    check(spec, "/v1/sync/contacts/pull", "get", phone.get("/v1/sync/contacts/pull", query={"device_id": "d-2"}),
          problem)
    check(spec, "/v1/sync/contacts/pull", "get", m.get("/v1/sync/contacts/pull", query={"limit": 5000}), problem)
    check(spec, "/v1/sync/contacts/pull", "get", m.get("/v1/sync/contacts/pull", headers={SCHEMA_HEADER: "0"}), problem)
    check(spec, "/v1/contacts/{record_id}", "patch", m.patch(f"/v1/contacts/{c.json_body['id']}", json={"tier": "peer"},
                                                             headers={"If-Match": '"1"'}), problem)


def test_the_spec_documents_sync_headers_and_problem_statuses(app):
    spec = app.get("/v1/openapi/contacts.json").json
    push = spec["paths"]["/v1/sync/contacts/push"]["post"]
    shared = spec["paths"]["/v1/sync/contacts/push"]["parameters"]   # every operation of the path takes it
    assert {p["name"] for p in shared if p["in"] == "header"} == set(SCHEMA)
    assert {"409", "413", "426"} <= set(push["responses"])
    assert {"409", "410", "413", "426"} <= set(spec["paths"]["/v1/sync/contacts/pull"]["get"]["responses"])
    assert set(spec["paths"]["/v1/sync/contacts/devices"]) == {"get", "parameters"}   # registering is signing in
    assert "/v1/sync/contacts/devices/{device_id}" not in spec["paths"]
    imports = spec["paths"]["/v1/imports"]["post"]["requestBody"]["content"]
    assert {"text/vcard", "text/csv"} <= set(imports)
    assert "text/vcard" in spec["paths"]["/v1/exports/contacts.vcf"]["get"]["responses"]["200"]["content"]
    assert "If-Match" in str(spec["paths"]["/v1/contacts/{record_id}"]["patch"]["parameters"])
