"""Official papers of a meeting: PDF rendering in the Party layout, numbering, minutes, signing."""

import warnings

# cryptography 51 deprecates DSA, and pyHanko imports its DSA key class to recognise such keys
# (pyhanko/sign/signers/pdf_cms.py). We never make DSA keys and cannot change pyHanko's import:
# silence exactly that warning, from pyHanko only, so it can never stop signing. Set here,
# before any module of this package imports pyHanko; pyproject.toml repeats it for the tests.
warnings.filterwarnings("ignore", message="DSA is deprecated", category=UserWarning,
                        module=r"pyhanko\.")
