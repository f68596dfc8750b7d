"""The demo's papers: a development key only when none is configured, and the past
meeting's minutes approved, its papers issued and signed with that key."""

import stat

import pytest
from cryptography.hazmat.primitives.serialization import pkcs12

from meeting.papers import devkey, sign_ops, verify
from meeting.papers.demo import load_papers_demo
from meeting.papers.layout import number_line


@pytest.fixture
def no_key(app, monkeypatch, tmp_path):
    """An install with no signing key, and an instance folder of its own."""
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    for name in ("SIGNING_PKCS12_PATH", "SIGNING_TRUST_ROOTS", "SIGNING_CRL_PATHS"):
        monkeypatch.setitem(app.config, name, "")
    return tmp_path


def test_dev_key_made_once_owner_only_and_used(app, no_key):
    p12 = devkey.make_dev_key(app, "Tỉnh ủy Hòa Bình")
    assert p12 == no_key / "signing-dev" / "organisation-dev.p12"
    assert stat.S_IMODE(p12.stat().st_mode) == 0o600
    assert stat.S_IMODE(p12.parent.stat().st_mode) == 0o700
    key, cert, chain = pkcs12.load_key_and_certificates(p12.read_bytes(), None)
    assert key is not None and "khóa thử nghiệm" in cert.subject.rfc4514_string()
    assert chain[0].subject == cert.issuer
    first = p12.read_bytes()
    assert devkey.make_dev_key(app, "Tỉnh ủy Hòa Bình") is None  # never replaced
    assert p12.read_bytes() == first
    assert devkey.use_dev_key(app)
    assert app.config["SIGNING_PKCS12_PATH"] == str(p12)
    assert app.config["SIGNING_TRUST_ROOTS"].endswith("ca-dev.pem")


def test_no_dev_key_when_one_is_configured(app, pki, monkeypatch, tmp_path):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    configured = app.config["SIGNING_PKCS12_PATH"]
    assert configured and devkey.make_dev_key(app, "Tỉnh ủy") is None
    assert not (tmp_path / "signing-dev").exists()
    assert not devkey.use_dev_key(app) and app.config["SIGNING_PKCS12_PATH"] == configured


def test_demo_papers_of_the_past_meeting(app, no_key, create_meeting):
    from tests.papers.pdftext import pdf_text

    past = create_meeting(status="closed", items=3)
    papers = load_papers_demo(past)
    assert [p.kind for p in papers] == ["invitation", "agenda", "minutes"]
    assert [number_line(p.number, p.code) for p in papers] == [
        "Số 1-GM/TU", "Số 1-CTr/TU", "Số 1-BB/TU"]
    from meeting.papers.content import minutes_of

    assert minutes_of(past).is_locked and past.items[0].id in {
        n.item_id for n in minutes_of(past).notes}
    for paper in papers:
        assert paper.is_signed and "khóa thử nghiệm" in paper.signer_subject
        result = verify.verify_pdf(sign_ops.paper_file(paper))
        sig = result["signatures"][0]
        assert result["ok"] and sig["trusted"] and sig["unchanged"], result
    assert "Số 1-BB/TU" in pdf_text(sign_ops.paper_file(papers[2]))
