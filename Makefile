# The two set-up commands of the README: `make run` and `make test`. Both work on a fresh machine.
VENV   := .venv
BIN    := $(VENV)/bin
PYTHON ?= python3
PORT   ?= 5000
SITE_PORT ?= 8000
FLASK  := $(BIN)/flask --app portal

.PHONY: venv dev translations demo run test lint site clean migration

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

# Developer tools (ruff) on top of the runtime requirements.
dev: $(VENV)/.installed-dev

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

translations: venv
	@find portal -type d -name translations | while read dir; do $(BIN)/pybabel compile -f -d $$dir; done

demo: translations
	$(FLASK) db-upgrade
	$(FLASK) seed-demo
	$(FLASK) search-reconcile
	$(BIN)/python -m search_index build

run: demo
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: translations dev
	$(BIN)/pytest $(PYTEST_ARGS)

# The linter, with the layout's import rules (pyproject.toml, docs/architecture.md).
lint: dev
	$(BIN)/ruff check .

# Build the demo public site into _site/ and serve it (SITE_PORT overrides the port).
site: demo
	$(BIN)/python build.py --out _site
	@echo "Serving the public site at http://127.0.0.1:$(SITE_PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(SITE_PORT) --bind 127.0.0.1 --directory _site

clean:
	rm -rf $(VENV) instance _site ._site.* .pytest_cache

# Autogenerate a migration from the models: make migration REV=0003 MESSAGE="what changed"
migration: venv
	rm -f /tmp/fx-migration-$(REV).sqlite3
	PYTHONPATH=. $(BIN)/python -c "from portal.kernel.db import upgrade_database; upgrade_database('sqlite:////tmp/fx-migration-$(REV).sqlite3')"
	PYTHONPATH=. DATABASE_URL=sqlite:////tmp/fx-migration-$(REV).sqlite3 $(BIN)/alembic -c portal/migrations/alembic.ini revision --autogenerate --rev-id $(REV) -m "$(MESSAGE)"
