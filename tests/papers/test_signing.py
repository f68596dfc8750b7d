"""Signing round trip with a test CA; expired and revoked keys refused; tampering detected."""

import pytest
from flask_babel import force_locale
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from meeting.core.errors import Conflict, Forbidden, OperationError
from meeting.papers import issue, sign_ops, signing
from meeting.papers.certs import CertificateRefused
from meeting.papers.storage import load
from meeting.papers.verify import NotAPdf, verify_pdf
from tests.papers.pdftext import pdf_text
from tests.papers.pki import PASSWORD, assert_signed_by_the_office


@pytest.fixture(autouse=True)
def _in_english(app):
    """The reasons are checked in English; the interface default is Vietnamese."""
    with force_locale("en"):
        yield


@pytest.fixture
def paper(held_meeting):
    return issue.issue_paper(None, held_meeting, "invitation")


def test_round_trip_organisation_key(paper, secretariat):
    sign_ops.sign_paper(secretariat, paper)
    signed = assert_signed_by_the_office(paper)
    assert "GIẤY MỜI" in pdf_text(signed)  # the signed copy is still the same paper


def test_visible_block_is_placed_in_the_signature_room(paper, app):
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    sign_ops.sign_paper(None, paper)
    reader = PdfFileReader(BytesIO(load(paper.signed_path, paper.signed_sha256)))
    page_index, box = signing.stamp_box(PdfFileReader(BytesIO(load(paper.path, paper.sha256))))
    page = signing._pages(reader.root["/Pages"].get_object(), [])[page_index]
    widgets = [a.get_object() for a in page.get("/Annots", ())
               if a.get_object().get("/FT") == "/Sig"]
    assert len(widgets) == 1
    rect = [float(v) for v in widgets[0]["/Rect"]]
    assert rect == pytest.approx(list(box), abs=1)
    assert box[1] > 100  # found from the template, not the fallback at the page's foot


def test_personal_key_of_the_chair(paper, pki):
    chair = paper.meeting.chair
    sign_ops.sign_paper(chair, paper, p12=pki.p12_path("signer").read_bytes(),
                        password=PASSWORD.decode())
    assert paper.signed_by_id == chair.id and verify_pdf(
        load(paper.signed_path, paper.signed_sha256))["ok"]


def test_only_the_office_uses_the_organisation_key(paper):
    with pytest.raises(Forbidden):
        sign_ops.sign_paper(paper.meeting.chair, paper)


@pytest.mark.parametrize("name, reason", [("expired", "expired on"), ("revoked", "revoked on")])
def test_expired_and_revoked_certificates_are_refused(paper, pki, name, reason):
    with pytest.raises(CertificateRefused) as refused:
        sign_ops.sign_paper(None, paper, p12=pki.p12_path(name).read_bytes(),
                            password=PASSWORD.decode())
    assert reason in str(refused.value.message)
    assert not paper.is_signed


def test_organisation_key_revoked_is_refused(paper, pki, app):
    app.config["SIGNING_PKCS12_PATH"] = str(pki.p12_path("revoked"))
    with pytest.raises(CertificateRefused):
        sign_ops.sign_paper(None, paper)


def test_wrong_password_and_missing_key(paper, pki, app):
    with pytest.raises(OperationError, match="password"):
        sign_ops.sign_paper(None, paper, p12=pki.p12_path("signer").read_bytes(),
                            password="wrong")
    app.config["SIGNING_PKCS12_PATH"] = ""
    with pytest.raises(signing.SigningUnavailable):
        sign_ops.sign_paper(None, paper)


def test_signed_once_only(paper):
    sign_ops.sign_paper(None, paper)
    with pytest.raises(Conflict):
        sign_ops.sign_paper(None, paper)


def test_altered_signed_file_fails_verification(paper):
    sign_ops.sign_paper(None, paper)
    signed = load(paper.signed_path, paper.signed_sha256)
    altered = signed.replace(b"WeasyPrint", b"WeasyPrinT", 1)
    assert altered != signed
    result = verify_pdf(altered)
    assert not result["ok"] and not result["signatures"][0]["intact"]
    assert "changed after it was signed" in result["message"]


def test_content_added_after_signing_is_reported(paper):
    from io import BytesIO

    from pyhanko.pdf_utils import generic

    sign_ops.sign_paper(None, paper)
    signed = load(paper.signed_path, paper.signed_sha256)
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = generic.NumberObject(90)  # any change appended as a new revision
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)
    result = verify_pdf(out.getvalue())
    assert not result["ok"]
    sig = result["signatures"][0]
    assert sig["intact"] and not sig["unchanged"]


def test_signature_by_a_revoked_certificate_is_reported(paper, pki):
    # Signed outside the app (the refusal is bypassed): verification still says why.
    signer = signing.load_pkcs12(pki.p12_path("revoked").read_bytes(), PASSWORD)
    signed = signing.sign_pdf(load(paper.path, paper.sha256), signer, reason="x",
                              location="Hòa Bình")
    result = verify_pdf(signed)
    assert not result["ok"] and "revoked" in result["message"]


def test_untrusted_signer_is_reported(paper, pki, app):
    signed = signing.sign_pdf(load(paper.path, paper.sha256), signing.organisation_signer(),
                              reason="x", location="y")
    app.config["SIGNING_TRUST_ROOTS"] = ""
    result = verify_pdf(signed)
    assert not result["ok"] and not result["signatures"][0]["trusted"]


def test_non_pdf_damaged_and_unsigned(paper):
    with pytest.raises(NotAPdf):
        verify_pdf(b"PK\x03\x04 a zip file")
    unsigned = load(paper.path, paper.sha256)
    with pytest.raises(OperationError, match="damaged"):
        verify_pdf(unsigned[: len(unsigned) // 2])
    with pytest.raises(OperationError, match="damaged"):
        verify_pdf(b"%PDF-1.7\nnot really\n%%EOF\n")
    result = verify_pdf(unsigned)
    assert not result["ok"] and result["signatures"] == []
