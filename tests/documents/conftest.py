"""Fixtures for the papers' tests: real PDFs (WeasyPrint, pikepdf), a meeting with people."""

import functools
import io
import itertools

import pikepdf
import pytest

from meeting.documents import operations as doc_ops
from meeting.meetings import operations
from tests.conftest import members_of

API = "/api/v1"
_names = itertools.count(1)


@functools.cache
def vietnamese_pdf(pages: int = 3, title: str = "Báo cáo") -> bytes:
    """A PDF with real Vietnamese text on every page (WeasyPrint, embedded fonts)."""
    from weasyprint import HTML

    body = "".join(
        f"<section style='page-break-after: always'><h1>{title} – trang {n}</h1>"
        f"<p>Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ {n}, khóa XVII. "
        f"Đồng chí Bí thư Tỉnh ủy kết luận về kinh tế – xã hội quý {n}.</p></section>"
        for n in range(1, pages + 1))
    return HTML(string=f"<html lang='vi'><body>{body}</body></html>").write_pdf()


def simple_pdf(pages: int = 2, marker: str = "", extra=None) -> bytes:
    """A small PDF built object by object; ``extra(pdf)`` may add hostile content."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font,
                                                Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    for n in range(1, pages + 1):
        content = f"BT /F1 24 Tf 72 720 Td (Page {n} {marker}) Tj ET".encode()
        page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842],
                                  Resources=pikepdf.Dictionary(
                                      Font=pikepdf.Dictionary(F1=font)),
                                  Contents=pdf.make_stream(content))
        pdf.pages.append(pikepdf.Page(page))
    if extra:
        extra(pdf)
    out = io.BytesIO()
    pdf.save(out, static_id=True)  # the same arguments, the same bytes
    return out.getvalue()


@pytest.fixture
def put_file(tmp_path):
    """Return a function writing bytes to a fresh file and returning its path."""
    def write(data: bytes, name="upload.bin"):
        path = tmp_path / f"{next(_names)}-{name}"
        path.write_bytes(data)
        return path
    return write


@pytest.fixture
def add_paper(put_file):
    """Return a function uploading ``data`` to a meeting as the command line would."""
    def add(meeting, data=None, *, publish=True, name="bao-cao.pdf", **fields):
        doc = doc_ops.upload_document(None, meeting, put_file(data or simple_pdf()),
                                      original_name=name, **fields)
        if publish:
            doc_ops.publish_document(None, doc)
        return doc
    return add


@pytest.fixture
def room(create_meeting, create_user, secretariat, login):
    """A published meeting with members, a guest, an outsider and logged-in clients."""
    meeting = create_meeting(status="published", items=2)
    guest = create_user("khach", roles=["guest"])
    operations.invite_guest(None, meeting, guest)
    chair, delegate, other = members_of(meeting)[:3]
    outsider = create_user("ngoai", full_name="Người Ngoài")
    return {"meeting": meeting, "chair": chair, "delegate": delegate, "other": other,
            "guest": guest, "outsider": outsider, "secretariat": secretariat,
            "login": login}
