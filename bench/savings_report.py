"""The "yearly savings report for 100 meetings" case of bench/pdf.py, and its data.

    .venv/bin/python bench/pdf.py --case savings-year

``fill`` builds two bodies (50 and 13 members) and N meetings spread over one year, each
with 6-12 published papers of 2-60 pages (every fourth for five named recipients only,
the first of each meeting classified with 3 copies printed all the same). Papers are
written as rows: the savings only read them, and uploading files is not what is timed.

The app path is what issuing the year's report costs (``POST /savings/reports`` freezes
the figures, the background build lays them out): read the papers, compute every
breakdown, draw the charts, render the template, write the PDF. The baseline is
bare WeasyPrint writing the same HTML, rendered once beforehand and kept as a string.
"""

import random
from datetime import date, datetime, timedelta

YEAR = 2026


def fill(meetings: int = 100, codes=("BCH", "BTV"), seed: int = 5):
    """N meetings of one year with their papers (inside an app context)."""
    from meeting.auth.operations import create_user
    from meeting.core.time import utcnow
    from meeting.documents.models import (
        Document,
        DocumentRecipient,
        DocumentVersion,
        StoredFile,
    )
    from meeting.extensions import db
    from meeting.meetings import agenda, operations
    from meeting.savings import operations as savings

    rng = random.Random(seed)
    bodies = []
    for code, name, size in ((codes[0], "Ban Chấp hành Đảng bộ tỉnh", 50),
                             (codes[1], "Ban Thường vụ Tỉnh ủy", 13)):
        body = operations.create_body(None, code=code, name=name)
        term = operations.create_term(None, body, label="XVII", start_date=date(2025, 10, 1))
        people = [create_user(None, username=f"{code.lower()}{i}", password="bench-pass-1",
                              full_name=f"Đại biểu {code} {i}", roles=["delegate"])
                  for i in range(size)]
        for person in people:
            operations.add_member(None, term, person)
        bodies.append((body, people))
    serial = 0
    for n in range(meetings):
        body, people = bodies[0] if n % 3 == 0 else bodies[1]
        day = date(YEAR, 1, 5) + timedelta(days=int(n * 355 / meetings))
        start = datetime(day.year, day.month, day.day, 1, 0)
        meeting = operations.create_meeting(
            None, body=body, title=f"Hội nghị {body.name} lần thứ {n + 1}", start_dt=start,
            end_dt=start + timedelta(hours=4), chair_id=people[0].id)
        agenda.add_item(None, meeting, title="Thảo luận các tài liệu", presenter="Văn phòng",
                        planned_minutes=60)
        operations.change_status(None, meeting, "published")
        first = None
        for k in range(rng.randint(6, 12)):
            serial += 1
            pages = rng.randint(2, 60)
            doc = Document(meeting_id=meeting.id, status="published", position=k,
                           title=f"Tài liệu số {serial}: báo cáo, tờ trình về đề án {k + 1}",
                           classification="mat" if k == 0 else "thuong",
                           to_all=k % 4 != 3, published_dt=utcnow())
            db.session.add(doc)
            db.session.flush()
            first = first or doc
            digest = f"{codes[0]}{serial:060d}"[-64:]
            stored = StoredFile(sha256=digest, size=1000, storage_name=digest, page_count=pages)
            db.session.add(stored)
            db.session.flush()
            db.session.add(DocumentVersion(document_id=doc.id, file_id=stored.id,
                                           page_count=pages, sha256=digest))
            if not doc.to_all:
                for person in people[:5]:
                    db.session.add(DocumentRecipient(document_id=doc.id, user_id=person.id))
        db.session.commit()
        savings.record_printed_copies(None, first, copies=3, printed_on=day,
                                      reason="Tài liệu mật")
    savings.update_settings(None, {"spare_copies": 5})
    return [body.id for body, _people in bodies]


def setup_savings_year(app, meetings: int = 100):
    """bench/pdf.py case: {"app", "baseline", "label"} for the yearly report."""
    import sys
    from pathlib import Path

    from flask_babel import force_locale

    from meeting.papers.fonts import paper_font
    from meeting.papers.pdf import render_html
    from meeting.savings.exports import render_report_pdf, report_context
    from meeting.savings.figures import build
    from meeting.savings.sources import Filters

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from pdf import bare_weasyprint

    fill(meetings, codes=("SVBCH", "SVBTV"))
    year = Filters(start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
    today = date(YEAR, 12, 31)

    def app_path():
        with app.test_request_context("/savings/report.pdf?year=2026"):
            return render_report_pdf(build(None, year), today)

    with app.test_request_context("/savings/report.pdf?year=2026"), force_locale("vi"):
        html = render_html("savings/report_pdf.html", pdf=True,
                           **report_context(build(None, year), today))
    return {"label": f"yearly savings report, {meetings} meetings",
            "app": app_path, "baseline": bare_weasyprint(html, app.static_folder, paper_font())}
