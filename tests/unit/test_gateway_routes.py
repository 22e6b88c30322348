from services.gateway.routes import service_for


def test_longest_prefix_on_segment_boundaries():
    assert service_for("/v1/contacts") == "contacts"
    assert service_for("/v1/contacts/abc") == "contacts"
    assert service_for("/v1/sync/contacts/push") == "contacts"
    assert service_for("/v1/sync/nudges/pull") == "nudges"
    assert service_for("/v1/openapi/goals.json") == "goals"
    assert service_for("/v1/contactsX") is None
    assert service_for("/v1/unknown") is None


def test_sign_in_paths_are_forwarded_as_they_are():
    from services.gateway.app import create_app
    from tests.servers import free_port

    down = f"http://127.0.0.1:{free_port()}"
    client = create_app({name: down for name in ("accounts", "goals", "contacts", "nudges")}).test_client()
    for path in ("/signin", "/device", "/signin/email", "/oauth2/token", "/.well-known/jwks.json"):
        r = client.get(path)  # forwarded to accounts (down here: 503), never redirected elsewhere
        assert r.status_code == 503 and "Location" not in r.headers, (path, r.status_code)


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


def test_every_route_prefix_is_served_by_its_service_and_every_served_path_is_routed():
    """The routing table and the services' OpenAPI documents agree: no prefix routes to a
    service that serves nothing under it (`/v1/orgs`, `/v1/devices` and `/v1/sync/goals`
    once did), and every path a service serves reaches that service."""
    from services.gateway.routes import ROUTES
    from tests.unit.test_openapi_errors import SERVICES, spec_of

    served = {service: [p.split("{")[0].rstrip("/") or p for p in spec_of(service)["paths"]] for service in SERVICES}
    for prefix, service in ROUTES.items():
        if prefix == f"/v1/openapi/{service}.json":
            continue  # the document itself, served by every service at that path
        assert any(p == prefix or p.startswith(prefix + "/") for p in served[service]), (prefix, service)
    for service, paths in served.items():
        for path in paths:
            assert service_for(path) == service, (path, service)
    assert {p for p, s in ROUTES.items() if p.startswith("/v1/openapi/")} == {
        f"/v1/openapi/{s}.json" for s in SERVICES}
