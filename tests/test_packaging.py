"""The wheel names every package under meeting/; the lock pins every dependency, hashed."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())
                 ["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "meeting").rglob("__init__.py")}
    assert found <= listed, f"add to pyproject.toml: {sorted(found - listed)}"


# The lock ------------------------------------------------------------------------------

LOCKS = {"app": [], "pkcs11": ["pkcs11"], "test": ["test"]}  # lock file: extras it holds


def _locked(name: str) -> dict[str, tuple[str, Requirement]]:
    """Read requirements/NAME.txt: normalised name -> (pinned version, requirement)."""
    text = (ROOT / "requirements" / f"{name}.txt").read_text()
    entries = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        line = block.split("\\")[0].strip()
        if not line or line.startswith("#"):
            continue
        req = Requirement(line)
        assert "--hash=sha256:" in block, f"{name}.txt: {req.name} has no hash"
        (spec,) = req.specifier
        assert spec.operator == "==", f"{name}.txt: {req.name} is not pinned"
        if req.marker is None or req.marker.evaluate():
            entries[canonicalize_name(req.name)] = (spec.version, req)
    return entries


def _declared(extras: list[str]) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = [Requirement(r) for r in project["dependencies"]]
    for extra in extras:
        declared += [Requirement(r) for r in project["optional-dependencies"][extra]]
    return declared


def test_every_declared_dependency_is_pinned_in_its_lock_within_its_range():
    for lock, extras in LOCKS.items():
        locked = _locked(lock)
        for req in _declared(extras):
            name = canonicalize_name(req.name)
            assert name in locked, f"{req.name} is not in requirements/{lock}.txt: make lock"
            assert locked[name][0] in req.specifier, f"{lock}.txt: {req} vs {locked[name][0]}"


def test_the_locks_agree_on_every_version_they_share():
    app = _locked("app")
    for lock in ("pkcs11", "test"):
        for name, (version, _req) in _locked(lock).items():
            if name in app:
                assert version == app[name][0], f"{name}: app.txt {app[name][0]}, {lock}.txt"


def test_this_environment_runs_exactly_the_locked_versions():
    # `make test` installs from requirements/test.txt; a package installed by hand, or a
    # lock changed without reinstalling, shows here.
    for name, (version, _req) in _locked("test").items():
        assert metadata.version(name) == version, f"{name}: installed {metadata.version(name)}"
