"""`meeting doctor`: what this server lacks, one line per part, and what each lack disables.

An install from the offline bundle brings every Python package, but the Debian packages
(LibreOffice, fonts, Pango for WeasyPrint) come from the internal mirror: an IT officer runs
this after installing to see what is missing before a meeting finds out.
"""

import importlib
import shutil
from dataclasses import dataclass
from pathlib import Path

MIN_FREE_BYTES = 2 * 1024**3


@dataclass(frozen=True)
class Check:
    """One part of the server: present or not, and what its absence costs."""

    name: str
    ok: bool
    detail: str = ""
    disables: str = ""  # what does not work without it
    debian: str = ""  # the Debian packages that bring it

    def line(self) -> str:
        """Say it in one line for the IT office."""
        if self.ok:
            return f"[ ĐỦ ]  {self.name}" + (f": {self.detail}" if self.detail else "")
        fix = f" (cài gói Debian: {self.debian})" if self.debian else ""
        why = f" — {self.detail}" if self.detail else ""
        return f"[THIẾU] {self.name}{why}{fix}. Không dùng được: {self.disables}."


def check_weasyprint(import_module=importlib.import_module) -> Check:
    """WeasyPrint loads Pango through cffi at import: a missing library fails there."""
    try:
        import_module("weasyprint")
    except (OSError, ImportError) as exc:
        return Check("WeasyPrint (Pango)", False, str(exc).splitlines()[0][:120],
                     "lập văn bản PDF (giấy mời, chương trình, biên bản, biên bản kiểm phiếu, "
                     "báo cáo tiết kiệm, báo cáo CNTT)", "libpango-1.0-0 libpangoft2-1.0-0")
    return Check("WeasyPrint (Pango)", True)


def check_fonts(families: set[str]) -> Check:
    """The papers' serif: Times New Roman, a metric-compatible one, or at least DejaVu."""
    from meeting.papers.fonts import LAST_RESORT, METRIC_COMPATIBLE, PREFERRED

    for name in (PREFERRED, *METRIC_COMPATIBLE):
        if name.lower() in families:
            return Check("Phông chữ văn bản", True, name)
    detail = f"không có {PREFERRED} hay {', '.join(METRIC_COMPATIBLE)}"
    if LAST_RESORT.lower() in families:
        return Check("Phông chữ văn bản", False, detail + f"; dùng tạm {LAST_RESORT}",
                     "văn bản đúng thể thức (ngắt dòng, số trang khác bản chuẩn)",
                     "fonts-liberation")
    return Check("Phông chữ văn bản", False, detail, "văn bản PDF có chữ tiếng Việt đúng",
                 "fonts-liberation fonts-dejavu-core")


def check_office(which=None) -> Check:
    """LibreOffice converts Word, Excel and OpenDocument papers to PDF."""
    which = which or shutil.which
    path = which("soffice") or which("libreoffice")
    if path:
        return Check("LibreOffice", True, path)
    return Check("LibreOffice", False, "không tìm thấy soffice",
                 "tải lên tài liệu Word/Excel/OpenDocument (chỉ nhận PDF)",
                 "libreoffice-writer-nogui libreoffice-calc-nogui")


def check_sandbox(mode: str, bwrap: str | None) -> Check:
    """Uploads are parsed and converted in a bubblewrap jail (core/sandbox.py)."""
    if mode == "none":
        return Check("Cô lập tệp tải lên (bubblewrap)", False, "SANDBOX=none",
                     "cô lập khi đọc tệp tải lên: tệp độc hại có thể đọc tệp hoặc gọi mạng "
                     "từ máy chủ")
    if bwrap is None:
        return Check("Cô lập tệp tải lên (bubblewrap)", False, "không tìm thấy bwrap",
                     "tải lên tài liệu (bị từ chối để an toàn)", "bubblewrap")
    return Check("Cô lập tệp tải lên (bubblewrap)", True, bwrap)


def check_static(static_dir: Path) -> Check:
    """The front-end libraries built from package.json travel inside the wheel."""
    missing = [name for name in ("vendor/socket.io.min.js", "vendor/pdfjs/pdf.min.mjs")
               if not (static_dir / name).is_file()]
    if not missing:
        return Check("Thư viện giao diện", True)
    return Check("Thư viện giao diện", False, "thiếu " + ", ".join(missing),
                 "cập nhật trực tiếp trên máy tính bảng và trình đọc tài liệu "
                 "(bản cài đặt bị lỗi: cài lại từ gói)")


def check_disk(path: Path, free_bytes: int | None = None) -> Check:
    """Papers, page images and backups live under the instance folder."""
    free = shutil.disk_usage(path).free if free_bytes is None else free_bytes
    detail = f"{path}: còn {free / 1024**3:.1f} GB"
    if free >= MIN_FREE_BYTES:
        return Check("Dung lượng lưu trữ", True, detail)
    return Check("Dung lượng lưu trữ", False, detail, "tải lên tài liệu mới khi ổ đầy")


def check_database(db) -> Check:
    """The database answers and its schema is at the newest migration."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from flask import current_app

    try:
        with db.engine.connect() as conn:
            current = set(MigrationContext.configure(conn).get_current_heads())
    except Exception as exc:  # any failure to connect is what this line reports
        return Check("Cơ sở dữ liệu", False, type(exc).__name__, "toàn bộ hệ thống")
    config = current_app.extensions["migrate"].migrate.get_config()
    heads = set(ScriptDirectory.from_config(config).get_heads())
    if current != heads:
        return Check("Cơ sở dữ liệu", False, "chưa nâng cấp: chạy `meeting db upgrade`",
                     "toàn bộ hệ thống")
    return Check("Cơ sở dữ liệu", True, db.engine.dialect.name)


def check_redis(url: str | None) -> Check | None:
    """Several server processes share live rooms through Redis, when it is configured."""
    if not url:
        return None
    import redis

    try:
        redis.Redis.from_url(url, socket_timeout=3).ping()
    except redis.RedisError as exc:
        return Check("Redis", False, type(exc).__name__,
                     "cập nhật trực tiếp giữa các tiến trình máy chủ")
    return Check("Redis", True)


def check_token(module: str) -> Check | None:
    """The organisation's key on a PKCS#11 token, when signing is set up that way."""
    if not module:
        return None
    if not Path(module).is_file():
        return Check("Thiết bị ký số (PKCS#11)", False, f"không có {module}", "ký số văn bản")
    try:
        importlib.import_module("pkcs11")
    except ImportError:
        return Check("Thiết bị ký số (PKCS#11)", False, "thiếu gói python-pkcs11",
                     "ký số văn bản")
    return Check("Thiết bị ký số (PKCS#11)", True, module)


def run_checks(app) -> list[Check]:
    """Check every part this server needs; call inside an app context."""
    from meeting.config import STATIC_DIR
    from meeting.core import sandbox
    from meeting.extensions import db
    from meeting.papers.fonts import installed_families

    checks = [check_database(db), check_redis(app.config.get("REDIS_URL")),
              check_weasyprint(), check_fonts(installed_families()), check_office(),
              check_sandbox(sandbox.mode(), sandbox.bwrap_path()),
              check_token(app.config.get("SIGNING_PKCS11_MODULE", "")),
              check_static(Path(STATIC_DIR)), check_disk(Path(app.instance_path))]
    return [check for check in checks if check is not None]
