"""Demo papers: a development signing key, and the past meeting's approved minutes with
its invitation, agenda and minutes issued and signed. Called by ``meeting demo``."""

import logging

from flask import current_app

from meeting.papers import issue, minutes, sign_ops
from meeting.papers.devkey import make_dev_key, use_dev_key

log = logging.getLogger(__name__)

OPENING = ("Đồng chí Bí thư Tỉnh ủy chủ trì hội nghị. Văn phòng Tỉnh ủy báo cáo các nội dung "
           "trình hội nghị theo chương trình đã gửi trước.")
NOTES = [
    "Văn phòng Tỉnh ủy trình bày dự thảo báo cáo. Các đồng chí Ủy viên Ban Thường vụ thống "
    "nhất với bố cục; đề nghị bổ sung số liệu về thiết bị đã cấp và chi phí in ấn tiết kiệm "
    "được.",
    "Ban Thường vụ cho ý kiến về công tác cán bộ theo thẩm quyền; kết quả biểu quyết kín "
    "được ghi trong biên bản kiểm phiếu.",
    "Đồng chí Bí thư Tỉnh ủy kết luận các nội dung của hội nghị.",
]
CONCLUSIONS = ("1. Giao Văn phòng Tỉnh ủy tiếp thu ý kiến, hoàn chỉnh báo cáo, trình Thường "
               "trực Tỉnh ủy trước ngày 15 tháng sau.\n2. Các cơ quan tham mưu chuẩn bị "
               "tốt nội dung hội nghị tiếp theo.")


def load_papers_demo(past, secretary_name="Lê Thị Thu Trang") -> list:
    """Approve the past (closed) meeting's minutes and issue its papers, signed when a key
    is at hand; make the development key first when none is configured."""
    app = current_app._get_current_object()
    if make_dev_key(app, app.config.get("PAPERS_ISSUER") or app.config["ORGANISATION_NAME"]):
        use_dev_key(app)  # this process signs below; a server started later finds it itself
    notes = {str(item.id): text for item, text in zip(past.items, NOTES, strict=False)}
    minutes.save_minutes(None, past, opening=OPENING, conclusions=CONCLUSIONS,
                         secretary_name=secretary_name, notes=notes)
    minutes.approve_minutes(None, past)
    papers = [issue.issue_paper(None, past, kind) for kind in ("invitation", "agenda", "minutes")]
    for paper in papers:
        try:
            sign_ops.sign_paper(None, paper)
        except Exception as exc:  # a configured key that is missing or refused: say so, go on
            log.warning("demo paper %s left unsigned: %s", paper.id, getattr(exc, "message", exc))
    return papers
