# The two commands of the README: `make run` and `make test`. Each installs what it needs,
# from the lock in requirements/ (every version pinned, every file's hash checked).
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
PIP := $(PY) -m pip --disable-pip-version-check
LOCK := requirements
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test
REDIS_TEST_URL ?= redis://127.0.0.1:6379/0

.PHONY: install install-app install-test run-deps vendor translations translations-update run test \
	test-sqlite test-postgres system-deps lint screenshots lock lock-upgrade bundle doctor

# pip, setuptools and uv themselves come from the lock; the venv is remade when it changes.
$(VENV)/.tools: $(LOCK)/tools.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r $(LOCK)/tools.txt
	touch $@

# What running needs, and nothing more (no pytest, no Playwright).
install-app: $(VENV)/.tools
	$(PIP) install --quiet --require-hashes -r $(LOCK)/app.txt
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	$(MAKE) --no-print-directory vendor translations

# The app, the token-signing extra and the test tools.
install-test: $(VENV)/.tools
	$(PIP) install --quiet --require-hashes -r $(LOCK)/test.txt
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	$(MAKE) --no-print-directory vendor translations

install: install-test

# Refresh the lock on purpose: `make lock` after changing dependencies in pyproject.toml keeps
# every other pin; `make lock-upgrade` takes the newest releases. Then `make test`, then commit
# (docs/DEPENDENCIES.md).
UV_COMPILE = $(BIN)/uv pip compile --universal --python-version 3.11 --generate-hashes \
	--quiet --no-header $(UV_FLAGS)
lock: $(VENV)/.tools
	$(UV_COMPILE) $(LOCK)/tools.in -o $(LOCK)/tools.txt
	$(UV_COMPILE) pyproject.toml -o $(LOCK)/app.txt
	$(UV_COMPILE) pyproject.toml --extra pkcs11 -c $(LOCK)/app.txt -o $(LOCK)/pkcs11.txt
	$(UV_COMPILE) pyproject.toml --extra test -c $(LOCK)/app.txt -o $(LOCK)/test.txt

lock-upgrade:
	$(MAKE) --no-print-directory lock UV_FLAGS=--upgrade

# Front-end libraries come from the npm registry (package-lock.json) and are served by us.
vendor:
	npm ci --no-audit --no-fund --silent
	npm run --silent vendor

translations:
	$(BIN)/pybabel compile -d meeting/translations

# bubblewrap jails every parse and conversion of an uploaded file (docs/DOCUMENTS.md).
run-deps:
	@command -v bwrap >/dev/null || { apt-get update -qq && apt-get install -y -qq bubblewrap; }

# Install, migrate, load demo data once, serve on http://127.0.0.1:5000 (SQLite).
run: install-app run-deps
	$(BIN)/meeting db upgrade
	$(BIN)/meeting demo
	$(BIN)/meeting run --host 127.0.0.1 --port 5000

# Debian packages the tests use: chromium for the browser tests (never a downloaded browser),
# the Times-compatible serif for official papers, LibreOffice to convert Word/Excel papers,
# SoftHSM 2 as the PKCS#11 token the signing tests use; nginx, curl and iproute2 for the tests
# of the service files and of the offline install (in a network namespace).
system-deps:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	@fc-list | grep -q 'Liberation Serif' || { apt-get update -qq && apt-get install -y -qq fonts-liberation; }
	@command -v soffice >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui libreoffice-calc-nogui; }
	@command -v softhsm2-util >/dev/null || { apt-get update -qq && apt-get install -y -qq softhsm2; }
	@$(MAKE) --no-print-directory run-deps
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { apt-get update -qq && apt-get install -y -qq nginx; }
	@command -v curl >/dev/null && command -v ip >/dev/null && command -v unshare >/dev/null \
		|| { apt-get update -qq && apt-get install -y -qq curl iproute2 util-linux; }

test: install-test system-deps test-sqlite test-postgres

test-sqlite:
	REDIS_TEST_URL=$(REDIS_TEST_URL) $(BIN)/pytest -q

test-postgres:
	TEST_DATABASE_URL=$(PG_TEST_URL) REDIS_TEST_URL=$(REDIS_TEST_URL) $(BIN)/pytest -q -m "not browser and not bundle"

# Refresh docs/screenshots/ from the browser tests (they write elsewhere otherwise).
screenshots: install-test system-deps
	SCREENSHOTS=1 $(BIN)/pytest -q -m browser tests/browser tests/registry/test_browser.py

# The offline bundle for a server with no Internet: dist/meeting-VERSION-cp311-linux_x86_64.tar.gz
bundle: install-app
	deploy/build-bundle.sh

lint:
	$(BIN)/ruff check meeting tests bench

# After changing user-facing strings: refresh the catalog, then translate the new entries.
translations-update:
	$(BIN)/pybabel extract -F babel.cfg -k _l --no-location --sort-by-file \
		--ignore-dirs=".venv node_modules .git instance" -o meeting/translations/messages.pot .
	$(BIN)/pybabel update -i meeting/translations/messages.pot -d meeting/translations --no-fuzzy-matching
