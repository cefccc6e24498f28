# The two commands a newcomer needs:  make run   and   make test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test lint bench clean

$(BIN)/eewatch: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

## Set up, then fetch the whole history of rounds into the default SQLite file.
run: $(BIN)/eewatch
	$(BIN)/scrape --once
	$(BIN)/eewatch rounds --limit 10

## Lint, the layers' contract, types, then the whole test suite on $(JOBS) workers
## (exit 5, "no tests collected", is a failure).
## --dist loadgroup spreads the tests over the workers; a module whose module fixture is costly
## (it runs many CLI children at once) is one xdist_group, so that fixture runs once.
## Two workers per core (at most 8): much of the suite waits on child processes, servers and
## daemons' schedules, so a core left idle by a waiting worker runs another's tests.
JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); n=$$((2 * n)); [ $$n -gt 8 ] && n=8; echo $$n)
test: $(BIN)/eewatch
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest -n $(JOBS) --dist loadgroup; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests: test discovery is broken" >&2; fi; \
	  exit $$rc

lint: $(BIN)/eewatch
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(BIN)/eewatch
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
