# The two commands of the README: `make run` and `make test`. Each installs what it needs.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test
REDIS_TEST_URL ?= redis://127.0.0.1:6379/0

.PHONY: install vendor translations translations-update run test test-sqlite test-postgres system-deps lint screenshots

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

install: $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	$(MAKE) --no-print-directory vendor translations

# Front-end libraries come from the npm registry (package-lock.json) and are served by us.
vendor:
	npm ci --no-audit --no-fund --silent
	npm run --silent vendor

translations:
	$(BIN)/pybabel compile -d meeting/translations

# Install, migrate, load demo data once, serve on http://127.0.0.1:5000 (SQLite).
run: install
	$(BIN)/meeting db upgrade
	$(BIN)/meeting demo
	$(BIN)/meeting run --host 127.0.0.1 --port 5000

# Debian packages the tests use: chromium for the browser tests (never a downloaded browser),
# the Times-compatible serif for official papers, LibreOffice to convert Word/Excel papers,
# SoftHSM 2 as the PKCS#11 token the signing tests use.
system-deps:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	@fc-list | grep -q 'Liberation Serif' || { apt-get update -qq && apt-get install -y -qq fonts-liberation; }
	@command -v soffice >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui libreoffice-calc-nogui; }
	@command -v softhsm2-util >/dev/null || { apt-get update -qq && apt-get install -y -qq softhsm2; }

test: install system-deps test-sqlite test-postgres

test-sqlite:
	REDIS_TEST_URL=$(REDIS_TEST_URL) $(BIN)/pytest -q

test-postgres:
	TEST_DATABASE_URL=$(PG_TEST_URL) REDIS_TEST_URL=$(REDIS_TEST_URL) $(BIN)/pytest -q -m "not browser"

# Refresh docs/screenshots/ from the browser tests (they write elsewhere otherwise).
screenshots: install system-deps
	SCREENSHOTS=1 $(BIN)/pytest -q -m browser tests/browser tests/registry/test_browser.py

lint:
	$(BIN)/ruff check meeting tests bench

# After changing user-facing strings: refresh the catalog, then translate the new entries.
translations-update:
	$(BIN)/pybabel extract -F babel.cfg -k _l --no-location --sort-by-file \
		--ignore-dirs=".venv node_modules .git instance" -o meeting/translations/messages.pot .
	$(BIN)/pybabel update -i meeting/translations/messages.pot -d meeting/translations --no-fuzzy-matching
