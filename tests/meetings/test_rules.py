"""The pure rules: quorum arithmetic and the meeting status transitions."""

from fractions import Fraction
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meeting.meetings.rules import TRANSITIONS, Quorum, can_transition, quorum

# No example database on disk: the work tree stays clean and every run starts afresh.
RULES = settings(database=None, max_examples=300)

STATUSES = ["draft", "published", "in_session", "closed", "archived"]
# The documented life of a meeting: draft → published → in session → closed → archived,
# and a published meeting may go back to draft. Nothing else.
ALLOWED = {("draft", "published"), ("published", "draft"), ("published", "in_session"),
           ("in_session", "closed"), ("closed", "archived")}


@st.composite
def fractions(draw):
    denominator = draw(st.integers(min_value=1, max_value=50))
    numerator = draw(st.integers(min_value=1, max_value=denominator))
    return numerator, denominator


@st.composite
def counts(draw):
    total = draw(st.integers(min_value=0, max_value=500))
    present = draw(st.integers(min_value=0, max_value=total))
    return present, total


# Quorum --------------------------------------------------------------------------------

@RULES
@given(counts(), fractions())
def test_required_is_the_smallest_count_that_meets_the_fraction(count, fraction):
    present, total = count
    n, d = fraction
    required = quorum(present, total, n, d).required
    share = Fraction(n, d)
    assert 0 <= required <= total
    assert Fraction(required, 1) >= share * total
    if required > 0:
        assert Fraction(required - 1, 1) < share * total


@RULES
@given(counts(), fractions())
def test_is_met_exactly_when_the_present_share_reaches_the_fraction(count, fraction):
    present, total = count
    n, d = fraction
    q = quorum(present, total, n, d)
    assert q.is_met == (total > 0 and Fraction(present, 1) >= Fraction(n, d) * total)
    assert q.is_met == (total > 0 and present >= q.required)


@RULES
@given(st.integers(min_value=0, max_value=500), fractions(), st.data())
def test_is_met_is_monotone_in_present(total, fraction, data):
    n, d = fraction
    low = data.draw(st.integers(min_value=0, max_value=total))
    high = data.draw(st.integers(min_value=low, max_value=total))
    if quorum(low, total, n, d).is_met:
        assert quorum(high, total, n, d).is_met
    # And the threshold is sharp: from ``required`` on it is met, below it is not.
    met = [quorum(p, total, n, d).is_met for p in range(total + 1)]
    assert met == sorted(met)


@RULES
@given(counts())
def test_default_is_at_least_two_thirds(count):
    present, total = count
    q = quorum(present, total)
    assert (q.numerator, q.denominator) == (2, 3)
    assert q == quorum(present, total, 2, 3)
    assert q.is_met == (total > 0 and 3 * present >= 2 * total)


@pytest.mark.parametrize(("total", "required"), [(15, 10), (50, 34), (3, 2), (1, 1), (6, 4),
                                                 (49, 33), (0, 0)])
def test_two_thirds_of_the_bodies_in_the_domain(total, required):
    assert quorum(0, total).required == required
    if total:
        assert quorum(required, total).is_met
        assert not quorum(required - 1, total).is_met


def test_a_body_without_members_never_has_a_quorum():
    assert not quorum(0, 0).is_met
    assert not quorum(0, 0, 1, 1).is_met


def test_the_whole_body_meets_any_fraction():
    assert quorum(7, 7, 1, 1).is_met
    assert not quorum(6, 7, 1, 1).is_met


@RULES
@given(counts(), fractions())
def test_as_dict_reports_the_same_figures(count, fraction):
    q = quorum(*count, *fraction)
    assert q.as_dict() == {"present": count[0], "total": count[1], "required": q.required,
                           "is_met": q.is_met}


@RULES
@given(st.integers(min_value=0, max_value=500), st.integers(min_value=1, max_value=100))
def test_more_present_than_members_is_refused(total, extra):
    with pytest.raises(ValueError):
        quorum(total + extra, total)


@RULES
@given(st.integers(max_value=-1), st.integers(min_value=0, max_value=500))
def test_negative_counts_are_refused(negative, other):
    with pytest.raises(ValueError):
        quorum(negative, other)
    with pytest.raises(ValueError):
        quorum(0, negative)


@RULES
@given(st.integers(min_value=-50, max_value=50), st.integers(min_value=-50, max_value=50))
def test_a_fraction_outside_zero_to_one_is_refused(n, d):
    if 0 < n <= d:
        assert isinstance(quorum(0, 10, n, d), Quorum)
    else:
        with pytest.raises(ValueError):
            quorum(0, 10, n, d)


# Status transitions ----------------------------------------------------------------------

@pytest.mark.parametrize(("current", "target"), list(product(STATUSES, STATUSES)))
def test_every_transition_is_allowed_or_refused_as_documented(current, target):
    assert can_transition(current, target) is ((current, target) in ALLOWED)


def test_the_table_names_every_status_and_nothing_else():
    assert set(TRANSITIONS) == set(STATUSES)
    assert all(targets <= set(STATUSES) for targets in TRANSITIONS.values())
    assert TRANSITIONS["archived"] == set()


@RULES
@given(st.text(max_size=20), st.text(max_size=20))
def test_unknown_statuses_never_transition(current, target):
    if current not in STATUSES or target not in STATUSES:
        assert not can_transition(current, target)


def test_the_normal_life_of_a_meeting_is_a_path_of_allowed_steps():
    path = ["draft", "published", "in_session", "closed", "archived"]
    assert all(can_transition(a, b) for a, b in zip(path, path[1:], strict=False))
    # No way back once the meeting has opened.
    for later in ("in_session", "closed", "archived"):
        for earlier in ("draft", "published"):
            assert not can_transition(later, earlier)
