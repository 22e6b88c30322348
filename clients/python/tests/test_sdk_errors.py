"""problem_error: the exception class for an error answer, and what it carries."""
import pytest

from rapport_sdk import errors
from rapport_sdk.errors import problem_error


@pytest.mark.parametrize("status, cls", [
    (400, errors.BadRequest), (401, errors.Unauthorized), (403, errors.Forbidden), (404, errors.NotFound),
    (409, errors.Conflict), (410, errors.Gone), (413, errors.PayloadTooLarge),
    (415, errors.UnsupportedMediaType), (422, errors.ValidationError), (426, errors.UpgradeRequired),
    (429, errors.RateLimited), (500, errors.ServerError), (502, errors.ServerError), (503, errors.Unavailable),
    (418, errors.ProblemError),
])
def test_the_class_follows_the_status(status, cls):
    error = problem_error(status, {})
    assert type(error) is cls and error.status == status
    assert isinstance(error, errors.ProblemError) and isinstance(error, errors.RapportError)


def test_unavailable_is_a_server_error():
    assert isinstance(problem_error(503, {}), errors.ServerError)


def test_a_problem_document_is_read():
    body = {"type": "/problems/validation-error", "title": "Unprocessable Content", "status": 422,
            "detail": "check the fields", "errors": {"name": ["required"]}, "request_id": "r1"}
    error = problem_error(422, body)
    assert (error.type, error.slug, error.title, error.detail) == (
        "/problems/validation-error", "validation-error", "Unprocessable Content", "check the fields")
    assert error.errors == {"name": ["required"]}
    assert error.body["request_id"] == "r1"
    assert "422 validation-error: check the fields" in str(error)


def test_a_body_without_a_type():
    error = problem_error(404, {"message": "no such thing"})
    assert error.type == "about:blank" and error.slug == "" and error.title == "no such thing"
    assert error.errors == {} and error.detail == ""


def test_auth_error():
    error = errors.AuthError("invalid_grant", "the refresh token expired")
    assert (error.error, error.description) == ("invalid_grant", "the refresh token expired")
    assert isinstance(error, errors.RapportError) and "invalid_grant" in str(error)
