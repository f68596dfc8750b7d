"""Signing with the organisation's key on a PKCS#11 token (SoftHSM 2 standing in for the
USB token or HSM of production): round trip, a revoked key refused, a wrong PIN or label
refused with a plain reason and nothing stored."""

import pytest
from flask_babel import force_locale

from meeting.papers import issue, sign_ops, signing
from meeting.papers.certs import CertificateRefused
from tests.papers.pki import assert_signed_by_the_office
from tests.papers.token import make_token


@pytest.fixture(scope="session")
def token_settings(tmp_path_factory, pki):
    return make_token(tmp_path_factory.mktemp("token"), pki)


@pytest.fixture
def app_config(app_config, token_settings):
    for name, value in token_settings.items():
        setattr(app_config, name, value)
    app_config.SIGNING_PKCS12_PATH = ""  # the token, not a file, holds the key
    return app_config


@pytest.fixture
def paper(held_meeting):
    with force_locale("en"):
        yield issue.issue_paper(None, held_meeting, "invitation")


def test_signed_on_the_token_and_verified(paper, secretariat):
    with force_locale("en"):
        sign_ops.sign_paper(secretariat, paper)
    assert_signed_by_the_office(paper)


def test_each_signing_opens_and_closes_its_own_session(held_meeting, app):
    # The token keeps its user logged in while any session is open: had the first signing
    # left its session open, the second login would fail (UserAlreadyLoggedIn).
    with force_locale("en"):
        papers = [issue.issue_paper(None, held_meeting, kind) for kind in ("invitation",
                                                                         "agenda")]
        for paper in papers:
            sign_ops.sign_paper(None, paper)
    assert all(p.is_signed for p in papers)


def test_a_revoked_key_on_the_token_is_refused(paper, app):
    app.config["SIGNING_PKCS11_KEY_LABEL"] = app.config["SIGNING_PKCS11_CERT_LABEL"] = "revoked"
    with force_locale("en"), pytest.raises(CertificateRefused, match="revoked on"):
        sign_ops.sign_paper(None, paper)
    assert not paper.is_signed


@pytest.mark.parametrize(("setting", "value", "reason"), [
    ("SIGNING_PKCS11_PIN", "000000", "could not be opened"),
    ("SIGNING_PKCS11_TOKEN_LABEL", "No-Such-Token", "could not be opened"),
    ("SIGNING_PKCS11_KEY_LABEL", "nobody", "not on the token"),
    ("SIGNING_PKCS11_CERT_LABEL", "nobody", "not on the token"),
])
def test_a_wrong_setting_is_refused_with_a_plain_reason(paper, app, setting, value, reason):
    app.config[setting] = value
    with force_locale("en"), pytest.raises(signing.TokenUnavailable, match=reason):
        sign_ops.sign_paper(None, paper)
    assert not paper.is_signed and paper.signed_path is None
