"""The savings arithmetic against figures worked out by hand, and its invariants."""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from meeting.savings.compute import (
    DocumentInput,
    Figures,
    Prices,
    compute,
    document_figures,
    rounded,
    sheets_per_copy,
    total,
)

PAGE = {("A4", "bw"): Decimal("350"), ("A4", "colour"): Decimal("2500"),
        ("A3", "bw"): Decimal("700"), ("A3", "colour"): Decimal("5000")}
PRICES = Prices(page=PAGE, bound_set=Decimal("2000"), envelope=Decimal("1500"), duplex=True,
                spare_copies=5, sheet_weight_g=Decimal("4.99"), sheets_per_tree=8333,
                co2_kg_per_kg=Decimal("1.1"))


def doc(id=1, pages=7, recipients=20, printed=0, meeting_id=1, body_id=1,
        day=date(2026, 3, 10), size="A4", colour="bw"):
    return DocumentInput(id=id, meeting_id=meeting_id, body_id=body_id, day=day, pages=pages,
                         recipients=recipients, printed=printed, size=size, colour=colour)


def test_one_paper_worked_by_hand():
    # 20 recipients + 5 spares = 25 copies of 7 pages; two-sided: 4 sheets a copy.
    f = document_figures(doc(), PRICES)
    assert (f.copies, f.pages, f.sheets, f.envelopes) == (25, 175, 100, 20)
    # 175 × 350 + 25 × 2,000 + 20 × 1,500 = 61,250 + 50,000 + 30,000
    assert f.cost == Decimal("141250")
    assert f.paper_kg(PRICES) == Decimal("0.499")  # 100 sheets × 4.99 g
    assert f.co2_kg(PRICES) == Decimal("0.5489")
    assert f.document_ids == (1,)


def test_one_sided_printing_takes_a_sheet_per_page():
    one_sided = Prices(**{**PRICES.__dict__, "duplex": False})
    f = document_figures(doc(), one_sided)
    assert (f.pages, f.sheets) == (175, 175)
    assert f.cost == Decimal("141250")  # the price is per printed page either way


def test_rounding_of_sheets_is_per_copy():
    # 3 pages two-sided is 2 sheets per copy: 10 copies make 20 sheets, not 15.
    assert sheets_per_copy(3, True) == 2
    assert sheets_per_copy(4, True) == 2
    assert sheets_per_copy(0, True) == 0
    assert document_figures(doc(pages=3, recipients=5), PRICES).sheets == 20


def test_printed_copies_come_off_recipients_first():
    # A3 colour, 3 recipients + 5 spares = 8 planned; 4 printed leaves 4 copies avoided
    # and no envelope (the printed copies went to the 3 recipients).
    f = document_figures(doc(pages=10, recipients=3, printed=4, size="A3", colour="colour"),
                         PRICES)
    assert (f.copies, f.pages, f.sheets, f.a4_sheets, f.envelopes) == (4, 40, 20, 40, 0)
    assert f.cost == Decimal("208000")  # 40 × 5,000 + 4 × 2,000
    assert (f.printed_copies, f.printed_beyond_plan) == (4, 0)


def test_printing_more_than_planned_avoids_nothing_and_says_so():
    f = document_figures(doc(printed=30), PRICES)
    assert (f.copies, f.pages, f.sheets, f.envelopes, f.cost) == (0, 0, 0, 0, 0)
    assert f.printed_beyond_plan == 5


def test_fractional_prices_are_exact_until_rounded_once():
    prices = Prices(**{**PRICES.__dict__, "page": {**PAGE, ("A4", "bw"): Decimal("0.35")},
                       "bound_set": Decimal(0), "envelope": Decimal(0), "spare_copies": 0})
    parts = [document_figures(doc(id=i, pages=1, recipients=1), prices) for i in range(3)]
    # Rounding each 0.35 would give 0 + 0 + 0; the sum rounded once gives 1.
    assert total(parts).cost == Decimal("1.05")
    assert rounded(total(parts).cost) == Decimal("1")


def test_breakdowns_worked_by_hand():
    docs = [doc(id=1, day=date(2026, 1, 5)),                          # 141,250
            doc(id=2, pages=2, recipients=10, day=date(2026, 2, 1), meeting_id=2),
            doc(id=3, pages=4, recipients=10, day=date(2026, 4, 1), meeting_id=3, body_id=2)]
    # id 2: 15 copies × 2 pages = 30 pages × 350 + 15 × 2,000 + 10 × 1,500 = 55,500
    # id 3: 15 copies × 4 pages = 60 pages × 350 + 15 × 2,000 + 10 × 1,500 = 66,000
    s = compute(docs, PRICES)
    assert s.total.cost == Decimal("262750")
    assert {k: v.cost for k, v in s.bodies.items()} == {1: Decimal("196750"),
                                                        2: Decimal("66000")}
    assert {k: v.document_ids for k, v in s.quarters.items()} == {(2026, 1): (1, 2),
                                                                  (2026, 2): (3,)}
    assert [v.cost for v in s.cumulative.values()] == [Decimal("141250"), Decimal("196750"),
                                                       Decimal("262750")]
    assert list(s.years) == [2026] and s.years[2026].pages == 175 + 30 + 60


documents = st.lists(st.builds(
    DocumentInput, id=st.integers(1, 10_000), meeting_id=st.integers(1, 5),
    body_id=st.integers(1, 3), day=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    pages=st.integers(0, 400), recipients=st.integers(0, 200), printed=st.integers(0, 300),
    size=st.sampled_from(["A4", "A3"]), colour=st.sampled_from(["bw", "colour"])),
    max_size=30, unique_by=lambda d: d.id)
prices = st.builds(
    Prices, page=st.fixed_dictionaries({k: st.decimals(0, 100000, places=2) for k in PAGE}),
    bound_set=st.decimals(0, 100000, places=2), envelope=st.decimals(0, 100000, places=2),
    duplex=st.booleans(), spare_copies=st.integers(0, 50))


@settings(max_examples=150, deadline=None)
@given(documents, prices)
def test_same_inputs_same_numbers_and_totals_are_sums_of_parts(docs, prices):
    first, again = compute(docs, prices), compute(list(reversed(docs)), prices)
    assert first == again
    parts = list(first.documents.values())
    for breakdown in (first.meetings, first.bodies, first.months, first.quarters, first.years):
        assert total(breakdown.values()) == first.total
        ids = [i for f in breakdown.values() for i in f.document_ids]
        assert sorted(ids) == sorted(d.id for d in docs)  # each paper behind one figure
    assert total(parts) == first.total
    if first.cumulative:
        assert list(first.cumulative.values())[-1] == first.total
    for f in parts:
        assert min(f.copies, f.pages, f.sheets, f.envelopes) >= 0 and f.cost >= 0


@settings(max_examples=100, deadline=None)
@given(documents, prices, st.integers(1, 500))
def test_printing_copies_never_adds_savings(docs, prices, extra):
    for d in docs:
        before = document_figures(d, prices)
        after = document_figures(DocumentInput(**{**d.__dict__, "printed": d.printed + extra}),
                                 prices)
        assert after.pages <= before.pages and after.cost <= before.cost
        assert after.copies >= 0 and after.cost >= 0


def test_empty_input_gives_zero():
    s = compute([], PRICES)
    assert s.total == Figures() and s.months == {} and s.cumulative == {}
