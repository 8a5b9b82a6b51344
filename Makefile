# The two commands: `make run` and `make test`. Each sets up what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PORT ?= 5000
FLASK := FLASK_APP=wsgi $(BIN)/flask
# PostgreSQL for the second test run (created and dropped by the suite).
TEST_POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/postgres

.PHONY: run test test-sqlite test-postgresql translations messages lint clean bench-search bench-sweep serve bench-load bench-faults bench-ratio

$(INSTALLED): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# axe-core, for the accessibility checks run inside Chromium by the browser tests; the W3C Nu HTML
# Checker (vnu-jar, run with Java), for the conformance of the pages the tests render.
AXE := node_modules/axe-core/axe.min.js
VNU := node_modules/vnu-jar/build/dist/vnu.jar
$(AXE) $(VNU):
	npm install --no-save --no-audit --no-fund --silent axe-core@4 vnu-jar@26.9.27

translations: $(INSTALLED)
	$(BIN)/pybabel compile -d translations --statistics 2>&1 | grep -v '^compiling' || true

run: $(INSTALLED) translations
	$(FLASK) db upgrade
	$(FLASK) catalogue demo
	$(FLASK) offices territory
	$(FLASK) accounts demo
	$(FLASK) offices demo
	$(FLASK) requests demo
	$(FLASK) search update
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: test-sqlite test-postgresql

test-sqlite: $(INSTALLED) translations $(AXE) $(VNU)
	$(BIN)/ruff check portal procedures tests bench gunicorn.conf.py
	$(BIN)/lint-imports  # the layers (.importlinter): shell -> domain areas -> pure core, no cycle
	$(BIN)/python -m pytest --db=sqlite

test-postgresql: $(INSTALLED) translations $(AXE) $(VNU)
	$(BIN)/python -m pytest --db=postgresql --postgres-url=$(TEST_POSTGRES_URL)

# Refresh the message catalogues after changing user-visible strings.
messages: $(INSTALLED)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --add-comments=TRANSLATORS: --sort-by-file --no-location --width 100 -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete --width 100

# Search benchmark against SQLite FTS5 (docs/search.md): SIZES=3000,30000 for the full run.
bench-search: $(INSTALLED)
	$(BIN)/python bench/search_benchmark.py $(if $(SIZES),--sizes $(SIZES),--small)

# Production mode on this machine (DEPLOY.md): migrations, this node's search index, then gunicorn.
serve: $(INSTALLED) translations
	$(FLASK) db upgrade
	$(FLASK) offices territory
	$(FLASK) search update
	$(BIN)/gunicorn -c gunicorn.conf.py

# Load and faults against the production mode: not in CI; figures in README.md.
bench-load: $(INSTALLED)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/load.py

# Public pages against hello world, A B A B with wrk (bench/ratio.py); RATIO_SECONDS=8 for the full run.
bench-ratio: $(INSTALLED)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/ratio.py $(if $(RATIO_SECONDS),--seconds $(RATIO_SECONDS),--small)

bench-faults: $(INSTALLED)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/faults.py

bench-sweep: $(INSTALLED)
	$(BIN)/python bench/sweep_benchmark.py --db sqlite --requests $(or $(REQUESTS),20000)

clean:
	rm -rf $(VENV) instance *.egg-info
