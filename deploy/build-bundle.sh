#!/usr/bin/env bash
# Build the offline bundle: one archive in dist/ that installs the whole product on a Linux
# x86-64 server with CPython 3.11 (Debian 12) and no network. Run by `make bundle`.
#
#   deploy/build-bundle.sh [--app-ref REV] [--out DIR]
#
# --app-ref builds the app's wheel from an earlier commit instead of the working tree (the
# dependencies, the install script and the service files stay this tree's): the upgrade test
# installs such a bundle first, then this one over it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}
OUT=$ROOT/dist
APP_REF=""
while [ $# -gt 0 ]; do
  case "$1" in
    --app-ref) APP_REF=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "usage: $0 [--app-ref REV] [--out DIR]" >&2; exit 2 ;;
  esac
done

# What the bundle is for; install.sh refuses any other interpreter or CPU.
TARGET_PYTHON=3.11
TARGET_MACHINE=x86_64
# Every manylinux level up to Debian 12's glibc 2.36: pip does not widen an explicit tag.
PLATFORMS=(linux_x86_64 manylinux1_x86_64 manylinux2010_x86_64 manylinux2014_x86_64)
for minor in 5 12 17 24 25 26 27 28 29 30 31 32 33 34 35 36; do
  PLATFORMS+=("manylinux_2_${minor}_x86_64")
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
SRC=$WORK/src
mkdir -p "$SRC" "$OUT"

# 1. The source of the app: this working tree as git sees it, or an earlier commit.
if [ -n "$APP_REF" ]; then
  git archive "$APP_REF" | tar -x -C "$SRC"
else
  # (a file deleted but not yet committed is listed by git and skipped by tar)
  git ls-files -z --cached --others --exclude-standard \
    | tar -c --null --no-recursion --ignore-failed-read -T - 2>/dev/null | tar -x -C "$SRC"
fi

# 2. What the wheel carries besides Python: front-end libraries and compiled translations.
(cd "$SRC" && npm ci --no-audit --no-fund --silent --prefer-offline && npm run --silent vendor)
"$(dirname "$PY")/pybabel" compile -d "$SRC/meeting/translations" >/dev/null

# 3. The app's wheel, built without network from the locked build backend.
rm -rf "$SRC/build"
quiet() { grep -v '^WARNING: Location' || true; }  # a local index note, not an error
"$PY" -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir "$WORK/app" "$SRC" \
  2>&1 | quiet
APP_WHEEL=$(ls "$WORK"/app/meeting-*.whl)
VERSION=$(basename "$APP_WHEEL" | cut -d- -f2)
NAME=meeting-$VERSION-cp${TARGET_PYTHON/./}-linux_$TARGET_MACHINE
STAGE=$WORK/$NAME
mkdir -p "$STAGE/wheels" "$STAGE/deploy"

# 4. A wheel for every locked dependency, hashes checked, kept in a cache between builds.
CACHE=$OUT/.wheel-cache
mkdir -p "$CACHE"
platform_args=()
for p in "${PLATFORMS[@]}"; do platform_args+=(--platform "$p"); done
download() {
  "$PY" -m pip download --quiet --require-hashes --only-binary=:all: "${platform_args[@]}" \
    --python-version "$TARGET_PYTHON" --implementation cp -d "$CACHE" "$@" 2>&1 | quiet
}
download -r requirements/pkcs11.txt
# pip decides a requirement's marker by the Python that runs it, not by --python-version
# (pypa/pip#11010): `async-timeout; python_full_version < '3.11.3'` is skipped on a 3.11.7
# builder although Debian 12's 3.11.2 needs it. Every requirement whose marker names the
# Python version is fetched on its own, without its marker; install.sh's pip decides.
"$PY" - requirements/pkcs11.txt "$WORK/by-version" <<'PYEOF'
import pathlib, re, sys
lock, out = pathlib.Path(sys.argv[1]).read_text(), pathlib.Path(sys.argv[2])
out.mkdir()
for n, block in enumerate(re.split(r"\n(?=[A-Za-z0-9])", lock)):
    head, _, rest = block.partition("\\")
    if "python_full_version" in head or "python_version" in head:
        hashes = "".join(f" {h}" for h in re.findall(r"--hash=sha256:[0-9a-f]{64}", rest))
        (out / f"{n}.txt").write_text(head.split(";")[0].strip() + hashes + "\n")
PYEOF
for one in "$WORK"/by-version/*.txt; do
  # One that needs another Python (deprecated 3.x wants 3.12) has no wheel here: not needed.
  [ ! -e "$one" ] || download --no-deps -r "$one" >/dev/null 2>&1 ||
    echo "not for Python $TARGET_PYTHON: $(cut -d' ' -f1 "$one")" >&2
done
# Only the files the lock names for this target (the cache may hold older ones).
"$PY" - "$CACHE" "$STAGE/wheels" requirements/pkcs11.txt <<'PYEOF'
import hashlib, pathlib, re, shutil, sys
cache, dest, lock = map(pathlib.Path, sys.argv[1:])
wanted = set(re.findall(r"--hash=sha256:([0-9a-f]{64})", lock.read_text()))
for wheel in sorted(cache.glob("*.whl")):
    if hashlib.sha256(wheel.read_bytes()).hexdigest() in wanted:
        shutil.copy2(wheel, dest / wheel.name)
PYEOF
cp "$APP_WHEEL" "$STAGE/"

# 5. The lock, the install script, the service files and the notes.
cp requirements/pkcs11.txt "$STAGE/requirements.txt"
cp deploy/install.sh deploy/INSTALL.md "$STAGE/"
cp -r deploy/nginx deploy/systemd deploy/meeting.env.example "$STAGE/deploy/"
cp CHANGELOG.md "$STAGE/"
cat > "$STAGE/TARGET" <<EOF
python=$TARGET_PYTHON
machine=$TARGET_MACHINE
version=$VERSION
built_from=${APP_REF:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}
EOF
(cd "$STAGE" && find . -type f ! -name SHA256SUMS -printf '%P\n' | sort \
  | xargs sha256sum > SHA256SUMS)

# 6. One archive; the wheels inside are already compressed, so gzip -1 is enough.
ARCHIVE=$OUT/$NAME.tar.gz
tar -C "$WORK" --owner=0 --group=0 --numeric-owner -c "$NAME" | gzip -1 > "$ARCHIVE.tmp"
mv "$ARCHIVE.tmp" "$ARCHIVE"
echo "$ARCHIVE"
