# Every target creates .venv on first use, so a fresh clone needs only Python 3.11+.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: demo test bench bench-real lint clean train-ner

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

## demo: set up, run the nightly flow once on the bundled sample, print the summary
demo: $(STAMP)
	$(BIN)/newsledger run --dumps sample --warehouse demo-warehouse
	@echo
	@echo "Try: $(BIN)/newsledger query \"select * from quote_spread limit 5\" --warehouse demo-warehouse"

## test: set up and run the test suite
test: $(STAMP)
	$(BIN)/python -m pytest

## bench: synthetic dumps, then real-text dumps (../shared/dev), through the real flow; N articles each (default 2000)
N ?= 2000
bench: $(STAMP)
	$(BIN)/python -m benchmarks.flow_bench --n $(N) --corpus synthetic
	$(BIN)/python -m benchmarks.flow_bench --n $(N) --corpus real

## bench-real: real-text dumps only, N articles (default 10000), then nights over them (1% night)
bench-real: $(STAMP)
	$(BIN)/python -m benchmarks.flow_bench --n $(if $(filter command line,$(origin N)),$(N),10000) --corpus real
	$(BIN)/python -m benchmarks.night_bench --n $(if $(filter command line,$(origin N)),$(N),10000) --corpus real

## train-ner: retrain the entity tagger shipped in transforms/extract/entities/model/ (needs ../shared/dev)
train-ner: $(STAMP)
	$(BIN)/python scripts/train_ner.py

lint: $(STAMP)
	$(BIN)/ruff check flows transforms warehouse tests

clean:
	rm -rf demo-warehouse bench-data bench-nights .pytest_cache
