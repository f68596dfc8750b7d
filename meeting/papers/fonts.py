"""Pick the paper font once: Times New Roman, else a metric-compatible serif, else DejaVu Serif.

The Guide (36-HD/VPTW) asks for Times New Roman. Liberation Serif and Tinos have the same
glyph widths, so line breaks and page counts match the official font; DejaVu Serif does not,
hence the warning.
"""

import functools
import logging
import shutil
import subprocess

log = logging.getLogger(__name__)

PREFERRED = "Times New Roman"
METRIC_COMPATIBLE = ("Liberation Serif", "Tinos")
LAST_RESORT = "DejaVu Serif"


def installed_families() -> set[str]:
    """Family names fontconfig knows, lower-cased (each font may list several names)."""
    if not shutil.which("fc-list"):
        return set()
    out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True,
                         timeout=20, check=False).stdout
    return {name.strip().lower() for line in out.splitlines() for name in line.split(",")}


def choose_font(families: set[str]) -> str:
    """The first available family in the Guide's order, with a warning on any fallback."""
    if PREFERRED.lower() in families:
        return PREFERRED
    for name in METRIC_COMPATIBLE:
        if name.lower() in families:
            log.warning("%s is not installed; papers use the metric-compatible %s",
                        PREFERRED, name)
            return name
    log.warning("Neither %s nor a metric-compatible serif (%s) is installed; papers use %s "
                "and their line breaks will differ (install fonts-liberation)",
                PREFERRED, ", ".join(METRIC_COMPATIBLE), LAST_RESORT)
    return LAST_RESORT


@functools.cache
def paper_font() -> str:
    """The family papers are set in, chosen with fontconfig on first use."""
    return choose_font(installed_families())
