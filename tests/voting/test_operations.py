"""Operations on polls: lifecycle, eligibility, one ballot per person, idempotency, results."""

import pytest

from meeting.core.errors import Conflict, Forbidden, NotFound, OperationError
from meeting.extensions import db
from meeting.meetings import attendance
from meeting.meetings import operations as meeting_ops
from meeting.voting import ballots, counting, operations
from meeting.voting.models import PollBallot, PollParticipation
from tests.conftest import members_of
from tests.helpers import actions, english, refused


def _counts(poll):
    return (db.session.query(PollParticipation).filter_by(poll_id=poll.id).count(),
            db.session.query(PollBallot).filter_by(poll_id=poll.id).count())


def test_a_named_motion_from_opening_to_result(motion):
    poll, people = motion()
    for i, user in enumerate(people):
        ballots.cast_ballot(user, poll, "yes" if i < 4 else "no", f"key-{user.id}-abc")
    operations.close_poll(None, poll)
    assert poll.state == "closed"
    assert poll.result["counts"] == {"yes": 4, "no": 2, "abstain": 0}
    out = poll.result["outcome"]
    assert out["required"] == 4 and out["passed"]
    assert counting.verify(poll)["ok"]
    from meeting.voting.explain import explain_both
    words = explain_both(poll)
    assert words["en"][0].startswith("4/6 members agree — more than half of the total members")
    assert words["en"][0].endswith("(4) — passed")
    assert "poll.open" in actions() and "poll.close" in actions()
    operations.publish_poll(None, poll)
    assert poll.state == "published"


def test_more_than_half_of_all_members_not_of_those_present(motion):
    # 4 of 6 present, 3 agree: a majority of those present, not of the body.
    poll, people = motion(members=6, present=4, threshold="half")
    for user in people[:3]:
        ballots.cast_ballot(user, poll, "yes", f"key-{user.id}-abc")
    ballots.cast_ballot(people[3], poll, "no", "key-last-abc")
    operations.close_poll(None, poll)
    assert poll.result["outcome"]["required"] == 4
    assert not poll.result["outcome"]["passed"]
    from meeting.voting.explain import explain_both
    words = explain_both(poll)
    assert words["vi"][0] == ("3/6 thành viên đồng ý — chưa đạt quá nửa tổng số thành viên "
                              f"{poll.meeting.body.name} (4) — không được thông qua")
    assert words["en"][0].startswith("3/6 members agree — short of more than half of the total")


def test_a_ballot_is_refused_for_closed_unknown_option_guest_absent(motion, create_user,
                                                                     voting_meeting):
    poll, people = motion(members=6, present=5)
    absent = people[5]
    err = refused(Conflict, ballots.cast_ballot, absent, poll, "yes", "absent-key-1")
    assert english(err.message) == "Check in at the meeting before you vote."
    guest = create_user("khach")
    meeting_ops.invite_guest(None, poll.meeting, guest)
    attendance.check_in(guest, poll.meeting)
    err = refused(Forbidden, ballots.cast_ballot, guest, poll, "yes", "guest-key-1")
    assert english(err.message) == "Invited guests do not vote."
    err = refused(OperationError, ballots.cast_ballot, people[0], poll, "maybe", "key-abcdefg")
    assert english(err.message) == "This option is not on the ballot."
    err = refused(OperationError, ballots.cast_ballot, people[0], poll, "abstain", "key-abcdefg")
    err = refused(OperationError, ballots.cast_ballot, people[0], poll, "yes", "short")
    operations.close_poll(None, poll)
    err = refused(Conflict, ballots.cast_ballot, people[1], poll, "yes", "late-key-12")
    assert english(err.message) == "This vote is not open."
    assert _counts(poll) == (0, 0)
    with pytest.raises(NotFound):
        operations.get_poll(poll.meeting, 999_999)


def test_a_replayed_key_gets_the_same_answer_and_counts_once(motion):
    poll, people = motion(is_secret=True)
    first = ballots.cast_ballot(people[0], poll, "yes", "tablet-key-1")
    again = ballots.cast_ballot(people[0], poll, "yes", "tablet-key-1")
    assert first == again and first["receipt"]
    assert _counts(poll) == (1, 1)
    # The second tablet of the same person, another key: refused.
    err = refused(Conflict, ballots.cast_ballot, people[0], poll, "no", "tablet-key-2")
    assert english(err.message) == "You have already voted in this vote."
    assert _counts(poll) == (1, 1)
    # A replay after closing still gets its answer.
    operations.close_poll(None, poll)
    assert ballots.cast_ballot(people[0], poll, "yes", "tablet-key-1") == first


def test_only_the_chair_opens_and_closes(voting_meeting, create_user):
    meeting = voting_meeting()
    member = members_of(meeting)[1]
    poll = operations.create_poll(None, meeting, kind="motion", title="Biểu quyết")
    refused(Forbidden, operations.open_poll, member, poll)
    chair = members_of(meeting)[0]
    operations.open_poll(chair, poll)
    refused(Forbidden, operations.close_poll, member, poll)
    refused(Conflict, operations.open_poll, chair, poll)


