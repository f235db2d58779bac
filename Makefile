# Two commands set up a fresh machine: `make demo` (the main job) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SEED   := seeds/000_ff28ba0c9779c2b0.txt

.PHONY: install browser demo test lint typecheck unit docs record bench clean

# One environment for everything. constraints.txt pins the versions CI (CPython 3.11) was green
# with; on another Python, `make test CONSTRAINTS=` lets pip choose (3.10 was checked that way).
CONSTRAINTS ?= constraints.txt
$(STAMP): pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet $(if $(CONSTRAINTS),-c $(CONSTRAINTS)) -e '.[local,dev]'
	touch $(STAMP)

install: $(STAMP)

## browser: Debian's Chromium, for the review page's browser test (installed when missing).
# `make test BROWSER_TESTS=no` skips that test, and the install, on a machine without apt.
CHROMIUM      ?= /usr/bin/chromium
BROWSER_TESTS ?= yes
SUDO          := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

browser: $(CHROMIUM)

## demo: download the default model (once, ~1.1 GB, verified) and extract the seed article.
demo: $(STAMP)
	$(BIN)/nigerwatch model pull
	$(BIN)/python examples/extract_seed.py $(SEED)

## test: lint, type-check, then every test tier offline (cassettes replay; network blocked).
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) $(if $(filter yes,$(BROWSER_TESTS)),$(CHROMIUM))
	$(BIN)/pytest $(if $(filter yes,$(BROWSER_TESTS)),,-m "not browser")

## docs: the API reference from the docstrings, in build/site (strict: any warning fails).
docs: $(STAMP)
	$(BIN)/mkdocs build --strict

## record: re-record the cassettes with the embedded model (slow: minutes per article).
record: $(STAMP)
	$(BIN)/nigerwatch model pull
	$(BIN)/pytest -m cassette --record-mode=rewrite

## bench: the library's own CPU time per article and import time, the batch benchmarks, consolidation.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_batch.py
	$(BIN)/python benchmarks/bench_consolidate.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
