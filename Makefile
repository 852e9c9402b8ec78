# Two commands: `make site` builds the site, `make test` runs every test.
# Each creates .venv on first use; nothing else needs installing by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PREVIEW_STAMP := $(VENV)/.installed-preview
SPHINXOPTS ?=
PREVIEW_HOST ?= 127.0.0.1
PREVIEW_PORT ?= 8000

.PHONY: site test test-contributed lint check schema preview bench clean help

help:
	@echo "make site     build the site into docs/_build/html (strict: -W -n)"
	@echo "make test     run the whole test suite (with ruff and mypy)"
	@echo "make test-contributed  the tests again, on a copy with 100 generated debates added"
	@echo "make check    check the transcripts in sources/"
	@echo "make preview  serve the site on http://$(PREVIEW_HOST):$(PREVIEW_PORT), rebuilt on every save"
	@echo "make bench    run the benchmarks in bench/ (about an hour; figures in bench/README.md)"
	@echo "make screenshots  pictures of the pages in test-artifacts/screenshots (needs chromium)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# The preview server (sphinx-autobuild) comes with the 'preview' extra.
$(PREVIEW_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,preview]'
	@touch $@ $(STAMP)

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

# Live preview for contributors: serves the site and rebuilds it whenever a file in docs/,
# sources/ or ext/ is saved (each rebuild is a fresh sphinx-build, so extension changes count
# too). Not strict: a transcript with errors has them printed here, and the extension leaves
# the last good pages in place until it is fixed. The generated pages (docs/debates) are not
# watched: the build writes them itself.
preview: $(PREVIEW_STAMP)
	$(BIN)/sphinx-autobuild --host $(PREVIEW_HOST) --port $(PREVIEW_PORT) \
		--watch sources --watch ext --ignore docs/debates \
		--re-ignore '/__pycache__/|\.egg-info/|\.sw[px]$$|~$$|/\.#' \
		-n -b html -d docs/_build/preview-doctrees $(SPHINXOPTS) docs docs/_build/preview

check: $(STAMP)
	$(BIN)/rejoinder check sources

test: $(STAMP) lint
	$(BIN)/python -m pytest

# No test may depend on what sources/ holds: the whole suite again, on a temporary copy of the
# working tree with generated debates added to its sources/ (tests/with_added_debates.py).
ADDED_DEBATES ?= 100
test-contributed: $(STAMP)
	$(BIN)/python tests/with_added_debates.py --debates $(ADDED_DEBATES)

lint: $(STAMP)
	$(BIN)/ruff check ext tests bench
	$(BIN)/ruff format --check ext tests bench
	$(BIN)/mypy

schema: $(STAMP)
	$(BIN)/rejoinder schema > docs/_static/transcript.schema.json

# The benchmarks of bench/ (see bench/README.md): about an hour on 2 cores with the default
# sizes; `make bench BENCH_SIZES="20 100"` for a quick run. sphinx-needs, which the build is
# compared with, gets a virtual environment of its own (.venv-needs), so that the project's
# own environment never depends on it.
BENCH_SIZES ?= 100 500 2000
NEEDS_VENV := .venv-needs
SPHINX_NEEDS ?= sphinx-needs==9.1.0
$(NEEDS_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(NEEDS_VENV)
	$(NEEDS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(NEEDS_VENV)/bin/python -m pip install --quiet -e . '$(SPHINX_NEEDS)'
	@touch $@

bench: $(STAMP) $(NEEDS_VENV)/.installed
	$(BIN)/python bench/check_speed.py --transcripts 2000
	$(BIN)/python bench/hostile_check.py
	$(BIN)/python bench/import_speed.py
	$(BIN)/python bench/build_speed.py --sizes $(BENCH_SIZES) --json bench/_work/results.json \
		--needs-python $(NEEDS_VENV)/bin/python

# Pictures of each kind of page (phone and desktop, light and dark) for a person to look at;
# Chromium (/usr/bin/chromium) draws them. Not a test: the browser tests check the pages.
screenshots: $(STAMP)
	cd tests/browser && ../../$(BIN)/python screenshots.py

clean:
	rm -rf docs/_build docs/debates
