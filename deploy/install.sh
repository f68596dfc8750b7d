#!/usr/bin/env bash
# Cài đặt / nâng cấp hệ thống phòng họp không giấy từ gói cài đặt ngoại tuyến.
# Install or upgrade the paperless meeting system from the offline bundle (no network used).
#
#   sudo ./install.sh [--prefix /opt/meeting] [--data /var/lib/meeting] [--config /etc/meeting]
#                     [--python python3] [--user meeting] [--no-systemd]
#
# Each install goes to PREFIX/releases/VERSION-TIME; PREFIX/current points at the one in use, so an
# upgrade keeps the previous release beside it. Data (database, papers, keys) stays in DATA and
# the settings in CONFIG: an upgrade never touches them except to migrate the database, after
# a copy of an SQLite database is put in DATA/backups.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=/opt/meeting
DATA=/var/lib/meeting
CONFIG=/etc/meeting
PYTHON=python3
SERVICE_USER=meeting
SYSTEMD=auto

die() { printf 'LỖI: %s\nERROR: %s\n' "$1" "$2" >&2; exit 2; }
say() { printf '==> %s\n' "$*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX=$2; shift 2 ;;
    --data) DATA=$2; shift 2 ;;
    --config) CONFIG=$2; shift 2 ;;
    --python) PYTHON=$2; shift 2 ;;
    --user) SERVICE_USER=$2; shift 2 ;;
    --no-systemd) SYSTEMD=no; shift ;;
    *) die "tham số không hợp lệ: $1" "unknown option: $1" ;;
  esac
done

# 1. Is this bundle for this machine? Say so in a sentence, before pip can say it in a traceback.
target() { sed -n "s/^$1=//p" "$HERE/TARGET"; }
WANT_PY=$(target python)
WANT_MACHINE=$(target machine)
VERSION=$(target version)
MACHINE="$(uname -s) $(uname -m)"
[ "$MACHINE" = "Linux $WANT_MACHINE" ] ||
  die "Gói này dành cho máy chủ Linux $WANT_MACHINE, nhưng máy này là $MACHINE. Hãy dùng gói cài đặt đúng loại máy." \
      "This bundle is for Linux $WANT_MACHINE, but this machine is $MACHINE. Use the bundle built for it."
command -v "$PYTHON" >/dev/null ||
  die "Không tìm thấy $PYTHON. Cài gói Debian python3 và python3-venv từ kho nội bộ." \
      "$PYTHON was not found. Install Debian's python3 and python3-venv from the internal mirror."
HAVE_PY=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
[ "$HAVE_PY" = "$WANT_PY" ] ||
  die "Gói này dành cho Python $WANT_PY, nhưng $PYTHON là Python $HAVE_PY. Hãy dùng gói cài đặt dựng cho Python $HAVE_PY, hoặc chỉ định --python python$WANT_PY." \
      "This bundle is for Python $WANT_PY, but $PYTHON is Python $HAVE_PY. Use a bundle built for Python $HAVE_PY, or pass --python python$WANT_PY."
"$PYTHON" -c 'import ensurepip, venv' 2>/dev/null ||
  die "Thiếu mô-đun venv của Python: cài gói Debian python3-venv." \
      "Python's venv module is missing: install Debian's python3-venv."
(cd "$HERE" && sha256sum --quiet -c SHA256SUMS >/dev/null 2>&1) ||
  die "Gói cài đặt bị hỏng hoặc không đầy đủ (sai mã kiểm tra SHA-256). Hãy chép lại gói." \
      "The bundle is damaged or incomplete (SHA-256 mismatch). Copy it again."

# 2. The release: a virtual environment from the bundled wheels only, every hash checked.
# A venv names its own folder in its scripts, so it is made where it will stay.
NEW=$PREFIX/releases/$VERSION-$(date -u +%Y%m%dT%H%M%SZ)
say "Cài phiên bản $VERSION vào $NEW"
mkdir -p "$PREFIX/releases" "$PREFIX/bin"
rm -rf "$NEW"
trap 'rm -rf "$NEW"' EXIT  # until it is the current release
"$PYTHON" -m venv "$NEW/venv"
PIP=("$NEW/venv/bin/python" -m pip --disable-pip-version-check --no-input --quiet)
"${PIP[@]}" install --no-index --find-links "$HERE/wheels" --require-hashes \
  -r "$HERE/requirements.txt"
"${PIP[@]}" install --no-index --no-deps "$HERE"/meeting-"$VERSION"-*.whl
cp -r "$HERE/deploy" "$HERE/CHANGELOG.md" "$NEW/"
STATIC=$("$NEW/venv/bin/python" -c 'from meeting.config import STATIC_DIR; print(STATIC_DIR)')
ln -sfn "$STATIC" "$NEW/static"  # nginx serves it from PREFIX/current/static

