"""The savings arithmetic: pure, deterministic functions of documents and prices.

Nothing here reads the database or the clock, so the same inputs always give the same
numbers. Money is Decimal throughout and is rounded only when shown (``rounded``).
Every figure carries the ids of the documents behind it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

PAPER_SIZES = ("A4", "A3")
COLOURS = ("bw", "colour")
# An A3 sheet is two A4 sheets of the same paper: weights and trees count in A4 sheets.
A4_SHEETS_PER_SHEET = {"A4": 1, "A3": 2}

ZERO = Decimal(0)


@dataclass(frozen=True)
class Prices:
    """The settings the figures depend on (see docs/SAVINGS.md for their meaning)."""

    page: dict  # {(size, colour): Decimal price of one printed page}
    bound_set: Decimal = ZERO  # binding or stapling one copy of a document
    envelope: Decimal = ZERO  # one envelope delivered to one recipient
    duplex: bool = True
    spare_copies: int = 0  # extra copies of each paper printed for a meeting
    sheet_weight_g: Decimal = Decimal("4.99")  # one A4 sheet of 80 g/m² paper
    sheets_per_tree: int = 8333
    co2_kg_per_kg: Decimal = Decimal("1.1")


@dataclass(frozen=True)
class DocumentInput:
    """One published paper as the arithmetic sees it."""

    id: int
    meeting_id: int
    body_id: int
    day: date  # the meeting's date: the papers would have been printed for it
    pages: int
    recipients: int
    printed: int = 0  # copies the secretariat printed all the same
    size: str = "A4"
    colour: str = "bw"


@dataclass(frozen=True)
class Figures:
    """Counts avoided by not printing, and the documents they come from."""

    copies: int = 0
    pages: int = 0
    sheets: int = 0
    a4_sheets: int = 0
    envelopes: int = 0
    cost: Decimal = ZERO  # exact; ``rounded`` when shown
    printed_copies: int = 0
    printed_beyond_plan: int = 0  # copies printed over the planned count, not subtracted
    document_ids: tuple = field(default=())

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(
            copies=self.copies + other.copies, pages=self.pages + other.pages,
            sheets=self.sheets + other.sheets, a4_sheets=self.a4_sheets + other.a4_sheets,
            envelopes=self.envelopes + other.envelopes, cost=self.cost + other.cost,
            printed_copies=self.printed_copies + other.printed_copies,
            printed_beyond_plan=self.printed_beyond_plan + other.printed_beyond_plan,
            document_ids=tuple(sorted(set(self.document_ids) | set(other.document_ids))))

    def paper_kg(self, prices: Prices) -> Decimal:
        return self.a4_sheets * prices.sheet_weight_g / 1000

    def trees(self, prices: Prices) -> Decimal:
        return Decimal(self.a4_sheets) / prices.sheets_per_tree

    def co2_kg(self, prices: Prices) -> Decimal:
        return self.paper_kg(prices) * prices.co2_kg_per_kg


def sheets_per_copy(pages: int, duplex: bool) -> int:
    """Sheets one copy takes; two-sided printing halves them, a last odd page takes a sheet."""
    return (pages + 1) // 2 if duplex else pages


def document_figures(doc: DocumentInput, prices: Prices) -> Figures:
    """What not printing one paper for its meeting avoided.

    Planned copies are one per recipient plus the meeting's spares; copies the
    secretariat printed anyway are subtracted, first from the recipients' copies (so
    their envelopes are not counted as avoided), never below zero.
    """
    planned = doc.recipients + prices.spare_copies
    printed = doc.printed
    copies = max(0, planned - printed)
    envelopes = max(0, doc.recipients - printed)
    pages = copies * doc.pages
    sheets = copies * sheets_per_copy(doc.pages, prices.duplex)
    page_price = prices.page[(doc.size, doc.colour)]
    bound = prices.bound_set if doc.pages else ZERO  # an empty file is no set to bind
    cost = pages * page_price + copies * bound + envelopes * prices.envelope
    return Figures(copies=copies, pages=pages, sheets=sheets,
                   a4_sheets=sheets * A4_SHEETS_PER_SHEET[doc.size], envelopes=envelopes,
                   cost=cost, printed_copies=printed,
                   printed_beyond_plan=max(0, printed - planned), document_ids=(doc.id,))


def total(figures: Iterable[Figures]) -> Figures:
    """Sum many figures at once (``+`` in a loop would re-sort the ids every time)."""
    figures = list(figures)
    ids: set = set()
    for item in figures:
        ids.update(item.document_ids)
    return Figures(
        copies=sum(f.copies for f in figures), pages=sum(f.pages for f in figures),
        sheets=sum(f.sheets for f in figures), a4_sheets=sum(f.a4_sheets for f in figures),
        envelopes=sum(f.envelopes for f in figures), cost=sum((f.cost for f in figures), ZERO),
        printed_copies=sum(f.printed_copies for f in figures),
        printed_beyond_plan=sum(f.printed_beyond_plan for f in figures),
        document_ids=tuple(sorted(ids)))


def group(docs: Iterable[DocumentInput], prices: Prices,
          key: Callable[[DocumentInput], object]) -> dict:
    """Sum the documents' figures by ``key``, in ascending key order."""
    parts: dict = {}
    for doc in docs:
        parts.setdefault(key(doc), []).append(document_figures(doc, prices))
    return {k: total(parts[k]) for k in sorted(parts)}


def month_of(doc: DocumentInput) -> tuple:
    return (doc.day.year, doc.day.month)


def quarter_of(doc: DocumentInput) -> tuple:
    return (doc.day.year, (doc.day.month - 1) // 3 + 1)


def year_of(doc: DocumentInput) -> int:
    return doc.day.year


def cumulative(by_period: dict) -> dict:
    """Running totals over periods already in order."""
    running, result = Figures(), {}
    for k, figures in by_period.items():
        running = running + figures
        result[k] = running
    return result


@dataclass(frozen=True)
class Savings:
    """Every breakdown of one set of documents under one set of prices."""

    prices: Prices
    documents: dict  # {document id: Figures}
    meetings: dict
    bodies: dict
    months: dict
    quarters: dict
    years: dict
    cumulative: dict  # by month
    total: Figures


def compute(docs: Iterable[DocumentInput], prices: Prices) -> Savings:
    docs = sorted(docs, key=lambda d: d.id)
    per_document = {d.id: document_figures(d, prices) for d in docs}
    months = group(docs, prices, month_of)
    return Savings(
        prices=prices, documents=per_document,
        meetings=group(docs, prices, lambda d: d.meeting_id),
        bodies=group(docs, prices, lambda d: d.body_id),
        months=months, quarters=group(docs, prices, quarter_of),
        years=group(docs, prices, year_of), cumulative=cumulative(months),
        total=total(per_document.values()))


def rounded(value: Decimal, places: int = 0) -> Decimal:
    """Round once, for display: half up, to ``places`` decimals."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
