"""`meeting doctor`: one line per missing part, with its Debian package and what it disables."""

import pytest

from meeting.core import doctor


def test_missing_libreoffice_names_the_package_and_what_stops_working():
    check = doctor.check_office(which=lambda name: None)
    assert not check.ok
    line = check.line()
    assert line.startswith("[THIẾU] LibreOffice")
    assert "libreoffice-writer-nogui" in line
    assert "Word/Excel" in line


def test_libreoffice_found_is_reported_with_its_path():
    check = doctor.check_office(which=lambda name: "/usr/bin/soffice" if name == "soffice"
                                else None)
    assert check.ok and check.line() == "[ ĐỦ ]  LibreOffice: /usr/bin/soffice"


@pytest.mark.parametrize(("families", "ok", "package"), [
    ({"times new roman", "dejavu serif"}, True, None),
    ({"liberation serif"}, True, None),
    ({"dejavu serif"}, False, "fonts-liberation"),
    (set(), False, "fonts-dejavu-core"),
])
def test_fonts_follow_the_papers_order_of_preference(families, ok, package):
    check = doctor.check_fonts(families)
    assert check.ok is ok
    if package:
        assert package in check.line()


def test_weasyprint_without_pango_is_reported_not_raised():
    def no_pango(name):
        raise OSError("cannot load library 'libpango-1.0-0': No such file")

    check = doctor.check_weasyprint(import_module=no_pango)
    assert not check.ok
    assert "libpango-1.0-0" in check.line()
    assert "biên bản" in check.disables


def test_a_nearly_full_disk_is_reported(tmp_path):
    assert doctor.check_disk(tmp_path, free_bytes=10 * 1024**3).ok
    low = doctor.check_disk(tmp_path, free_bytes=100 * 1024**2)
    assert not low.ok and "0.1 GB" in low.line()


def test_missing_front_end_libraries_are_reported(tmp_path):
    check = doctor.check_static(tmp_path)
    assert not check.ok and "socket.io.min.js" in check.line()


def test_a_missing_token_module_disables_signing(tmp_path):
    assert doctor.check_token("") is None
    check = doctor.check_token(str(tmp_path / "libsofthsm2.so"))
    assert not check.ok and "ký số" in check.line()


def test_the_command_says_each_missing_part_and_fails(migrated_app, monkeypatch):
    monkeypatch.setattr(doctor.shutil, "which", lambda name: None)
    result = migrated_app.test_cli_runner().invoke(args=["doctor"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith("[THIẾU] LibreOffice") for line in lines)
    assert any(line.startswith("[ ĐỦ ]  Cơ sở dữ liệu") for line in lines)


def test_a_database_not_yet_migrated_is_reported(app):
    # The suite's own database is made by create_all, so Alembic has no revision in it.
    result = app.test_cli_runner().invoke(args=["doctor"])
    assert "[THIẾU] Cơ sở dữ liệu — chưa nâng cấp" in result.output
    assert result.exit_code == 1


def test_uploads_without_a_jail_are_reported():
    assert doctor.check_sandbox("bwrap", "/usr/bin/bwrap").ok
    missing = doctor.check_sandbox("bwrap", None)
    assert not missing.ok and "bubblewrap" in missing.line()
    off = doctor.check_sandbox("none", "/usr/bin/bwrap")
    assert not off.ok and "SANDBOX=none" in off.line()
