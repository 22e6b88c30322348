from services.gateway.routes import service_for


def test_longest_prefix_on_segment_boundaries():
    assert service_for("/v1/contacts") == "contacts"
    assert service_for("/v1/contacts/abc") == "contacts"
    assert service_for("/v1/sync/contacts/push") == "contacts"
    assert service_for("/v1/sync/nudges/pull") == "nudges"
    assert service_for("/v1/openapi/goals.json") == "goals"
    assert service_for("/v1/contactsX") is None
    assert service_for("/v1/unknown") is None


def test_the_gateways_own_problems_on_sync_routes_carry_the_server_time():
    from services.gateway.app import create_app
    from tests.servers import free_port

    down = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    client = create_app({name: down for name in ("accounts", "goals", "contacts", "nudges")}).test_client()
    for path, status in (("/v1/sync/contacts/devices/%252e%252e", 400), ("/v1/sync/contacts/pull", 503),
                         ("/v1/sync/nowhere/pull", 404)):
        r = client.get(path)
        assert r.status_code == status and r.mimetype == "application/problem+json", (path, r.data)
        assert r.json["server_time"] == r.headers["X-Server-Time"] and r.json["server_time"].endswith("Z")
    other = client.get("/v1/contacts")            # not a sync route: no server time stamped
    assert other.status_code == 503 and "server_time" not in other.json
