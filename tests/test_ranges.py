from hypothesis import given
from hypothesis import strategies as st

from newsweave.ranges import Ranges


def test_offsets_inside_overlapping_and_touching_ranges() -> None:
    r = Ranges([(10, 20), (15, 25), (30, 31), (25, 28), (40, 40)])
    assert [x for x in range(0, 45) if x in r] == [*range(10, 28), 30]
    assert not Ranges() and 0 not in Ranges()
    assert Ranges.of(r) is r


@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=12),
    st.integers(-5, 70),
)
def test_membership_is_the_scan_it_replaces(ranges: list[tuple[int, int]], offset: int) -> None:
    assert (offset in Ranges(ranges)) == any(s <= offset < e for s, e in ranges)
