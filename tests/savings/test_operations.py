"""Settings and printed copies: checks, audit, and the figures read from the database."""

from datetime import date
from decimal import Decimal

import pytest

from meeting.core.errors import Conflict, Forbidden, OperationError
from meeting.extensions import db
from meeting.meetings import operations as meetings
from meeting.savings import operations
from meeting.savings.figures import build
from meeting.savings.models import SavingsSettings
from meeting.savings.sources import Filters
from tests.helpers import actions, english, last_entry, refused


def _total(user=None, **filters):
    return build(user, Filters(**filters)).savings.total


def test_figures_from_the_database_worked_by_hand(create_meeting, make_document):
    # Defaults: A4 b/w 350 đ a page, 2,000 a bound set, 1,500 an envelope, 5 spares,
    # two-sided. The meeting's body has 6 members (the chair is one of them).
    meeting = create_meeting(members=6)
    members = [m.user for m in meeting.term.memberships]
    a = make_document(meeting, pages=4)                            # 11 copies, 6 envelopes
    b = make_document(meeting, pages=5, recipients=members[:2])    # 7 copies, 2 envelopes
    make_document(meeting, pages=9, status="draft")                # not published: not counted
    d = make_document(meeting, pages=3, versions=(10, 3))          # the current version counts
    report = build(None, Filters())
    figures = report.savings.documents
    assert (figures[a.id].pages, figures[a.id].sheets, figures[a.id].cost) == (
        44, 22, Decimal("46400"))    # 44 × 350 + 11 × 2,000 + 6 × 1,500
    assert (figures[b.id].pages, figures[b.id].sheets, figures[b.id].cost) == (
        35, 21, Decimal("29250"))    # 35 × 350 + 7 × 2,000 + 2 × 1,500
    assert (figures[d.id].pages, figures[d.id].cost) == (33, Decimal("42550"))
    total = report.savings.total
    assert total.cost == Decimal("118200") and total.document_ids == (a.id, b.id, d.id)
    assert report.savings.meetings[meeting.id] == total


def test_printed_copies_are_subtracted_and_audited(create_meeting, make_document):
    meeting = create_meeting(members=6)
    paper = make_document(meeting, pages=4, classification="mat")
    record = operations.record_printed_copies(None, paper, copies=3, reason="Tài liệu mật",
                                              printed_on=date(2026, 3, 1))
    assert last_entry().action == "savings.printed.add"
    assert last_entry().after == {"document_id": paper.id, "copies": 3,
                                  "printed_on": "2026-03-01", "reason": "Tài liệu mật"}
    # 8 copies: 32 pages × 350 + 8 × 2,000 + 3 envelopes × 1,500
    assert _total().cost == Decimal("31700")
    operations.delete_printed_copies(None, record)
    assert actions()[-1] == "savings.printed.delete"
    assert _total().cost == Decimal("46400")


@pytest.mark.parametrize("copies", [0, -2, "", "ba", 100001, True, [3]])
def test_bad_copy_counts_are_refused(create_meeting, make_document, copies):
    paper = make_document(create_meeting())
    refused(OperationError, operations.record_printed_copies, None, paper, copies=copies)


def test_printed_copies_only_for_published_papers(create_meeting, make_document,
                                                  create_user):
    meeting = create_meeting()
    draft = make_document(meeting, status="draft")
    error = refused(Conflict, operations.record_printed_copies, None, draft, copies=1)
    assert english(error.message) == "Only published documents count in the savings."
    published = make_document(meeting)
    refused(Forbidden, operations.record_printed_copies, create_user(), published, copies=1)


def test_papers_of_a_draft_meeting_do_not_count(create_meeting, make_document):
    make_document(create_meeting(status="draft"), pages=10)
    assert _total().document_ids == ()


def test_settings_are_saved_with_an_audit_entry(secretariat):
    operations.update_settings(secretariat, {"price_a4_bw": "400", "duplex": False,
                                             "spare_copies": "2", "price_envelope": "1.500",
                                             "sheet_weight_g": "4,5"})
    row = db.session.get(SavingsSettings, 1)
    assert (row.price_a4_bw, row.duplex, row.spare_copies) == (Decimal("400"), False, 2)
    assert row.price_envelope == Decimal("1500")  # "1.500" is fifteen hundred đồng
    assert row.sheet_weight_g == Decimal("4.5")
    entry = last_entry()
    assert entry.action == "savings.settings" and entry.before is None
    assert entry.after["price_a4_bw"] == "400" and entry.user_id == secretariat.id


