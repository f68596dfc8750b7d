"""Settings of the papers area, read from the environment once per app.

PAPERS_PARENT_BODY  higher body in the header          ("Đảng bộ tỉnh Hòa Bình")
PAPERS_ISSUER       issuing body (else ORGANISATION_NAME)
PAPERS_SYMBOL       symbol after the type code          ("TU" as in "Số 12-BB/TU")
PAPERS_PLACE        place in the date line              ("Hòa Bình")
PAPERS_DIR          where issued PDFs are stored        (instance/papers)
SIGNING_*           see docs/PAPERS.md
"""

import os

DEFAULTS = {
    "PAPERS_PARENT_BODY": "Đảng bộ tỉnh Hòa Bình",
    "PAPERS_ISSUER": "",
    "PAPERS_SYMBOL": "TU",
    "PAPERS_PLACE": "Hòa Bình",
    "PAPERS_DIR": "",
    "SIGNING_PKCS12_PATH": "",
    "SIGNING_PKCS12_PASSWORD": "",
    "SIGNING_TRUST_ROOTS": "",
    "SIGNING_CRL_PATHS": "",
    "SIGNING_PKCS11_MODULE": "",
    "SIGNING_PKCS11_TOKEN_LABEL": "",
    "SIGNING_PKCS11_KEY_LABEL": "",
    "SIGNING_PKCS11_CERT_LABEL": "",
    "SIGNING_PKCS11_PIN": "",
}


def init_settings(app) -> None:
    """Fill the papers settings from the environment, unless the app config sets them."""
    for name, default in DEFAULTS.items():
        app.config.setdefault(name, os.environ.get(name, default))
    if not app.config["PAPERS_DIR"]:
        app.config["PAPERS_DIR"] = os.path.join(app.instance_path, "papers")
    from meeting.papers.devkey import use_dev_key

    use_dev_key(app)  # only when no key is configured and `meeting demo` made one