# 3. Settings, data folder and the service account (never overwritten on upgrade).
mkdir -p "$CONFIG" "$DATA"
if [ ! -e "$CONFIG/meeting.env" ]; then
  sed "s#@DATA@#$DATA#g" "$HERE/deploy/meeting.env.example" > "$CONFIG/meeting.env"
  chmod 640 "$CONFIG/meeting.env"
fi
RUN_AS=()
if [ -n "$SERVICE_USER" ] && [ "$(id -u)" = 0 ]; then
  id -u "$SERVICE_USER" >/dev/null 2>&1 ||
    useradd --system --home-dir "$DATA" --shell /usr/sbin/nologin "$SERVICE_USER"
  chown -R "$SERVICE_USER:" "$DATA"
  chgrp "$SERVICE_USER" "$CONFIG/meeting.env"
  RUN_AS=(runuser -u "$SERVICE_USER" --)
fi

# The `meeting` command an operator types: the settings, the service account, the release.
cat > "$PREFIX/bin/meeting" <<EOF
#!/bin/sh
# The meeting command of this install: settings from $CONFIG/meeting.env.
set -a; . "$CONFIG/meeting.env"; set +a
if [ "\$(id -u)" = 0 ] && [ -n "$SERVICE_USER" ] && id -u "$SERVICE_USER" >/dev/null 2>&1; then
  exec runuser -u "$SERVICE_USER" -- "$PREFIX/current/venv/bin/meeting" "\$@"
fi
exec "$PREFIX/current/venv/bin/meeting" "\$@"
EOF
chmod 755 "$PREFIX/bin/meeting"

# 4. A copy of an SQLite database before migrating (PostgreSQL: take `meeting backup` first).
set -a; . "$CONFIG/meeting.env"; set +a
if [ -z "${DATABASE_URL:-}" ] && [ -f "$DATA/meeting.sqlite3" ]; then
  mkdir -p "$DATA/backups"
  COPY=$DATA/backups/before-$VERSION-$(date -u +%Y%m%dT%H%M%SZ).sqlite3
  "$NEW/venv/bin/python" - "$DATA/meeting.sqlite3" "$COPY" <<'PYEOF'
import sqlite3, sys
# SQLite's online backup: a consistent copy even while the server is running.
src, dst = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
src.backup(dst)
dst.close(); src.close()
PYEOF
  [ -z "$SERVICE_USER" ] || [ "$(id -u)" != 0 ] || chown -R "$SERVICE_USER:" "$DATA/backups"
  say "Đã sao lưu cơ sở dữ liệu: $COPY"
fi

# 5. Migrate with the new release, then switch to it; a failed migration leaves the old one.
say "Nâng cấp cơ sở dữ liệu"
"${RUN_AS[@]}" "$NEW/venv/bin/meeting" db upgrade ||
  die "Không nâng cấp được cơ sở dữ liệu; phiên bản đang chạy được giữ nguyên." \
      "The database migration failed; the running version is unchanged."
ln -sfn "releases/$(basename "$NEW")" "$PREFIX/current.tmp"
mv -T "$PREFIX/current.tmp" "$PREFIX/current"
trap - EXIT
# Keep the three newest releases, to go back to one by pointing current at it.
ls -1dt "$PREFIX"/releases/*/ | tail -n +4 | xargs -r rm -rf

# 6. Services, when this server runs systemd.
if [ "$SYSTEMD" = auto ] && [ -d /run/systemd/system ] && [ "$(id -u)" = 0 ]; then
  for unit in "$HERE"/deploy/systemd/*; do
    sed -e "s#@PREFIX@#$PREFIX#g" -e "s#@CONFIG@#$CONFIG#g" -e "s#@DATA@#$DATA#g" \
      -e "s#@USER@#${SERVICE_USER:-root}#g" "$unit" > "/etc/systemd/system/$(basename "$unit")"
  done
  systemctl daemon-reload
  systemctl try-restart 'meeting*.service'
  if [ -d /etc/nginx/sites-available ]; then
    conf=/etc/nginx/sites-available/meeting.conf
    [ -e "$conf" ] && conf=$conf.dist  # keep the site's own edits; show the new one beside it
    sed "s#@PREFIX@#$PREFIX#g" "$HERE/deploy/nginx/meeting.conf" > "$conf"
  fi
fi

say "Đã cài phiên bản $VERSION. Kiểm tra máy chủ: $PREFIX/bin/meeting doctor"
say "Installed version $VERSION. Check the server with: $PREFIX/bin/meeting doctor"
