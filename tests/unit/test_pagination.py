import pytest

from shared import pagination, problems
from shared.errors import Invalid


def test_cursor_round_trip():
    assert pagination.decode(pagination.encode(["abc", 3]), 2) == ["abc", 3]
    assert pagination.decode(None, 1) is None


@pytest.mark.parametrize("bad", ["!!!", "bm90IGpzb24", pagination.encode(["a"])])
def test_foreign_cursors_are_a_clear_400(bad):
    with pytest.raises(Invalid) as err:
        pagination.decode(bad, 2)
    assert err.value.slug == "invalid-cursor" and problems.status_of(err.value) == 400
