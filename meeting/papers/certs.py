"""Checks on a signer's certificate before signing: dates and revocation (offline CRLs).

The network here has no Internet, so revocation comes from CRL files the operator copies
in (SIGNING_CRL_PATHS) rather than from OCSP or a CRL distribution point.
"""

import os
from datetime import UTC, datetime

from cryptography import x509
from flask import current_app
from flask_babel import lazy_gettext as _l

from meeting.core.errors import OperationError


class CertificateRefused(OperationError):
    status = 409


def paths(setting: str) -> list[str]:
    """A setting listing files, separated by the OS path separator or commas."""
    raw = current_app.config.get(setting) or ""
    if isinstance(raw, list | tuple):
        return [str(p) for p in raw]
    return [p.strip() for p in raw.replace(os.pathsep, ",").split(",") if p.strip()]


def _load_many(data: bytes, pem_loader, der_loader):
    if b"-----BEGIN" in data:
        return pem_loader(data)
    return [der_loader(data)]


def trust_roots() -> list[x509.Certificate]:
    out = []
    for path in paths("SIGNING_TRUST_ROOTS"):
        with open(path, "rb") as fh:
            out += _load_many(fh.read(), x509.load_pem_x509_certificates,
                              x509.load_der_x509_certificate)
    return out


def crls() -> list[x509.CertificateRevocationList]:
    out = []
    for path in paths("SIGNING_CRL_PATHS"):
        with open(path, "rb") as fh:
            data = fh.read()
        out.append(x509.load_pem_x509_crl(data) if b"-----BEGIN" in data
                   else x509.load_der_x509_crl(data))
    return out


def _issuer_key(cert: x509.Certificate, chain: list[x509.Certificate]):
    return next((c.public_key() for c in chain if c.subject == cert.issuer), None)


def check_certificate(cert: x509.Certificate, chain=(), now: datetime | None = None):
    """Refuse an expired, not yet valid or revoked certificate, saying which and since when."""
    now = now or datetime.now(UTC)
    if now < cert.not_valid_before_utc:
        raise CertificateRefused(_l("The certificate is not valid before %(date)s.",
                                    date=cert.not_valid_before_utc.strftime("%d/%m/%Y")))
    if now > cert.not_valid_after_utc:
        raise CertificateRefused(_l("The certificate expired on %(date)s.",
                                    date=cert.not_valid_after_utc.strftime("%d/%m/%Y")))
    known = list(chain) + trust_roots()
    for crl in crls():
        if crl.issuer != cert.issuer:
            continue
        key = _issuer_key(cert, known)
        # A CRL we cannot authenticate is not evidence either way: skip it.
        if key is None or not crl.is_signature_valid(key):
            continue
        entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
        if entry is not None and entry.revocation_date_utc <= now:
            raise CertificateRefused(_l(
                "The certificate was revoked on %(date)s.",
                date=entry.revocation_date_utc.strftime("%d/%m/%Y")))


def subject_name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(x509.oid.NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()