def test_quorum_refuses_or_warns(voting_meeting, app):
    meeting = voting_meeting(members=6, present=3)
    poll = operations.create_poll(None, meeting, kind="motion", title="Biểu quyết")
    err = refused(Conflict, operations.open_poll, None, poll)
    assert "quorum is not met: 3 of 6" in english(err.message)
    app.config["VOTE_QUORUM_POLICY"] = "warn"
    operations.open_poll(None, poll)
    assert poll.state == "open" and poll.quorum_warning


def test_only_one_open_vote_per_meeting(motion):
    poll, _ = motion()
    second = operations.create_poll(None, poll.meeting, kind="motion", title="Khác")
    refused(Conflict, operations.open_poll, None, second)


def test_an_election_refuses_too_many_names_and_elects_by_majority(voting_meeting):
    meeting = voting_meeting(members=5)
    people = members_of(meeting)
    poll = operations.create_poll(None, meeting, kind="election", title="Bầu Ban Thường vụ",
                                  seats=2, candidates=["Nguyễn Văn A", "Trần Thị B",
                                                       "Lê Văn C"])
    assert poll.is_secret
    operations.open_poll(None, poll)
    a, b, c = (cand.id for cand in poll.candidates)
    err = refused(OperationError, ballots.cast_ballot, people[0], poll, [a, b, c], "key-many-1")
    assert "more names than there are seats" in english(err.message)
    refused(OperationError, ballots.cast_ballot, people[0], poll, [], "key-none-1")
    refused(OperationError, ballots.cast_ballot, people[0], poll, [a, 999], "key-unk-1")
    for user, kept in zip(people, [[a, b], [a, b], [a, c], [a], [b, c]], strict=True):
        ballots.cast_ballot(user, poll, kept, f"key-{user.id}-elect")
    operations.close_poll(None, poll)
    out = poll.result["outcome"]
    # A: 4/5, B: 3/5, C: 2/5; more than half of 5 is 3.
    assert out["elected"] == [str(a), str(b)] and out["tied"] == []
    assert counting.verify(poll)["ok"]


def test_a_vote_of_confidence_gives_percentages_over_ballots_returned(voting_meeting):
    meeting = voting_meeting(members=4)
    people = members_of(meeting)
    poll = operations.create_poll(None, meeting, kind="confidence", title="Lấy phiếu tín nhiệm",
                                  candidates=["Đồng chí X"])
    operations.open_poll(None, poll)
    cid = str(poll.candidates[0].id)
    for user, level in zip(people[:3], ["high", "high", "low"], strict=True):
        ballots.cast_ballot(user, poll, {cid: level}, f"key-{user.id}-conf")
    operations.close_poll(None, poll)
    assert poll.result["outcome"]["percent"][cid] == {"high": 66.67, "medium": 0.0,
                                                      "low": 33.33}


def test_show_of_hands_and_repeat_vote(voting_meeting):
    meeting = voting_meeting(members=6)
    poll = operations.create_poll(None, meeting, kind="hands", title="Bầu Đoàn Chủ tịch")
    refused(OperationError, operations.record_hands, None, poll, {"yes": -1})
    refused(OperationError, operations.record_hands, None, poll, {"yes": 5, "no": 2})
    operations.record_hands(None, poll, {"yes": 5, "no": 1})
    assert poll.state == "closed" and poll.result["outcome"]["passed"]
    assert counting.verify(poll)["ok"]
    again = operations.repeat_poll(None, poll)
    assert again.repeat_of_id == poll.id and again.state == "draft"


def test_bad_settings_are_refused(voting_meeting):
    meeting = voting_meeting()
    refused(OperationError, operations.create_poll, None, meeting, kind="lottery", title="x")
    refused(OperationError, operations.create_poll, None, meeting, kind="motion", title=" ")
    refused(OperationError, operations.create_poll, None, meeting, kind="election",
            title="Bầu", candidates=[])
    refused(OperationError, operations.create_poll, None, meeting, kind="motion",
            title="x", threshold="custom", threshold_num=5, threshold_den=3)


def test_tampering_with_one_stored_ballot_fails_the_recount(motion):
    poll, people = motion(is_secret=True)
    for user in people:
        ballots.cast_ballot(user, poll, "yes", f"key-{user.id}-tamper")
    operations.close_poll(None, poll)
    assert counting.verify(poll)["ok"]
    ballot = db.session.query(PollBallot).filter_by(poll_id=poll.id).first()
    ballot.choice = "no"
    db.session.commit()
    check = counting.verify(poll)
    assert not check["ok"] and not check["recount_matches"] and not check["digest_matches"]


def test_verify_poll_command_passes_then_fails_after_tampering(app, motion):
    poll, people = motion(is_secret=True)
    for user in people:
        ballots.cast_ballot(user, poll, "no", f"key-{user.id}-verify")
    operations.close_poll(None, poll)
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["verify-poll", str(poll.id)])
    assert ok.exit_code == 0 and "Verification passed." in ok.output
    db.session.query(PollBallot).filter_by(poll_id=poll.id).first().choice = "yes"
    db.session.commit()
    bad = runner.invoke(args=["verify-poll", str(poll.id)])
    assert bad.exit_code == 1 and "FAILED" in bad.output
    assert runner.invoke(args=["verify-poll", "999999"]).exit_code == 1
