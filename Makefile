# Two commands set up a fresh machine: `make demo` (the main job) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SEED   := seeds/000_ff28ba0c9779c2b0.txt

.PHONY: install demo test lint typecheck unit record bench clean

# One environment for everything. constraints.txt pins the versions CI (CPython 3.11) was green
# with; on another Python, `make test CONSTRAINTS=` lets pip choose (3.10 was checked that way).
CONSTRAINTS ?= constraints.txt
$(STAMP): pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet $(if $(CONSTRAINTS),-c $(CONSTRAINTS)) -e '.[local,dev]'
	touch $(STAMP)

install: $(STAMP)

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

unit: $(STAMP)
	$(BIN)/pytest

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
