"""The offline bundle: built from the lock, installed where only loopback exists, upgraded.

Each install runs the bundle's own install.sh inside a new network namespace (``unshare -n``)
with only the loopback interface up, so pip cannot reach any index: whatever the server needs
must be in the archive. Then the installed `meeting` command migrates, creates an
administrator, serves, and a login goes through, all inside the same namespace.
"""

import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from tests.servers import free_port

pytestmark = pytest.mark.bundle

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("probe_login.py")
# The last commit of 0.1.0, before versions and bundles: the upgrade starts from it.
PREVIOUS_RELEASE = "63d4aec"
PASSWORD = "Quan-tri-vien-2026"
BUILD_TIMEOUT = 600
INSTALL_TIMEOUT = 600


def _build(out: Path, *args) -> Path:
    done = subprocess.run([str(ROOT / "deploy" / "build-bundle.sh"), "--out", str(out), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT,
                          env=dict(os.environ, PY=sys.executable))
    assert done.returncode == 0, done.stdout + done.stderr
    return Path(done.stdout.strip().splitlines()[-1])


def _extract(archive: Path, into: Path) -> Path:
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    (folder,) = into.iterdir()
    return folder


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """This tree's bundle, built once for the module (MEETING_BUNDLE names a ready one)."""
    ready = os.environ.get("MEETING_BUNDLE")
    return Path(ready) if ready else _build(tmp_path_factory.mktemp("dist"))


def offline(script: str, root: Path, timeout=INSTALL_TIMEOUT) -> subprocess.CompletedProcess:
    """Run bash ``script`` in a network namespace of its own, with only loopback up."""
    prelude = (
        "set -euo pipefail\n"
        "ip link set lo up\n"
        # No route leaves this namespace: pip, npm or the app could fetch nothing.
        'test -z "$(ip route show default)"; test -z "$(ip -6 route show default)"\n'
        f"P={root}/opt D={root}/data C={root}/etc M={root}/opt/bin/meeting\n"
        "serve_and_login() {  # serve on $1, log in as $2 with $3\n"
        '  "$M" run --port "$1" > "$D.server.log" 2>&1 & pid=$!\n'
        "  for _ in $(seq 150); do curl -fsS \"http://127.0.0.1:$1/healthz\" && break;"
        " sleep 0.2; done; echo\n"
        f'  rc=0; "$P/current/venv/bin/python" {PROBE} "http://127.0.0.1:$1" "$2" "$3" || rc=$?\n'
        '  kill "$pid"; wait "$pid" || true; return $rc\n'
        "}\n")
    # A clean environment: nothing of the test run's database or services leaks in.
    env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
           "HOME": str(root), "LANG": "C.UTF-8"}
    # From the test's folder, not the checkout: `python -m` looks in the working folder first,
    # and 0.1.0's upload check would import this tree's package instead of its own.
    return subprocess.run(["unshare", "-n", "bash", "-c", prelude + script], env=env,
                          cwd=root, capture_output=True, text=True, timeout=timeout)


def _python3() -> str:
    """Debian 12's own CPython 3.11 (3.11.2), as on the server; another 3.11 elsewhere."""
    debian = Path("/usr/bin/python3.11")
    return str(debian) if debian.exists() else shutil.which("python3.11") or "python3"


def install_line(bundle_dir: Path) -> str:
    """Install into the test's folder; serve plain HTTP on loopback (no nginx in front)."""
    return (f'"{bundle_dir}/install.sh" --prefix "$P" --data "$D" --config "$C" --user "" '
            f'--no-systemd --python {_python3()}\n'
            'grep -q "^SESSION_COOKIE_SECURE=0" "$C/meeting.env" '
            '|| echo SESSION_COOKIE_SECURE=0 >> "$C/meeting.env"\n')