@pytest.mark.parametrize("values, message", [
    ({"price_a4_bw": "-1"}, "Price per A4 page, black and white cannot be negative."),
    ({"price_a3_colour": "250000"},
     "Price per A3 page, colour must be between 0 and 100.000."),
    ({"price_bound_set": "abc"}, "Price per bound set must be a number."),
    ({"price_envelope": "NaN"}, "Price per delivered envelope must be a number."),
    ({"price_a4_bw": "1e9"}, "Price per A4 page, black and white must be between 0 and 100.000."),
    ({"price_a4_bw": "0.001"}, "Price per A4 page, black and white has too many decimal places."),
    ({"spare_copies": -3}, "Spare copies per meeting cannot be negative."),
    ({"sheets_per_tree": 0}, "A4 sheets per tree must be between 100 and 1.000.000."),
    ({"paper_size": "A0"}, "Paper size: choose one of the listed values."),
    ({"duplex": "yes"}, "Two-sided printing must be yes or no."),
    ({"price": 1}, "Unknown setting: price."),
])
def test_bad_settings_are_refused_and_change_nothing(secretariat, values, message):
    operations.update_settings(secretariat, {"price_a4_bw": "300"})
    error = refused(OperationError, operations.update_settings, secretariat,
                    {"price_a4_colour": "999", **values})
    assert english(error.message) == message
    row = db.session.get(SavingsSettings, 1)
    assert (row.price_a4_bw, row.price_a4_colour) == (Decimal("300"), Decimal("2500"))


def test_only_the_secretariat_changes_settings(create_user):
    refused(Forbidden, operations.update_settings, create_user(), {"price_a4_bw": "1"})


def test_filters_select_meetings_by_body_and_local_date(create_meeting, create_body,
                                                        make_document):
    first = create_meeting()
    other_body = create_body(code="BTV", name="Ban Thường vụ")
    second = create_meeting(body=other_body)
    a, b = make_document(first), make_document(second)
    assert _total(body_id=other_body.id).document_ids == (b.id,)
    assert _total(meeting_id=first.id).document_ids == (a.id,)
    # 23:30 UTC on 31 March is 06:30 on 1 April in Hòa Bình: an April meeting.
    meetings.update_meeting(None, first, title=first.title, room="",
                            start_dt=first.start_dt.replace(2026, 3, 31, 23, 30),
                            end_dt=first.start_dt.replace(2026, 4, 1, 3, 0),
                            chair_id=first.chair_id, number=first.number)
    assert _total(start=date(2026, 4, 1), end=date(2026, 4, 30)).document_ids == (a.id,)
    assert _total(start=date(2026, 3, 1), end=date(2026, 3, 31)).document_ids == ()


def test_demo_sets_prices_and_records_copies_of_a_classified_paper(create_meeting,
                                                                   make_document):
    from meeting.savings.demo import load_demo

    load_demo()  # no papers yet: only the prices
    assert db.session.get(SavingsSettings, 1).price_a4_bw == Decimal("350")
    assert operations.printed_records() == []
    meeting = create_meeting()
    make_document(meeting)
    secret = make_document(meeting, classification="toi_mat")
    load_demo()
    records = operations.printed_records()
    assert {r.document_id for r in records} == {secret.id, secret.id - 1}
    assert next(r for r in records if r.document_id == secret.id).copies == 3


def test_a_paper_can_be_counted_in_another_format(create_meeting, make_document):
    meeting = create_meeting(members=6)
    paper = make_document(meeting, pages=4)
    entry = operations.set_print_format(None, paper, paper_size="A3", colour="colour")
    assert last_entry().action == "savings.format.set"
    assert last_entry().after == {"document_id": paper.id, "paper_size": "A3",
                                  "colour": "colour"}
    report = build(None, Filters())
    # 44 pages × 5,000 + 11 × 2,000 + 6 × 1,500; 22 A3 sheets are 44 A4 sheets of paper
    assert report.savings.total.cost == Decimal("251000")
    assert report.savings.total.a4_sheets == 44
    assert entry.paper_size == "A3"
    # Choosing the settings' own format again removes the entry.
    assert operations.set_print_format(None, paper, paper_size="A4", colour="bw") is None
    assert operations.print_formats() == [] and actions()[-1] == "savings.format.clear"
    assert _total().cost == Decimal("46400")
    refused(OperationError, operations.set_print_format, None, paper, paper_size="A5",
            colour="bw")
    refused(Conflict, operations.set_print_format, None,
            make_document(meeting, status="draft"), paper_size="A3", colour="bw")
