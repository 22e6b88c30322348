import pytest

from shared import pagination
from shared.problems import Problem


def test_cursor_round_trip():
    assert pagination.decode(pagination.encode(["abc", 3]), 2) == ["abc", 3]
    assert pagination.decode(None, 1) is None


@pytest.mark.parametrize("bad", ["!!!", "bm90IGpzb24", pagination.encode(["a"])])
def test_foreign_cursors_are_a_clear_400(bad):
    with pytest.raises(Problem) as err:
        pagination.decode(bad, 2)
    assert err.value.status == 400 and err.value.slug == "invalid-cursor"
