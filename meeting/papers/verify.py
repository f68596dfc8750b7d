"""Verify a signed PDF anyone uploads: who signed, was the certificate valid then, did the
file change since. The answer is for people: every check says what it found in words."""

from datetime import UTC
from io import BytesIO

from cryptography import x509
from flask_babel import lazy_gettext as _l

from meeting.core.errors import OperationError
from meeting.core.time import org_timezone
from meeting.papers.certs import CertificateRefused, check_certificate, crls, subject_name
from meeting.papers.certs import trust_roots as configured_roots

MAX_UPLOAD = 50 * 1024 * 1024


class NotAPdf(OperationError):
    default_message = _l("This file is not a PDF.")


def _context(moment):
    from asn1crypto import crl as asn1_crl
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko_certvalidator import ValidationContext

    roots = [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in configured_roots()]
    lists = [asn1_crl.CertificateList.load(c.public_bytes(Encoding.DER)) for c in crls()]
    # Offline: nothing is fetched; a missing CRL does not by itself fail a signature.
    return ValidationContext(trust_roots=roots, crls=lists, allow_fetching=False,
                             moment=moment, revocation_mode="soft-fail")


def read_signatures(data: bytes):
    """The embedded signatures, or a clear refusal for a non-PDF or a damaged PDF."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not data.lstrip()[:5] == b"%PDF-":
        raise NotAPdf()
    if b"%%EOF" not in data[-2048:]:  # cut short: a reader would "repair" it silently
        raise OperationError(_l("The PDF is damaged and cannot be read."))
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        return list(reader.embedded_signatures)
    except Exception as exc:  # pyHanko raises many kinds for a broken file
        raise OperationError(_l("The PDF is damaged and cannot be read.")) from exc


def _local_text(moment) -> str | None:
    """The signing time as people here read it: "25/11/2026 08:10:06 (UTC+07:00)"."""
    if moment is None:
        return None
    t = moment.astimezone(org_timezone())
    offset = t.strftime("%z")
    return f"{t:%d/%m/%Y %H:%M:%S} (UTC{offset[:3]}:{offset[3:]})"


def _check_one(sig) -> dict:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    claimed = sig.self_reported_timestamp
    cert = x509.load_der_x509_certificate(sig.signer_cert.dump())
    out = {"field": sig.field_name, "signer": subject_name(cert),
           "subject": cert.subject.rfc4514_string(), "issuer": cert.issuer.rfc4514_string(),
           "serial": format(cert.serial_number, "x"),
           "signed_at": claimed.astimezone(UTC).isoformat() if claimed else None,
           "signed_at_local": _local_text(claimed),
           "not_before": cert.not_valid_before_utc.isoformat(),
           "not_after": cert.not_valid_after_utc.isoformat()}
    try:
        status = validate_pdf_signature(sig, _context(claimed))
        intact, valid, trusted = status.intact, status.valid, status.trusted
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    except (SignatureValidationError, ValueError, KeyError) as exc:
        intact = valid = trusted = whole = False
        out["error"] = str(exc)[:300]
    cert_problem = None
    try:
        check_certificate(cert, now=claimed) if claimed else None
    except CertificateRefused as exc:
        cert_problem = str(exc.message)
    out.update(intact=intact, signature_valid=valid, trusted=trusted,
               unchanged=bool(intact and whole), certificate_valid_then=cert_problem is None,
               certificate_problem=cert_problem)
    out["ok"] = bool(intact and valid and trusted and whole and cert_problem is None)
    out["verdict"] = str(_verdict(out))
    return out


def _verdict(r):
    if not r["intact"]:
        return _l("The file was changed after it was signed: the signature does not match.")
    if not r["unchanged"]:
        return _l("Content was added to the file after it was signed.")
    if r["certificate_problem"]:
        return r["certificate_problem"]
    if not r["trusted"]:
        return _l("The signer's certificate was not issued by a trusted authority.")
    if not r["signature_valid"]:
        return _l("The signature is not valid.")
    return _l("Valid: signed by %(name)s and not changed since.", name=r["signer"])


def verify_pdf(data: bytes) -> dict:
    """Check every signature in ``data``; ``ok`` only when there is one and all pass."""
    if len(data) > MAX_UPLOAD:
        raise OperationError(_l("The file is too large."))
    signatures = [_check_one(sig) for sig in read_signatures(data)]
    if not signatures:
        return {"ok": False, "signatures": [],
                "message": str(_l("The PDF has no digital signature."))}
    ok = all(s["ok"] for s in signatures)
    return {"ok": ok, "signatures": signatures,
            "message": signatures[-1]["verdict"] if not ok or len(signatures) == 1
            else str(_l("All %(n)d signatures are valid.", n=len(signatures)))}
