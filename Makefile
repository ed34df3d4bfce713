# Two commands for a fresh machine: `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[neo4j,test]'
	touch $(STAMP)

## Build the graph of the bundled sample (examples/) into demo-out/ and print a summary.
demo: $(STAMP)
	$(VENV)/bin/citegraph build examples/*.txt -o demo-out

## Run the whole test suite (installs what the tests need first).
test: $(STAMP)
	bash scripts/test-deps.sh
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check citegraph graph loaders queries viz tests benchmarks scripts
	$(VENV)/bin/mypy citegraph graph loaders queries viz

bench: $(STAMP)
	bash scripts/test-deps.sh
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) demo-out .pytest_cache
