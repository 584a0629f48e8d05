# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED := ../shared
SEED := $(SHARED)/examples/seed-report.txt
EXAMPLE := $(if $(wildcard $(SEED)),$(SEED),examples/border-statement.txt)

.PHONY: install demo serve test lint typecheck unit browser bench eval vendor clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

DEMO_DB := $(VENV)/demo-events.db
# The seed (when ../shared is there) and the bundled examples, each once ($(sort) drops repeats).
DEMO_REPORTS := $(sort $(EXAMPLE) $(wildcard examples/*.txt))

demo: $(STAMP)
	@echo "== conflictcoder extract $(EXAMPLE) =="
	$(BIN)/conflictcoder extract $(EXAMPLE) --format table
	@echo "== conflictcoder ingest into the embedded SQLite store ($(DEMO_DB)) =="
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm  # a fresh store each run: no duplicates
	$(BIN)/conflictcoder ingest $(DEMO_REPORTS) --db $(DEMO_DB)
	@echo "== conflictcoder events --db $(DEMO_DB) =="
	$(BIN)/conflictcoder events --db $(DEMO_DB) --format table
ifneq ($(NO_SERVE),1)
	@echo "== the web UI and API over $(DEMO_DB): open the address below (Ctrl-C stops; NO_SERVE=1 skips) =="
	$(BIN)/conflictcoder serve --db $(DEMO_DB)
endif

# The web UI and HTTP API over the demo store (make demo fills it).
serve: $(STAMP)
	$(BIN)/conflictcoder serve --db $(DEMO_DB)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

test: lint typecheck unit

# Browser tests only (Debian's chromium), screenshots kept in artefacts/ui.
browser: $(STAMP)
	CONFLICTCODER_ARTEFACTS=artefacts/ui $(BIN)/pytest tests/browser

# Rebuild the UI's vendored assets from the versions pinned in web/package-lock.json (npm).
vendor:
	cd web && npm ci --no-audit --no-fund --ignore-scripts && node vendor.mjs

bench: $(STAMP)
	$(BIN)/python benchmarks/extract_throughput.py
	$(BIN)/python benchmarks/geo_bench.py
	$(BIN)/python benchmarks/store_throughput.py
	$(BIN)/python benchmarks/api_latency.py
	$(BIN)/python benchmarks/batch_scaling.py
	$(BIN)/python benchmarks/memory_peak.py

# Development splits only (never the held-out ones); results go to eval/ (not committed), and
# the last step prints one table of every set's headline figures (eval/summary.{md,json}).
# AGAINST=old-summary.json also compares with an earlier summary and fails on a drop > 1 point.
EVAL_DATA := $(SHARED)/data
EVAL_OUT := eval
EVAL_SETS := acled-armenia:acled-armenia acled-global:acled-global-2020 case2021:case2021-task2 \
	plover:plover-gsr ucdp-aec:ucdp-aec geo-gwn:geoparsing wikievents:wikievents-dev rams:rams-dev

eval: $(STAMP)
	@mkdir -p $(EVAL_OUT)
	@for pair in $(EVAL_SETS); do \
		name=$${pair%%:*}; folder=$${pair#*:}; \
		$(BIN)/conflictcoder evaluate $$name $(EVAL_DATA)/$$folder \
			--json $(EVAL_OUT)/$$name-dev.json --report $(EVAL_OUT)/$$name-dev.md || exit 1; \
		echo; \
	done
	$(BIN)/conflictcoder evaluate summary $(EVAL_OUT) --json $(EVAL_OUT)/summary.json \
		--report $(EVAL_OUT)/summary.md $(if $(AGAINST),--against $(AGAINST))

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
