#!/usr/bin/env bash
# Cài đặt / nâng cấp hệ thống phòng họp không giấy từ gói cài đặt ngoại tuyến.
# Install or upgrade the paperless meeting system from the offline bundle (no network used).
#
#   sudo ./install.sh [--prefix /opt/meeting] [--data /var/lib/meeting] [--config /etc/meeting]
#                     [--python python3] [--user meeting] [--no-systemd]
#
# Each install goes to PREFIX/releases/VERSION-TIME-XXXX; PREFIX/current points at the one in
# use, so an upgrade keeps the previous releases beside it. Data (database, papers, keys) stays
# in DATA and the settings in CONFIG: an upgrade never touches them except to migrate the
# database, after a copy of an SQLite database is put in DATA/backups. The options of the
# first install are kept in PREFIX/install.conf and are the defaults of the next.
set -euo pipefail
umask 022  # the release must be readable by the service account and nginx, whatever root's umask
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=/opt/meeting
declare -A GIVEN=()

die() { printf 'LỖI: %s\nERROR: %s\n' "$1" "$2" >&2; exit 2; }
say() { printf '==> %s\n' "$*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX=$2; shift 2 ;;
    --data) GIVEN[DATA]=$2; shift 2 ;;
    --config) GIVEN[CONFIG]=$2; shift 2 ;;
    --python) GIVEN[PYTHON]=$2; shift 2 ;;
    --user) GIVEN[SERVICE_USER]=$2; shift 2 ;;
    --no-systemd) GIVEN[SYSTEMD]=no; shift ;;
    *) die "tham số không hợp lệ: $1" "unknown option: $1" ;;
  esac
done

# Settings files are read as KEY=value lines, never run as shell code.
read_settings() {
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in ''|\#*) ;; *=*) printf '%s\n' "$line" ;; esac
  done < "$1"
}
setting_of() { read_settings "$1" | sed -n "s/^$2=//p" | tail -n 1; }

# What the previous install chose is the default now: an upgrade run without the first
# install's --data would otherwise back up nothing and point the services elsewhere.
DATA=/var/lib/meeting CONFIG=/etc/meeting PYTHON=python3 SERVICE_USER=meeting SYSTEMD=auto
if [ -f "$PREFIX/install.conf" ]; then
  for key in DATA CONFIG PYTHON SERVICE_USER SYSTEMD; do
    value=$(setting_of "$PREFIX/install.conf" "$key")
    [ -z "$value" ] && [ "$key" != SERVICE_USER ] || printf -v "$key" '%s' "$value"
  done
fi
for key in "${!GIVEN[@]}"; do printf -v "$key" '%s' "${GIVEN[$key]}"; done

