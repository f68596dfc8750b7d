"""Property tests of the pure voting rules: majority arithmetic, validity, tally, digest."""

import math
import random
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meeting.voting import rules

bases = st.integers(min_value=0, max_value=10_000)
fractions = st.tuples(st.integers(1, 100), st.integers(1, 100)).filter(lambda f: f[0] <= f[1])


@given(bases, fractions, st.booleans())
def test_required_is_the_least_count_meeting_the_rule(base, frac, strict):
    num, den = frac
    rule = rules.Rule(num, den, strict)
    need = rule.required(base)
    share = Fraction(base * num, den)
    # The required count meets the fraction, and one fewer does not.
    assert (need > share) if strict else (need >= share)
    assert not ((need - 1 > share) if strict else (need - 1 >= share))


@given(st.integers(1, 10_000))
def test_more_than_half_of_the_members(base):
    rule = rules.rule_for("half")
    assert rule.required(base) == base // 2 + 1
    assert rule.met(base // 2 + 1, base) and not rule.met(base // 2, base)


@given(st.integers(1, 10_000))
def test_two_thirds_and_three_quarters_are_at_least(base):
    assert rules.rule_for("two_thirds").required(base) == math.ceil(base * 2 / 3 - 1e-9)
    assert rules.rule_for("three_quarters").required(base) == -(-base * 3 // 4)


def test_the_partys_example():
    # 27 of the 50 members of the Executive Committee agree: more than half (26): passed.
    rule = rules.rule_for("half")
    assert rule.required(50) == 26 and rule.met(27, 50) and not rule.met(25, 50)
    # Half of those present is not enough when the base is all members.
    assert not rule.met(20, 50) and rule.met(20, 38)


def test_an_empty_base_never_passes_and_bad_fractions_are_refused():
    assert not rules.rule_for("half").met(0, 0)
    with pytest.raises(ValueError):
        rules.Rule(3, 2, False)
    with pytest.raises(ValueError):
        rules.rule_for("most")


@given(st.integers(1, 8), st.integers(1, 8), st.data())
def test_election_validity_follows_the_party_rules(candidates, seats, data):
    ids = list(range(1, candidates + 1))
    kept = data.draw(st.lists(st.sampled_from(ids), unique=True))
    valid = rules.is_valid("election", kept, ids, seats)
    too_many = len(kept) > seats
    none_when_more = not kept and candidates > seats
    assert valid == (not too_many and not none_when_more)


motion_ballots = st.lists(st.sampled_from(["yes", "no", "abstain", "maybe", 3, None]),
                          max_size=200)


@given(motion_ballots, st.booleans())
def test_tally_equals_a_recount_by_hand_and_ignores_order(choices, abstain):
    t = rules.tally("motion", choices, allow_abstain=abstain)
    allowed = ("yes", "no", "abstain") if abstain else ("yes", "no")
    for option in allowed:
        assert t["counts"][option] == sum(1 for c in choices if c == option)
    assert t["valid"] + t["invalid"] == t["ballots"] == len(choices)
    assert t["valid"] == sum(t["counts"].values())
    shuffled = choices[:]
    random.Random(1).shuffle(shuffled)
    assert rules.tally("motion", shuffled, allow_abstain=abstain) == t


@given(st.integers(1, 6), st.integers(1, 4), st.data())
def test_election_tally_and_outcome(candidates, seats, data):
    ids = list(range(1, candidates + 1))
    ballots = data.draw(st.lists(st.lists(st.sampled_from(ids), unique=True), max_size=60))
    members = data.draw(st.integers(len(ballots), len(ballots) + 20))
    t = rules.tally("election", ballots, ids, seats)
    valid = [b for b in ballots if rules.is_valid("election", b, ids, seats)]
    for cid in ids:
        assert t["counts"][str(cid)] == sum(1 for b in valid if cid in b)
    out = rules.election_outcome(t["counts"], seats, members, rules.rule_for("half"))
    assert len(out["elected"]) <= seats
    assert not set(out["elected"]) & set(out["tied"])
    for cid in out["elected"]:
        assert t["counts"][cid] > members / 2
    # Nobody left out has more votes than someone elected.
    left = [c for c in t["counts"] if c not in out["elected"]]
    if out["elected"] and left:
        assert min(t["counts"][c] for c in out["elected"]) >= max(
            t["counts"][c] for c in left)


def test_a_tie_for_the_last_seat_is_left_to_the_meeting():
    counts = {"1": 40, "2": 30, "3": 30}
    out = rules.election_outcome(counts, 2, 50, rules.rule_for("half"))
    assert out["elected"] == ["1"] and sorted(out["tied"]) == ["2", "3"]


@given(st.lists(st.sampled_from(rules.CONFIDENCE_LEVELS), min_size=1, max_size=80))
def test_confidence_percentages_are_over_ballots_returned(levels):
    ballots = [{"7": lv} for lv in levels]
    t = rules.tally("confidence", ballots, [7])
    out = rules.confidence_outcome(t["counts"], t["ballots"])
    assert abs(sum(out["percent"]["7"].values()) - 100) < 0.05
    assert ("7" in out["low_majority"]) == (levels.count("low") * 2 > len(levels))


@given(st.lists(st.text(max_size=20), max_size=50), st.data())
def test_digest_is_order_free_and_changes_with_any_ballot(lines, data):
    shuffled = lines[:]
    random.Random(2).shuffle(shuffled)
    assert rules.digest(lines) == rules.digest(shuffled)
    if lines:
        i = data.draw(st.integers(0, len(lines) - 1))
        tampered = lines[:i] + [lines[i] + "x"] + lines[i + 1:]
        assert rules.digest(tampered) != rules.digest(lines)


@pytest.mark.parametrize("choice,code", [
    ("maybe", "unknown_option"), ("abstain", "unknown_option"), (None, "unknown_option")])
def test_motion_choices_refused(choice, code):
    with pytest.raises(rules.InvalidChoice) as exc:
        rules.check_choice("motion", choice, allow_abstain=False)
    assert exc.value.code == code


def test_confidence_needs_every_person_rated():
    with pytest.raises(rules.InvalidChoice) as exc:
        rules.check_choice("confidence", {"1": "high"}, [1, 2])
    assert exc.value.code == "incomplete"
    assert rules.check_choice("confidence", {"2": "low", "1": "high"}, [1, 2]) == {
        "1": "high", "2": "low"}
