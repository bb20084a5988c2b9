# Two commands on a fresh machine: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup test test-postgres test-browser test-deploy lint format demo bench clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

format: setup
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

# The whole suite on the embedded SQLite default. Browser tests run when /usr/bin/chromium exists
# (CI installs it and runs them separately with skips forbidden).
# The extension run installs the test-only app tests/extension_app (the registries' proof) and walks the
# authorisation matrix again with its namespace registered.
EXTENSION_RUN = -p no:cacheprovider -q --ds tests.extension_app.settings tests/extension_app tests/platform/test_authorization_matrix.py

test: setup lint
	$(BIN)/python -m pytest -p no:cacheprovider -m "not browser and not deploy" -q
	$(BIN)/python -m pytest $(EXTENSION_RUN)
	@if [ -x /usr/bin/chromium ]; then $(BIN)/python -m pytest -p no:cacheprovider -m browser -q; \
	  else echo "browser tests not run: /usr/bin/chromium is missing (apt-get install chromium)"; fi

test-postgres: setup
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/gongkai} $(BIN)/python -m pytest -p no:cacheprovider -m "not browser and not deploy" -q
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/gongkai} $(BIN)/python -m pytest $(EXTENSION_RUN)

test-browser: setup
	$(BIN)/python -m pytest -p no:cacheprovider -m browser -q

# Two gunicorn app servers behind Debian's nginx, with a task worker, on one PostgreSQL database
# (docs/deploy.md). Not part of `make test`: it needs PostgreSQL and nginx; CI runs it.
test-deploy: setup
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/gongkai} $(BIN)/python -m pytest -p no:cacheprovider -m deploy -q -rs

demo: setup
	$(BIN)/gongkai demo

bench: setup
	$(BIN)/python bench/read.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
