"""Issue a paper: give it the next number of its kind in the term, render, store, audit."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from meeting.core.errors import Conflict, NotFound
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.meetings.access import require_secretariat
from meeting.papers.content import minutes_of, paper_context
from meeting.papers.layout import number_line
from meeting.papers.models import GENERATED_KINDS, PAPER_KINDS, IssuedPaper, kind_info
from meeting.papers.pdf import render_html, render_pdf
from meeting.papers.storage import store

# Conclusions come from the minutes: both wait for the chair's approval.
NEEDS_APPROVED_MINUTES = ("minutes", "notice")


def check_kind(kind) -> str:
    if kind not in PAPER_KINDS:
        raise NotFound(_l("There is no such paper."))
    return kind


def next_number(term_id: int, code: str) -> int:
    """One more than the highest number of this type code in the term (restarts per term)."""
    top = db.session.scalar(select(func.max(IssuedPaper.number)).where(
        IssuedPaper.term_id == term_id, IssuedPaper.code == code))
    return (top or 0) + 1


def build_pdf(meeting, kind: str, number: int | None = None) -> bytes:
    """The paper as PDF; without a number it is a draft for review."""
    return render_pdf(f"papers/{check_kind(kind)}.html", **paper_context(meeting, kind, number))


def build_html(meeting, kind: str) -> str:
    return render_html(f"papers/{check_kind(kind)}.html", **paper_context(meeting, kind))


def check_can_issue(actor, meeting, kind):
    require_secretariat(actor)
    check_kind(kind)
    if kind in NEEDS_APPROVED_MINUTES:
        minutes = minutes_of(meeting)
        if minutes is None or not minutes.is_locked:
            raise Conflict(_l("The chair must approve the minutes first."))


def issue_paper(actor, meeting, kind: str) -> IssuedPaper:
    """Number, render and store a meeting paper from its template."""
    check_can_issue(actor, meeting, kind)
    return _issue(actor, meeting, kind, lambda number: build_pdf(meeting, kind, number))


def issue_generated_paper(actor, meeting, kind: str, render, *, title: str,
                          source: str | None = None) -> IssuedPaper:
    """Issue a paper another domain renders (e.g. voting's counting minutes).

    ``render(number) -> bytes`` returns the PDF with "Số <number>-<code>/<symbol>" printed
    in it (``layout.party_header(code, number, ...)``); it may be called again with the
    next number if a concurrent issue took this one. ``source`` (e.g. "poll:12") makes a
    second issue of the same thing a Conflict naming the number it already has.
    """
    require_secretariat(actor)
    if kind not in GENERATED_KINDS:
        raise NotFound(_l("There is no such paper."))
    if source is not None:
        done = db.session.scalar(select(IssuedPaper).where(
            IssuedPaper.kind == kind, IssuedPaper.source == source))
        if done is not None:
            raise Conflict(_l("This paper was already issued as %(number)s.",
                              number=number_line(done.number, done.code)))
    return _issue(actor, meeting, kind, render, title=str(title)[:300], source=source)


def _issue(actor, meeting, kind, render, *, title="", source=None) -> IssuedPaper:
    """Take the next number of the kind's type code, render, store; retry a lost number."""
    code = kind_info(kind)[0]
    for _attempt in range(5):
        number = next_number(meeting.term_id, code)
        data = render(number)
        if not isinstance(data, bytes | bytearray) or not data.startswith(b"%PDF-"):
            raise TypeError(f"render({number}) must return the bytes of a PDF")
        path, digest = store(bytes(data), f"{meeting.term_id}/{kind}-{number}")
        paper = IssuedPaper(kind=kind, code=code, title=title, source=source,
                            term_id=meeting.term_id, number=number, meeting_id=meeting.id,
                            pages=count_pages(data), sha256=digest, path=path,
                            issued_by_id=getattr(actor, "id", None))
        db.session.add(paper)
        try:
            db.session.flush()
        except IntegrityError:
            db.session.rollback()  # someone took this number meanwhile: take the next
            continue
        audit(actor, "paper.issue", paper, after=paper.snapshot(), meeting_id=meeting.id)
        commit()
        return paper
    raise Conflict(_l("Could not give the paper a number; please try again."))


def count_pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def papers_of(meeting) -> list[IssuedPaper]:
    return list(db.session.scalars(select(IssuedPaper).where(
        IssuedPaper.meeting_id == meeting.id).order_by(IssuedPaper.issued_dt, IssuedPaper.id)))
