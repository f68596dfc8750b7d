"""Sign a PDF (PAdES, visible signature block) with PKCS#12 or a PKCS#11 token.

The visible block goes where the paper's template left room for it: the element with
id="signature-stamp" becomes a named destination in the PDF, which gives page and spot.
"""

from contextlib import contextmanager
from datetime import datetime
from io import BytesIO

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from flask import current_app
from flask_babel import lazy_gettext as _l

from meeting.core.errors import OperationError
from meeting.core.time import org_timezone
from meeting.papers.certs import check_certificate, subject_name
from meeting.papers.fonts import paper_font

FIELD = "ChuKySo"
MAX_KEY_FILE = 1_000_000  # bytes read of an uploaded .p12 (a real one is a few kB)
STAMP_W, STAMP_H = 170.0, 68.0  # points: 60 × 24 mm, the room the templates leave


class SigningUnavailable(OperationError):
    status = 409
    default_message = _l("No signing key is configured.")


def _to_crypto(cert: asn1_x509.Certificate) -> x509.Certificate:
    return x509.load_der_x509_certificate(cert.dump())


def load_pkcs12(data: bytes, password: str | bytes | None):
    """A pyHanko signer from a .p12 file's bytes; a wrong password or a bad file is refused."""
    from pyhanko.sign import signers

    if isinstance(password, str):
        password = password.encode()
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[],
                                                       passphrase=password or None)
    except (ValueError, TypeError):
        signer = None
    if signer is None or signer.signing_cert is None:
        raise OperationError(_l("The key file could not be opened: check the file and "
                                "its password."))
    return signer


class TokenUnavailable(SigningUnavailable):
    default_message = _l("The signing token could not be opened: check that it is plugged in, "
                         "and its label and PIN in the settings.")


def pkcs11_signer():
    """The organisation's token (production): a pyHanko signer over an open session.

    The caller closes ``signer.pkcs11_session`` when done (``open_signer`` does). Every
    certificate on the token is pulled in, so the issuing CA stored beside the key is
    embedded in the signature. Needs python-pkcs11 and the token's PKCS#11 module.
    """
    cfg = current_app.config
    try:
        from pkcs11 import PKCS11Error
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign import pkcs11
    except ImportError as exc:  # python-pkcs11 is not installed
        raise SigningUnavailable(_l("The PKCS#11 library is not installed.")) from exc
    label = cfg["SIGNING_PKCS11_TOKEN_LABEL"] or None
    try:
        session = pkcs11.open_pkcs11_session(
            cfg["SIGNING_PKCS11_MODULE"], token_criteria=TokenCriteria(label=label),
            user_pin=cfg["SIGNING_PKCS11_PIN"] or None)
    except (PKCS11Error, OSError, RuntimeError) as exc:
        # A wrong PIN, no such token, or a module that will not load: the reason goes to
        # the log, the office gets a plain sentence.
        current_app.logger.warning("PKCS#11 token %r could not be opened: %r", label, exc)
        raise TokenUnavailable() from exc
    signer = pkcs11.PKCS11Signer(
        session, cert_label=cfg["SIGNING_PKCS11_CERT_LABEL"] or None,
        key_label=cfg["SIGNING_PKCS11_KEY_LABEL"] or None, other_certs_to_pull=None)
    try:
        signer.signing_cert  # noqa: B018 -- loads key and certificate now, not mid-signing
    except (PKCS11Error, ValueError, RuntimeError) as exc:
        session.close()
        current_app.logger.warning("PKCS#11 key or certificate not found: %r", exc)
        raise TokenUnavailable(_l("The signing key or its certificate is not on the token: "
                                  "check their labels in the settings.")) from exc
    return signer


def organisation_signer():
    """The organisation's key from settings: a PKCS#11 token if configured, else PKCS#12."""
    cfg = current_app.config
    if cfg.get("SIGNING_PKCS11_MODULE"):
        return pkcs11_signer()
    path = cfg.get("SIGNING_PKCS12_PATH")
    if not path:
        raise SigningUnavailable()
    with open(path, "rb") as fh:
        return load_pkcs12(fh.read(), cfg.get("SIGNING_PKCS12_PASSWORD"))


