"""Full-text search over the pages of current versions, on PostgreSQL or SQLite alike.

Both engines match the folded text (``DocumentPage.folded``): PostgreSQL through a GIN
index on ``to_tsvector('simple', folded)``, SQLite through the FTS5 table
``document_page_fts`` kept in step by triggers. The caller sees one function, ``search``.
"""

from sqlalchemy import func, select, text

from meeting.documents.access import visible_clause
from meeting.documents.folding import snippet, terms
from meeting.documents.models import FTS_TABLE, Document, DocumentPage, DocumentVersion
from meeting.extensions import db
from meeting.meetings.models import Meeting

MAX_DOCUMENTS = 50
PAGES_PER_DOCUMENT = 3


def _matching_page_ids(words: list[str]):
    """Return a select of (page id, rank) for pages containing every word."""
    if db.engine.dialect.name == "postgresql":
        query = func.to_tsquery("simple", " & ".join(f"{w}:*" for w in words))
        vector = func.to_tsvector(text("'simple'"), DocumentPage.folded)
        return select(DocumentPage.id, (-func.ts_rank(vector, query)).label("rank")).where(
            vector.op("@@")(query))
    # FTS5: each word quoted (no operators from the user), a prefix match like PostgreSQL's.
    match = " ".join('"' + w.replace('"', "") + '"*' for w in words)
    fts = text(f"SELECT rowid AS id, rank FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q") \
        .bindparams(q=match).columns(id=db.Integer, rank=db.Float).subquery()
    return select(fts.c.id, fts.c.rank)


def search(user, query: str, meeting_id: int | None = None) -> list[dict]:
    """Find the papers ``user`` may see whose current text contains every word of ``query``.

    Return one entry per document, best first, each with up to three pages and snippets.
    """
    words = terms(query)
    if not words:
        return []
    hits = _matching_page_ids(words).subquery()
    latest = (select(func.max(DocumentVersion.number)).where(
        DocumentVersion.document_id == Document.id).correlate(Document).scalar_subquery())
    rows = db.session.execute(
        select(Document, DocumentPage, hits.c.rank)
        .join(Meeting, Document.meeting_id == Meeting.id)
        .join(DocumentVersion, DocumentVersion.document_id == Document.id)
        .join(DocumentPage, DocumentPage.version_id == DocumentVersion.id)
        .join(hits, hits.c.id == DocumentPage.id)
        .where(DocumentVersion.number == latest, visible_clause(user),
               *([Document.meeting_id == meeting_id] if meeting_id else []))
        .order_by(hits.c.rank, Document.id, DocumentPage.number)
        .limit(MAX_DOCUMENTS * PAGES_PER_DOCUMENT * 4)).all()
    results: dict[int, dict] = {}
    for doc, page, _rank in rows:
        entry = results.get(doc.id)
        if entry is None:
            if len(results) >= MAX_DOCUMENTS:
                continue
            entry = results[doc.id] = {"document_id": doc.id, "meeting_id": doc.meeting_id,
                                       "title": doc.title, "pages": []}
        if len(entry["pages"]) < PAGES_PER_DOCUMENT:
            entry["pages"].append({"page": page.number,
                                   "snippet": snippet(page.text, words)})
    return list(results.values())
