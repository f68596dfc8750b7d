"""A throw-away PKI for signing tests: a CA, a signer, an expired and a revoked certificate,
and the CA's CRL, all made with the cryptography package (no network, nothing shipped)."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSWORD = b"p12-secret"


def _name(cn: str, org="Tỉnh ủy Hòa Bình") -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Issued:
    key: object
    cert: x509.Certificate

    def p12(self, ca_cert, password=PASSWORD) -> bytes:
        return pkcs12.serialize_key_and_certificates(
            b"signer", self.key, self.cert, [ca_cert],
            serialization.BestAvailableEncryption(password))


class TestPKI:
    """Build everything in ``folder``: ca.pem, crl.pem, and .p12 files for each signer."""

    __test__ = False  # not a pytest class

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        now = datetime.now(UTC)
        self.ca_key = _key()
        ca_name = _name("CA thử nghiệm Tỉnh ủy")
        self.ca_cert = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
                        .public_key(self.ca_key.public_key())
                        .serial_number(x509.random_serial_number())
                        .not_valid_before(now - timedelta(days=3650))
                        .not_valid_after(now + timedelta(days=3650))
                        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
                        .add_extension(x509.KeyUsage(
                            digital_signature=True, content_commitment=False,
                            key_encipherment=False, data_encipherment=False,
                            key_agreement=False, key_cert_sign=True, crl_sign=True,
                            encipher_only=False, decipher_only=False), True)
                        .sign(self.ca_key, hashes.SHA256()))
        self.signer = self.issue("Văn phòng Tỉnh ủy", now - timedelta(days=30),
                                 now + timedelta(days=365))
        self.expired = self.issue("Chứng thư hết hạn", now - timedelta(days=400),
                                  now - timedelta(days=35))
        self.revoked = self.issue("Chứng thư bị thu hồi", now - timedelta(days=30),
                                  now + timedelta(days=365))
        self.revoked_at = now - timedelta(days=1)
        self.write()

    def issue(self, cn, not_before, not_after) -> Issued:
        key = _key()
        cert = (x509.CertificateBuilder().subject_name(_name(cn))
                .issuer_name(self.ca_cert.subject).public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(not_before).not_valid_after(not_after)
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
                .add_extension(x509.KeyUsage(
                    digital_signature=True, content_commitment=True, key_encipherment=False,
                    data_encipherment=False, key_agreement=False, key_cert_sign=False,
                    crl_sign=False, encipher_only=False, decipher_only=False), True)
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                               False)
                .sign(self.ca_key, hashes.SHA256()))
        return Issued(key, cert)

    def write(self):
        now = datetime.now(UTC)
        revoked = (x509.RevokedCertificateBuilder()
                   .serial_number(self.revoked.cert.serial_number)
                   .revocation_date(self.revoked_at).build())
        crl = (x509.CertificateRevocationListBuilder().issuer_name(self.ca_cert.subject)
               .last_update(now - timedelta(hours=1)).next_update(now + timedelta(days=7))
               .add_revoked_certificate(revoked).sign(self.ca_key, hashes.SHA256()))
        self.ca_path = self.folder / "ca.pem"
        self.ca_path.write_bytes(self.ca_cert.public_bytes(serialization.Encoding.PEM))
        self.crl_path = self.folder / "crl.pem"
        self.crl_path.write_bytes(crl.public_bytes(serialization.Encoding.PEM))
        for name in ("signer", "expired", "revoked"):
            (self.folder / f"{name}.p12").write_bytes(getattr(self, name).p12(self.ca_cert))

    def p12_path(self, name) -> Path:
        return self.folder / f"{name}.p12"


def assert_signed_by_the_office(paper):
    """The paper's signed copy extends the issued file and verifies as the office's, trusted."""
    from meeting.papers.storage import load
    from meeting.papers.verify import verify_pdf

    assert paper.is_signed and paper.signer_subject == "Văn phòng Tỉnh ủy"
    signed = load(paper.signed_path, paper.signed_sha256)
    # The unsigned file is kept; the signed one is an incremental update of it.
    assert signed.startswith(load(paper.path, paper.sha256))
    result = verify_pdf(signed)
    assert result["ok"], result
    sig = result["signatures"][0]
    assert sig["signer"] == "Văn phòng Tỉnh ủy" and "CA thử nghiệm" in sig["issuer"]
    assert sig["intact"] and sig["trusted"] and sig["unchanged"] and sig["certificate_valid_then"]
    return signed
