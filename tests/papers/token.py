"""A software PKCS#11 token (SoftHSM 2) holding the test PKI's keys, as a USB token would.

The token lives in a folder of its own (SOFTHSM2_CONF points the library there); the keys
and certificates are written with python-pkcs11, the same library pyHanko signs through.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

MODULE = "/usr/lib/softhsm/libsofthsm2.so"
LABEL = "TinhUy-Test"
PIN = "123456"
SO_PIN = "12345678"


def _der_key(key) -> bytes:
    return key.private_bytes(serialization.Encoding.DER,
                             serialization.PrivateFormat.TraditionalOpenSSL,
                             serialization.NoEncryption())


def _der_cert(cert) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def make_token(folder: Path, pki) -> dict:
    """Initialise a token in ``folder`` with the signer's and the revoked key; return settings.

    Skips without SoftHSM or python-pkcs11, or fails when CI=true (``make test`` installs
    both). Key and certificate share a label: ``signer``, ``revoked``; the CA certificate
    sits beside them, as on the tokens a CA hands out.
    """
    util = shutil.which("softhsm2-util")
    try:
        import pkcs11
    except ImportError:
        pkcs11 = None
    if not (util and os.path.exists(MODULE) and pkcs11):
        message = "SoftHSM 2 or python-pkcs11 is missing (apt-get install softhsm2)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from pkcs11 import Attribute
    from pkcs11.util.rsa import decode_rsa_private_key
    from pkcs11.util.x509 import decode_x509_certificate

    (folder / "tokens").mkdir(parents=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\n"
                    "objectstore.backend = file\nlog.level = ERROR\n")
    # Read when the library initialises: set before anything in this process loads it.
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run([util, "--init-token", "--free", "--label", LABEL, "--pin", PIN,
                    "--so-pin", SO_PIN], check=True, capture_output=True, timeout=60)
    token = pkcs11.lib(MODULE).get_token(token_label=LABEL)
    with token.open(rw=True, user_pin=PIN) as session:
        for number, name in enumerate(("signer", "revoked"), start=1):
            issued = getattr(pki, name)
            ids = {Attribute.TOKEN: True, Attribute.LABEL: name, Attribute.ID: bytes([number])}
            session.create_object({**decode_rsa_private_key(_der_key(issued.key)), **ids,
                                   Attribute.SIGN: True, Attribute.PRIVATE: True,
                                   Attribute.SENSITIVE: True})
            session.create_object({**decode_x509_certificate(_der_cert(issued.cert)), **ids})
        session.create_object({**decode_x509_certificate(_der_cert(pki.ca_cert)),
                               Attribute.TOKEN: True, Attribute.LABEL: "ca",
                               Attribute.ID: b"\xca"})
    return {"SIGNING_PKCS11_MODULE": MODULE, "SIGNING_PKCS11_TOKEN_LABEL": LABEL,
            "SIGNING_PKCS11_KEY_LABEL": "signer", "SIGNING_PKCS11_CERT_LABEL": "signer",
            "SIGNING_PKCS11_PIN": PIN}