@contextmanager
def open_signer(p12: bytes | None = None, password: str | None = None):
    """Yield a personal .p12's signer if given, else the organisation's; close a token after."""
    signer = load_pkcs12(p12, password) if p12 is not None else organisation_signer()
    try:
        yield signer
    finally:
        session = getattr(signer, "pkcs11_session", None)
        if session is not None:
            session.close()


def check_signer(signer):
    """Refuse an expired or revoked signing certificate before anything is signed."""
    chain = [_to_crypto(c) for c in (signer.cert_registry or [])]
    cert = _to_crypto(signer.signing_cert)
    check_certificate(cert, chain)
    return cert


STAMP_HTML = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
@page {{ size: {w}pt {h}pt; margin: 0; }}
html {{ font-family: "{font}", "DejaVu Serif", serif; }}
body {{ margin: 0; }}
div.stamp {{ box-sizing: border-box; width: {w}pt; height: {h}pt; border: 1.2pt solid #1a3a8a;
  color: #1a3a8a; padding: 3pt 5pt; font-size: 7.5pt; line-height: 1.25; overflow: hidden; }}
b {{ font-size: 8pt; }}
</style></head><body><div class="stamp">{lines}</div></body></html>"""


def stamp_pdf(lines: list[str]) -> bytes:
    """The visible block drawn by WeasyPrint, so Vietnamese text uses the paper's font."""
    from html import escape

    from meeting.papers.pdf import load_weasyprint

    weasyprint, StaticOnlyFetcher = load_weasyprint()
    body = "<br>".join(f"<b>{escape(line)}</b>" if i == 0 else escape(line)
                       for i, line in enumerate(lines))
    html = STAMP_HTML.format(w=STAMP_W, h=STAMP_H, font=paper_font(), lines=body)
    fetcher = StaticOnlyFetcher(current_app.static_folder)
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()


def _pages(node, out):
    if node.get("/Type") == "/Page":
        out.append(node)
    for kid in node.get("/Kids", ()):
        _pages(kid.get_object(), out)
    return out


def _names(tree, out):
    flat = tree.get("/Names", [])
    for i in range(0, len(flat), 2):
        out[str(flat[i])] = flat[i + 1]
    for kid in tree.get("/Kids", ()):
        _names(kid.get_object(), out)
    return out


def stamp_box(reader) -> tuple[int, tuple[float, float, float, float]]:
    """Page index and box of the template's signature room; else the last page's foot."""
    pages = _pages(reader.root["/Pages"].get_object(), [])
    try:
        dest = _names(reader.root["/Names"]["/Dests"], {})["signature-stamp"]
        dest = dest.get_object() if hasattr(dest, "get_object") else dest
        # Arrays dereference on access: compare the page dictionaries' own references.
        page_ref, left, top = dest[0].container_ref, float(dest[2]), float(dest[3])
        index = next(i for i, p in enumerate(pages) if p.container_ref == page_ref)
    except (KeyError, StopIteration, IndexError, TypeError, AttributeError):
        return len(pages) - 1, (330.0, 90.0, 330.0 + STAMP_W, 90.0 + STAMP_H)
    return index, (left, top - STAMP_H, left + STAMP_W, top)


def sign_pdf(data: bytes, signer, *, reason: str, location: str) -> bytes:
    """Sign ``data`` (PAdES baseline B) with a visible block; return the signed PDF."""
    import tempfile

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    name = subject_name(_to_crypto(signer.signing_cert))
    when = datetime.now(org_timezone())
    stamp = stamp_pdf([f"Ký số bởi: {name}", f"Thời gian: {when:%d/%m/%Y %H:%M:%S %z}",
                       f"Nơi ký: {location}", reason])
    writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    page, box = stamp_box(writer.prev)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason, location=location, name=name)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(stamp)
        tmp.flush()
        # pyHanko imports the block's page from a file; no border of its own (ours is drawn).
        style = StaticStampStyle.from_pdf_file(tmp.name, border_width=0)
        pdf_signer = signers.PdfSigner(
            meta, signer=signer, stamp_style=style,
            new_field_spec=fields.SigFieldSpec(FIELD, on_page=page, box=box))
        out = pdf_signer.sign_pdf(writer)
    return out.getvalue()
