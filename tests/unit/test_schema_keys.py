"""Free-form mappings from clients (shared.schema.FreeForm): keys a document store can hold."""
import pytest

from shared.schema import ApiSchema, FreeForm, Text, ValidationError, key_problems


class Body(ApiSchema):
    data = FreeForm()
    name = Text()


@pytest.mark.parametrize("mapping, says", [
    ({"$set": 1}, "'$set': must not start with '$'"),
    ({"a.b": 1}, "'a.b': must not contain '.'"),
    ({"a\x00b": 1}, "'a\\x00b': must not contain NUL characters"),
    ({"": 1}, "'': must not be empty"),
    ({"k" * 101: 1}, "at most 100 characters"),
    ({"\ud800": 1}, "unpaired surrogate"),
    ({"ok": {"inner": [{"$gt": 1}]}}, "'ok.inner.0.$gt': must not start with '$'"),
    ({str(i): i for i in range(101)}, "at most 100 keys, got 101"),
    ({"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": 1}}}}}}}}}, "nested more than 8 levels deep"),
])
def test_bad_keys_are_named_in_the_message_never_as_an_error_key(mapping, says):
    with pytest.raises(ValidationError) as exc:
        Body().load({"data": mapping})
    (messages,) = exc.value.messages.values()
    assert isinstance(messages, list) and any(says in m for m in messages), messages
    assert all("\x00" not in m and m.encode("utf-8") for m in messages)   # storable and printable


def test_good_mappings_pass_unchanged():
    data = {"start": "09:00", "days": [1, 2], "nested": {"a-b_c": [{"x y": None}]}}
    assert Body().load({"data": data}) == {"data": data}
    assert key_problems(data) == []
    with pytest.raises(ValidationError):
        Body().load({"data": ["not", "a", "mapping"]})


@pytest.mark.parametrize("text, says", [("a\x00b", "NUL"), ("x\udfff", "surrogate")])
def test_text_refuses_what_cannot_be_stored(text, says):
    with pytest.raises(ValidationError) as exc:
        Body().load({"name": text})
    assert says in exc.value.messages["name"][0]


@pytest.mark.parametrize("schema", ["contacts", "nudges"])
def test_sync_mutation_fields_from_every_service_refuse_bad_keys(schema):
    import importlib

    MutationIn = importlib.import_module(f"services.{schema}.schemas").MutationIn
    mutation = {"mutation_id": "m1", "id": "r1", "op": "upsert", "fields": {"status.x": 1}}
    if schema == "contacts":
        mutation["collection"] = "contacts"
    with pytest.raises(ValidationError) as exc:
        MutationIn().load(mutation)
    assert exc.value.messages == {"fields": ["key 'status.x': must not contain '.'"]}


def test_depth_zero_checks_only_the_mappings_own_keys():
    class Fields(ApiSchema):
        data = FreeForm(max_depth=0)

    assert Fields().load({"data": {"tags": [{"$ne": None}]}})["data"] == {"tags": [{"$ne": None}]}
    with pytest.raises(ValidationError):
        Fields().load({"data": {"$ne": None}})


@pytest.mark.parametrize("value, ok", [("ab-C_9", True), ("x" * 64, True), ("x" * 65, False), ("", False),
                                       ("abc\n", False), ("a.b", False), ("\ud800", False), (None, False), (7, False)])
def test_ids_read_outside_a_schema_are_judged_like_the_schema_does(value, ok):
    from shared.schema import Id, is_id

    class WithId(ApiSchema):
        id = Id()

    assert is_id(value) is ok
    if isinstance(value, str):
        assert (WithId().validate({"id": value}) == {}) is ok
