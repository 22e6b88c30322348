from services.gateway.routes import service_for


def test_longest_prefix_on_segment_boundaries():
    assert service_for("/v1/contacts") == "contacts"
    assert service_for("/v1/contacts/abc") == "contacts"
    assert service_for("/v1/sync/contacts/push") == "contacts"
    assert service_for("/v1/sync/nudges/pull") == "nudges"
    assert service_for("/v1/openapi/goals.json") == "goals"
    assert service_for("/v1/contactsX") is None
    assert service_for("/v1/unknown") is None
