"""Demo data of the savings: the default prices, and a few copies printed all the same."""

from datetime import timedelta

from sqlalchemy import select

from meeting.documents.models import CLASSIFIED, Document
from meeting.extensions import db
from meeting.meetings.models import Meeting
from meeting.savings import operations
from meeting.savings.models import DEFAULTS


def load_demo():
    """Store the default prices; record printed copies for up to two published papers.

    A classified paper is the usual case (kept on paper for the members who sign for it).
    """
    operations.update_settings(None, dict(DEFAULTS))
    papers = list(db.session.scalars(
        select(Document).join(Meeting, Document.meeting_id == Meeting.id)
        .where(Document.status == "published", Meeting.status != "draft")
        .order_by(Document.classification.in_(CLASSIFIED).desc(), Document.id).limit(2)))
    reasons = ["Tài liệu mật, phát bản giấy có ký nhận", "In thêm cho đại biểu mời"]
    for paper, reason, copies in zip(papers, reasons, (3, 2), strict=False):
        operations.record_printed_copies(
            None, paper, copies=copies, reason=reason,
            printed_on=paper.meeting.start_dt.date() - timedelta(days=1))
