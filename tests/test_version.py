"""The product carries one version: pyproject.toml's, shown by the CLI and to the admin."""

import subprocess
import sys
import tomllib
from pathlib import Path

from click.testing import CliRunner

from meeting.cli import cli
from meeting.version import product_version

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_the_installed_version_is_the_projects():
    assert product_version() == VERSION


def test_meeting_version_prints_it():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"meeting {VERSION}"


def test_the_changelog_starts_with_this_version():
    first = next(line for line in (ROOT / "CHANGELOG.md").read_text().splitlines()
                 if line.startswith("## "))
    assert first.startswith(f"## {VERSION} ")


def test_the_administrator_sees_the_version_in_the_footer(create_user, login):
    admin = login(create_user("quantri", roles=["admin"]))
    delegate = login(create_user("daibieu", roles=["delegate"]))
    assert f"Phiên bản {VERSION}" in admin.get("/meetings").text
    assert VERSION not in delegate.get("/meetings").text


def test_the_app_starts_without_weasyprint_and_says_what_is_missing(tmp_path):
    # Pango missing on the server: WeasyPrint fails at import. The app must still serve.
    script = (
        "import sys; sys.modules['weasyprint'] = None\n"
        "from meeting import create_app\n"
        "from meeting.core.errors import Unavailable\n"
        "app = create_app()\n"
        "print(app.test_client().get('/healthz').status_code)\n"
        "with app.app_context():\n"
        "    from meeting.papers.pdf import html_to_pdf\n"
        "    try:\n"
        "        html_to_pdf('<p>x</p>')\n"
        "    except Unavailable as exc:\n"
        "        print(exc.status, 'meeting doctor' in str(exc.message))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={"MEETING_INSTANCE": str(tmp_path), "PATH": "/usr/bin:/bin"},
                          timeout=120)
    assert done.stdout.split() == ["200", "503", "True"], done.stderr


def test_signing_imports_under_warnings_as_errors():
    # A library's deprecation we cannot act on (cryptography's DSA, raised inside pyHanko)
    # must not stop signing, even where warnings are errors.
    done = subprocess.run([sys.executable, "-W", "error", "-c",
                           "import meeting.papers.signing, pyhanko.sign.signers, "
                           "pyhanko.sign.validation"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
