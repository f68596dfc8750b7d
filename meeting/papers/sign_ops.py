"""The signing operation: an issued paper gets a signed copy beside it."""

from flask_babel import lazy_gettext as _l

from meeting.core.errors import Conflict, Forbidden
from meeting.core.time import utcnow
from meeting.core.unit_of_work import audit, commit
from meeting.extensions import db
from meeting.papers.certs import subject_name
from meeting.papers.layout import setting
from meeting.papers.models import IssuedPaper, kind_info
from meeting.papers.signing import check_signer, open_signer, sign_pdf
from meeting.papers.storage import load, store


def can_sign(user, paper) -> bool:
    """The office signs with the organisation's key; the chair may sign the meeting's papers."""
    if user is None:
        return True
    return user.is_secretariat or paper.meeting.chair_id == user.id


def sign_paper(actor, paper: IssuedPaper, *, p12: bytes | None = None,
               password: str | None = None) -> IssuedPaper:
    """Sign with a personal .p12 if given, else the organisation's key; once per paper."""
    if not can_sign(actor, paper):
        raise Forbidden()
    if p12 is None and actor is not None and not actor.is_secretariat:
        raise Forbidden(_l("Only the office signs with the organisation's key."))
    if paper.is_signed:
        raise Conflict(_l("This paper is already signed."))
    doc_type = kind_info(paper.kind)[1]
    reason = (f"Ban hành {doc_type.lower()} số {paper.number}-{paper.code}/"
              f"{setting('PAPERS_SYMBOL')}")
    with open_signer(p12, password) as signer:
        cert = check_signer(signer)  # refuses expired and revoked certificates, with the reason
        signed = sign_pdf(load(paper.path, paper.sha256), signer, reason=reason,
                          location=setting("PAPERS_PLACE"))
    before = paper.snapshot()
    paper.signed_path, paper.signed_sha256 = store(
        signed, f"{paper.term_id}/{paper.kind}-{paper.number}-signed")
    paper.signed_by_id = getattr(actor, "id", None)
    paper.signed_dt = utcnow()
    paper.signer_subject = subject_name(cert)[:300]
    db.session.flush()
    audit(actor, "paper.sign", paper, before=before, after=paper.snapshot(),
          meeting_id=paper.meeting_id)
    commit()
    return paper


def paper_file(paper: IssuedPaper, signed: bool | None = None) -> bytes:
    """The signed copy when there is one (unless ``signed`` is False), else the issued file."""
    if paper.is_signed and signed is not False:
        return load(paper.signed_path, paper.signed_sha256)
    return load(paper.path, paper.sha256)
