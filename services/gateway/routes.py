"""Which service answers which path: one table for the local gateway and the docs.

The docker-compose and Kubernetes gateways route the same prefixes (deploy/). Every prefix is
one some service serves (its OpenAPI paths; tests/unit/test_gateway_routes.py): a prefix to
nothing would answer a client with the service's 404 instead of the gateway's own. Besides
`/v1/...`, only sign-in's paths are routed (`/oauth2`, `/.well-known`, `/signin`, `/device`):
OAuth and OpenID Connect put them at the issuer's root.
"""
ROUTES: dict[str, str] = {
    "/v1/members": "accounts",
    "/v1/audit": "accounts",
    "/v1/org": "accounts",
    "/v1/devices": "accounts",
    # sign-in: OAuth endpoints, discovery and keys, and the sign-in pages (at the issuer's root)
    "/oauth2": "accounts",
    "/.well-known": "accounts",
    "/signin": "accounts",
    "/device": "accounts",
    "/v1/openapi/accounts.json": "accounts",
    "/v1/goals": "goals",
    "/v1/plan": "goals",
    "/v1/objectives": "goals",
    "/v1/reviews": "goals",
    "/v1/sync/goals": "goals",
    "/v1/openapi/goals.json": "goals",
    "/v1/contacts": "contacts",
    "/v1/interactions": "contacts",
    "/v1/gatherings": "contacts",
    "/v1/imports": "contacts",
    "/v1/exports": "contacts",
    "/v1/duplicates": "contacts",
    "/v1/sync/contacts": "contacts",
    "/v1/openapi/contacts.json": "contacts",
    "/v1/nudges": "nudges",
    "/v1/sync/nudges": "nudges",
    "/v1/feeds": "nudges",
    "/v1/openapi/nudges.json": "nudges",
}

DEFAULT_UPSTREAMS = {
    "accounts": "http://127.0.0.1:8081",
    "goals": "http://127.0.0.1:8082",
    "contacts": "http://127.0.0.1:8083",
    "nudges": "http://127.0.0.1:8084",
}


def service_for(path: str) -> str | None:
    """Longest matching prefix, on path-segment boundaries."""
    best = None
    for prefix, service in ROUTES.items():
        if path == prefix or path.startswith(prefix + "/"):
            if best is None or len(prefix) > len(best[0]):
                best = (prefix, service)
    return best[1] if best else None
