# newsweave — `make demo` and `make test` set everything up on a machine with Python 3.11, pip and apt.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo/newsweave-demo.db
DATA   ?= ../shared/data

.PHONY: install demo test lint bench bench-gate clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else "newsweave needs Python 3.11 or newer: install python3.11 and run make again")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

demo: install
	@mkdir -p $(dir $(DEMO_DB))
	$(BIN)/newsweave run samples/ --db $(DEMO_DB)
	$(BIN)/newsweave articles --db $(DEMO_DB)
	$(BIN)/newsweave stories --db $(DEMO_DB)
	$(BIN)/newsweave entities --db $(DEMO_DB) --limit 15
	$(BIN)/newsweave export --db $(DEMO_DB) -o demo/newsweave-demo.json
	@echo "The full JSON export is in demo/newsweave-demo.json; the SQLite store is $(DEMO_DB)."

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

bench: install
	$(BIN)/python benchmarks/extraction.py --data $(DATA)/article-extraction-benchmark

# Fails when a benchmark score on development data drops below benchmarks/floors.json.
bench-gate: install
	$(BIN)/python benchmarks/gate.py --data $(DATA)

clean:
	rm -rf $(VENV) demo .mypy_cache .ruff_cache .pytest_cache
