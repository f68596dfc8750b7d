"""Office files become PDFs through LibreOffice; without it, a clear message."""

import io
import zipfile

from meeting.core.errors import OperationError
from meeting.documents import convert
from meeting.documents import operations as doc_ops
from tests.conftest import require_service
from tests.helpers import english, refused

DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
}


def docx(text: str) -> bytes:
    """A minimal Word file with one paragraph."""
    body = ('<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in DOCX_PARTS.items():
            archive.writestr(name, data)
        archive.writestr("word/document.xml", body)
    return out.getvalue()


def test_a_word_file_is_converted_and_searchable(app, room, add_paper):
    def check():
        assert convert.soffice_path(), "LibreOffice (soffice) is not installed"
    require_service("LibreOffice", check)
    doc = add_paper(room["meeting"], docx("Tờ trình về kế hoạch chuyển đổi số năm 2027"),
                    name="to-trinh.docx", publish=False)
    version = doc.current_version
    assert version.converted_from == "docx" and version.page_count == 1
    assert "chuyển đổi số" in version.pages[0].text
    assert doc.title == "to-trinh"


def test_without_libreoffice_the_message_asks_for_a_pdf(app, room, put_file, monkeypatch):
    monkeypatch.setattr(convert, "soffice_path", lambda: None)
    error = refused(OperationError, doc_ops.upload_document, None, room["meeting"],
                    put_file(docx("Văn bản")), original_name="van-ban.docx")
    assert "PDF" in english(error.message)


def test_a_broken_office_file_is_refused(app, room, put_file):
    refused(OperationError, doc_ops.upload_document, None, room["meeting"],
            put_file(b"PK\x03\x04junk"), original_name="hong.docx")