for path in "$PREFIX" "$DATA" "$CONFIG"; do
  case $path in
    /*) ;;
    *) die "Đường dẫn phải là tuyệt đối: $path" "Paths must be absolute: $path" ;;
  esac
  [[ $path =~ ^[A-Za-z0-9/._-]+$ ]] ||
    die "Đường dẫn chỉ được chứa chữ, số và / . _ - : $path" \
        "Paths may hold only letters, digits and / . _ -: $path"
done
case "$CONFIG/" in "$DATA"/*)
  die "Thư mục cấu hình không được nằm trong thư mục dữ liệu." \
      "The settings folder must not be inside the data folder." ;;
esac

# 1. Is this bundle for this machine? Say so in a sentence, before pip can say it in a traceback.
target() { setting_of "$HERE/TARGET" "$1"; }
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
# Every file is checked, and no file is there that the list does not name.
(cd "$HERE" && sha256sum --strict --quiet -c SHA256SUMS >/dev/null 2>&1 &&
  diff <(find . ! -type d ! -name SHA256SUMS -printf '%P\n' | sort) \
       <(sed -E 's/^[0-9a-f]{64} [ *]//' SHA256SUMS | sort) >/dev/null) ||
  die "Gói cài đặt bị hỏng, không đầy đủ hoặc có tệp lạ (sai mã kiểm tra SHA-256). Hãy chép lại gói." \
      "The bundle is damaged, incomplete or holds unknown files (SHA-256 mismatch). Copy it again."

SYSTEMD_UNITS=no
if [ "$SYSTEMD" = auto ] && [ -d /run/systemd/system ] && [ "$(id -u)" = 0 ]; then
  SYSTEMD_UNITS=yes
  { [ -n "$SERVICE_USER" ] && [ "$(id -u "$SERVICE_USER" 2>/dev/null || echo new)" != 0 ]; } ||
    die "Dịch vụ không được chạy bằng tài khoản root: chỉ định --user." \
        "The services must not run as root: give --user."
fi

mkdir -p "$PREFIX/releases" "$PREFIX/bin"
exec 9>"$PREFIX/.install.lock"
flock -n 9 || die "Một lần cài đặt khác đang chạy." "Another install is running."

# 2. The release: a virtual environment from the bundled wheels only, every hash checked.
# A venv names its own folder in its scripts, so it is made where it will stay.
NEW=$(mktemp -d "$PREFIX/releases/$VERSION-$(date -u +%Y%m%dT%H%M%SZ)-XXXX")
chmod 755 "$NEW"
trap 'rm -rf "$NEW"' EXIT  # until it is the current release
say "Cài phiên bản $VERSION vào $NEW"
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
fi
chmod 640 "$CONFIG/meeting.env"
INSTANCE=$(setting_of "$CONFIG/meeting.env" MEETING_INSTANCE)
[ "${INSTANCE:-$DATA}" = "$DATA" ] ||
  die "$CONFIG/meeting.env dùng dữ liệu ở $INSTANCE, không phải $DATA: chỉ định --data $INSTANCE." \
      "$CONFIG/meeting.env keeps its data in $INSTANCE, not $DATA: pass --data $INSTANCE."
RUN_AS=()
if [ -n "$SERVICE_USER" ] && [ "$(id -u)" = 0 ]; then
  id -u "$SERVICE_USER" >/dev/null 2>&1 ||
    useradd --system --user-group --home-dir "$DATA" --shell /usr/sbin/nologin "$SERVICE_USER"
  chown -R "$SERVICE_USER:" "$DATA/"
  chgrp "$(id -gn "$SERVICE_USER")" "$CONFIG/meeting.env"
  RUN_AS=(runuser -u "$SERVICE_USER" --)
fi
chmod 750 "$DATA"  # the database, the papers and the keys are no one else's to read

# The `meeting` command an operator types: the settings, the service account, the release.
cat > "$PREFIX/bin/meeting" <<EOF
#!/bin/bash
# The meeting command of this install: settings from $CONFIG/meeting.env (KEY=value lines).
while IFS= read -r line || [ -n "\$line" ]; do
  case \$line in ''|\\#*) ;; *=*) export "\$line" ;; esac
done < "$CONFIG/meeting.env"
if [ "\$(id -u)" = 0 ] && [ -n "$SERVICE_USER" ] && id -u "$SERVICE_USER" >/dev/null 2>&1; then
  exec runuser -u "$SERVICE_USER" -- "$PREFIX/current/venv/bin/meeting" "\$@"
fi
exec "$PREFIX/current/venv/bin/meeting" "\$@"
EOF
chmod 755 "$PREFIX/bin/meeting"
cat > "$PREFIX/install.conf" <<EOF
DATA=$DATA
CONFIG=$CONFIG
PYTHON=$PYTHON
SERVICE_USER=$SERVICE_USER
SYSTEMD=$SYSTEMD
EOF

# The new release runs at all before anything depends on it.
while IFS= read -r line; do export "$line"; done < <(read_settings "$CONFIG/meeting.env")
"${RUN_AS[@]}" "$NEW/venv/bin/meeting" --version >/dev/null ||
  die "Phiên bản mới không chạy được trên máy này; phiên bản đang chạy được giữ nguyên." \
      "The new version does not run on this machine; the running version is unchanged."

# 4. Stop the services, then copy an SQLite database before migrating: written by the service
# account (a link it planted in the data folder leads nowhere it could not write anyway).
if [ "$SYSTEMD_UNITS" = yes ]; then
  systemctl stop 'meeting*.service' 2>/dev/null || true
fi
COPY=""
if [ -z "${DATABASE_URL:-}" ] && [ -f "$DATA/meeting.sqlite3" ]; then
  COPY=$DATA/backups/before-$VERSION-$(date -u +%Y%m%dT%H%M%SZ).sqlite3
  (umask 077; "${RUN_AS[@]}" mkdir -p "$DATA/backups"
   "${RUN_AS[@]}" "$NEW/venv/bin/python" - "$DATA/meeting.sqlite3" "$COPY" <<'PYEOF'
import os, sqlite3, sys
# SQLite's online backup: a consistent copy even if something still writes.
fd = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
os.close(fd)
src, dst = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
src.backup(dst)
dst.close(); src.close()
PYEOF
  )
  say "Đã sao lưu cơ sở dữ liệu: $COPY"
fi

# 5. Migrate with the new release, then switch to it; a failed migration leaves the old one.
say "Nâng cấp cơ sở dữ liệu"
"${RUN_AS[@]}" "$NEW/venv/bin/meeting" db upgrade ||
  die "Không nâng cấp được cơ sở dữ liệu; phiên bản đang chạy được giữ nguyên.${COPY:+ Bản sao trước khi nâng cấp: $COPY (chép đè lên $DATA/meeting.sqlite3 để khôi phục).}" \
      "The database migration failed; the running version is unchanged.${COPY:+ The copy taken before: $COPY (copy it over $DATA/meeting.sqlite3 to restore).}"
ln -sfn "releases/$(basename "$NEW")" "$PREFIX/current.tmp"
mv -T "$PREFIX/current.tmp" "$PREFIX/current"
trap - EXIT
# Keep the current release and the two before it (by name: VERSION-TIME sorts by time of
# install, whatever the clock did since), to go back by pointing current at one of them.
CURRENT=$(basename "$NEW")
find "$PREFIX/releases" -mindepth 1 -maxdepth 1 -type d ! -name "$CURRENT" -printf '%f\n' \
  | sort -r | tail -n +3 | while IFS= read -r old; do rm -rf -- "${PREFIX:?}/releases/$old"; done

# 6. Services, when this server runs systemd.
if [ "$SYSTEMD_UNITS" = yes ]; then
  for unit in "$HERE"/deploy/systemd/meeting*; do
    sed -e "s#@PREFIX@#$PREFIX#g" -e "s#@CONFIG@#$CONFIG#g" -e "s#@DATA@#$DATA#g" \
      -e "s#@USER@#$SERVICE_USER#g" "$unit" > "/etc/systemd/system/$(basename "$unit")"
  done
  systemctl daemon-reload
  if systemctl is-enabled --quiet meeting.service 2>/dev/null; then
    systemctl start meeting.service
    sleep 5
    systemctl is-active --quiet meeting.service ||
      die "Dịch vụ meeting.service không chạy được: xem journalctl -u meeting.service." \
          "meeting.service does not stay up: see journalctl -u meeting.service."
  fi
  if [ -d /etc/nginx/sites-available ]; then
    conf=/etc/nginx/sites-available/meeting.conf
    [ -e "$conf" ] && conf=$conf.dist  # keep the site's own edits; show the new one beside it
    sed -e "s#@PREFIX@#$PREFIX#g" -e "s#@CONFIG@#$CONFIG#g" "$HERE/deploy/nginx/meeting.conf" \
      > "$conf"
  fi
fi

say "Đã cài phiên bản $VERSION. Kiểm tra máy chủ: $PREFIX/bin/meeting doctor"
say "Installed version $VERSION. Check the server with: $PREFIX/bin/meeting doctor"
