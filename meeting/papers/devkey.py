"""A development signing key for the organisation, made by ``meeting demo``.

So that a demo install can sign and verify papers without a real certificate, ``meeting
demo`` writes a self-signed CA and an organisation certificate issued by it, as a PKCS#12
file (no password, mode 600) in the instance folder — only when no key is configured.
The app then uses it, with a logged warning, as long as SIGNING_PKCS12_PATH and
SIGNING_PKCS11_MODULE stay empty. It is for development only: papers signed with it
prove nothing to anyone outside this install (see docs/PAPERS.md).
"""

import logging
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

log = logging.getLogger(__name__)

FOLDER = "signing-dev"
P12 = "organisation-dev.p12"
CA = "ca-dev.pem"
SUFFIX = " (khóa thử nghiệm)"  # in both names, so nobody mistakes it for a real certificate


def dev_paths(instance_path) -> tuple[Path, Path]:
    folder = Path(instance_path) / FOLDER
    return folder / P12, folder / CA


def configured(config) -> bool:
    return bool(config.get("SIGNING_PKCS12_PATH") or config.get("SIGNING_PKCS11_MODULE"))


def use_dev_key(app) -> bool:
    """Point the signing settings at the development key, if there is one and no other."""
    p12, ca = dev_paths(app.instance_path)
    if configured(app.config) or not p12.is_file():
        return False
    app.config["SIGNING_PKCS12_PATH"] = str(p12)
    app.config["SIGNING_PKCS12_PASSWORD"] = ""
    if not app.config.get("SIGNING_TRUST_ROOTS"):
        app.config["SIGNING_TRUST_ROOTS"] = str(ca)
    log.warning("papers are signed with the DEVELOPMENT key %s; configure "
                "SIGNING_PKCS12_PATH or SIGNING_PKCS11_MODULE for real use", p12)
    return True


def _write_private(path: Path, data: bytes):
    """Create ``path`` readable by its owner only (never briefly readable by others)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.chmod(path, 0o600)  # in case the file existed with wider rights


def make_dev_key(app, organisation: str) -> Path | None:
    """Write the development CA and organisation key unless a key is configured or exists.

    Returns the PKCS#12 path when one was written. EC P-256 keys: quick to make.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    p12, ca_path = dev_paths(app.instance_path)
    if configured(app.config) or p12.exists():
        return None
    p12.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(p12.parent, 0o700)

    def name(cn):
        return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
                          x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    def usage(ca: bool):
        return x509.KeyUsage(digital_signature=True, content_commitment=not ca,
                             key_encipherment=False, data_encipherment=False,
                             key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                             encipher_only=False, decipher_only=False)

    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    org_key = ec.generate_private_key(ec.SECP256R1())
    start = now - timedelta(days=1)
    ca_name = name("CA nội bộ" + SUFFIX)
    ca_cert = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
               .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(start).not_valid_after(now + timedelta(days=3650))
               .add_extension(x509.BasicConstraints(ca=True, path_length=0), True)
               .add_extension(usage(True), True).sign(ca_key, hashes.SHA256()))
    org_cert = (x509.CertificateBuilder().subject_name(name(organisation + SUFFIX))
                .issuer_name(ca_name).public_key(org_key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(start).not_valid_after(now + timedelta(days=730))
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
                .add_extension(usage(False), True).sign(ca_key, hashes.SHA256()))
    ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    _write_private(p12, pkcs12.serialize_key_and_certificates(
        b"organisation-dev", org_key, org_cert, [ca_cert], serialization.NoEncryption()))
    return p12
