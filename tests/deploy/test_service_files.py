"""The service files the bundle ships are valid for the programs that read them."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _render(path: Path, **values) -> str:
    text = path.read_text()
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    assert not re.search(r"@[A-Z]+@", text), f"unfilled placeholder in {path.name}"
    return text


@pytest.fixture
def tls(tmp_path):
    """A throw-away certificate, as the internal CA would issue."""
    crt, key = tmp_path / "server.crt", tmp_path / "server.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=hop.tinhuy.local", "-keyout", str(key), "-out", str(crt)],
                   check=True, capture_output=True)
    return crt, key


def test_the_nginx_configuration_passes_nginx_t(tmp_path, tls):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    crt, key = tls
    (tmp_path / "etc" / "tls").mkdir(parents=True)
    crt.rename(tmp_path / "etc" / "tls" / "server.crt")
    key.rename(tmp_path / "etc" / "tls" / "server.key")
    site = _render(DEPLOY / "nginx" / "meeting.conf", PREFIX=str(tmp_path / "opt"),
                   CONFIG=str(tmp_path / "etc"))
    (tmp_path / "meeting.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\n"
        "http { access_log off; include /etc/nginx/mime.types;\n"
        f"  include {tmp_path}/meeting.conf; }}\n")
    done = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr


@pytest.mark.parametrize("unit", sorted(p.name for p in (DEPLOY / "systemd").iterdir()))
def test_the_systemd_units_name_the_installed_command(unit, tmp_path):
    text = _render(DEPLOY / "systemd" / unit, PREFIX="/opt/meeting", CONFIG="/etc/meeting",
                   DATA="/var/lib/meeting", USER="meeting")
    if unit == "meeting-worker.service":
        assert "ExecStart=/opt/meeting/current/venv/bin/meeting worker" in text
    elif unit.endswith(".service"):
        assert "ExecStart=/opt/meeting/current/venv/bin/meeting run --host 127.0.0.1" in text
    if unit.endswith(".service"):
        assert "EnvironmentFile=/etc/meeting/meeting.env" in text
        assert "ReadWritePaths=/var/lib/meeting" in text
        assert "UMask=0027" in text and "NoNewPrivileges=yes" in text
    assert "[Install]" in text