def test_offline_install_migrates_serves_and_logs_in(bundle, tmp_path):
    folder = _extract(bundle, tmp_path / "bundle")
    port = free_port()
    started = time.monotonic()
    done = offline(
        install_line(folder)
        + 'echo "installed_in=$SECONDS"\n'
        + '"$M" --version\n'
        + f'"$M" create-admin --username quantri --full-name "Quản trị" --password {PASSWORD}\n'
        + '"$M" doctor || true\n'
        + f"serve_and_login {port} quantri {PASSWORD}\n"
        + f"serve_and_login {port} quantri wrong-password || echo refused\n",
        tmp_path)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    version = folder.name.split("-")[1]
    assert f"meeting {version}" in output
    assert '"status":"ok"' in output.replace(" ", "")  # /healthz answered
    first, second = [line for line in output.splitlines() if line.startswith("landed=")]
    assert first != "landed=/login"
    assert second == "landed=/login"  # a wrong password does not log in
    assert "refused" in done.stdout
    assert "Cơ sở dữ liệu: sqlite" in output  # doctor: migrated by install.sh
    print(f"offline install and first login: {time.monotonic() - started:.0f} s; "
          f"bundle {bundle.stat().st_size / 1e6:.0f} MB")


def test_upgrade_from_the_previous_release_keeps_the_data(bundle, tmp_path):
    if subprocess.run(["git", "cat-file", "-e", f"{PREVIOUS_RELEASE}^{{commit}}"], cwd=ROOT,
                      capture_output=True).returncode != 0:
        pytest.fail(f"the history holds no {PREVIOUS_RELEASE}: clone main with its history")
    old = _extract(_build(tmp_path / "old-dist", "--app-ref", PREVIOUS_RELEASE),
                   tmp_path / "old")
    new = _extract(bundle, tmp_path / "new")
    port = free_port()
    count = ('"$P/current/venv/bin/python" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]);'
             " print('rows', *[c.execute(f'select count(*) from {t}').fetchone()[0] for t in"
             " ('meetings','users','documents','polls','poll_ballots','registry_devices',"
             "'audit_entries')])\""
             ' "$D/meeting.sqlite3"\n')
    done = offline(
        install_line(old)
        + '"$M" --version || echo "no --version before 0.9.0"\n'
        + '"$M" demo > /dev/null\n'
        + count
        + install_line(new)
        + '"$M" --version\n'
        + count
        + 'ls "$D/backups"\n'
        + '"$M" db current\n'
        + f"serve_and_login {port} thuky demo12345\n", tmp_path)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    before, after = [line for line in output.splitlines() if line.startswith("rows ")]
    assert before == after, output
    assert all(int(n) > 0 for n in before.split()[1:]), before
    assert f"meeting {new.name.split('-')[1]}" in output
    assert "before-" in output  # the SQLite copy taken before migrating
    assert "(head)" in output
    assert "landed=" in output


@pytest.mark.parametrize(("key", "value", "says"), [
    ("python", "3.12", "Gói này dành cho Python 3.12"),
    ("machine", "aarch64", "Gói này dành cho máy chủ Linux aarch64"),
])
def test_a_bundle_for_another_python_or_cpu_is_refused_in_a_sentence(
        bundle, tmp_path, key, value, says):
    folder = _extract(bundle, tmp_path / "bundle")
    target = folder / "TARGET"
    target.write_text("".join(f"{key}={value}\n" if line.startswith(f"{key}=") else line
                              for line in target.read_text().splitlines(keepends=True)))
    done = offline(install_line(folder), tmp_path)
    assert done.returncode == 2
    assert says in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "opt" / "releases").exists()  # refused before installing anything


def test_a_damaged_bundle_is_refused_before_installing(bundle, tmp_path):
    folder = _extract(bundle, tmp_path / "bundle")
    wheel = next((folder / "wheels").glob("flask-*.whl"))
    wheel.write_bytes(wheel.read_bytes()[:-100])
    done = offline(install_line(folder), tmp_path)
    assert done.returncode == 2
    assert "bị hỏng" in done.stderr
    assert not (tmp_path / "opt" / "releases").exists()


@pytest.mark.parametrize("data", ["relative/data", "/srv/R&D data", "/srv/#meeting"])
def test_paths_a_shell_or_a_unit_file_would_misread_are_refused(bundle, tmp_path, data):
    folder = _extract(bundle, tmp_path / "bundle")
    done = subprocess.run([str(folder / "install.sh"), "--prefix", str(tmp_path / "opt"),
                           "--data", data, "--config", str(tmp_path / "etc"), "--user", "",
                           "--no-systemd", "--python", _python3()],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 2 and "Đường dẫn" in done.stderr
    assert not (tmp_path / "opt" / "releases").exists()
