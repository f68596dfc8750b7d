"""The product's version: one number, set in pyproject.toml, read from the installed package."""

from importlib.metadata import PackageNotFoundError, version


def product_version() -> str:
    """Return the installed version of the product, e.g. ``0.9.0``."""
    try:
        return version("meeting")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"
