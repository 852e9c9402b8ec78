# Two commands: `make site` builds the site, `make test` runs every test.
# Each creates .venv on first use; nothing else needs installing by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPHINXOPTS ?=

.PHONY: site test lint check schema bench clean help

help:
	@echo "make site   build the site into docs/_build/html (strict: -W -n)"
	@echo "make test   run the whole test suite (with ruff and mypy)"
	@echo "make check  check the transcripts in sources/"
	@echo "make bench  run the benchmarks in bench/"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# The site is built into a copy of the last good one and swapped in only when the build passes,
# so a failed build never leaves a half-written site behind.
site: $(STAMP)
	$(BIN)/rejoinder check sources
	rm -rf docs/_build/html.next
	if [ -d docs/_build/html ]; then cp -a docs/_build/html docs/_build/html.next; fi
	$(BIN)/sphinx-build -W -n --keep-going -b html -d docs/_build/doctrees $(SPHINXOPTS) \
		docs docs/_build/html.next
	rm -rf docs/_build/html.prev
	if [ -d docs/_build/html ]; then mv docs/_build/html docs/_build/html.prev; fi
	mv docs/_build/html.next docs/_build/html
	rm -rf docs/_build/html.prev

check: $(STAMP)
	$(BIN)/rejoinder check sources

test: $(STAMP) lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check ext tests bench
	$(BIN)/mypy

schema: $(STAMP)
	$(BIN)/rejoinder schema > docs/_static/transcript.schema.json

bench: $(STAMP)
	$(BIN)/python bench/check_speed.py

clean:
	rm -rf docs/_build docs/debates
