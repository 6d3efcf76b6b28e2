# Two commands do all the set-up on a fresh machine: `make serve` and `make test`.
# Every install is pinned and guarded by a stamp file, so a second run installs nothing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000

.PHONY: serve site test bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

site: $(STAMP)
	$(BIN)/mkdocs build --strict

serve: site
	@echo "Serving the handbook at http://$(HOST)/"
	$(BIN)/mkdocs serve --strict --dev-addr $(HOST)

test: site
	$(BIN)/python -m pytest

bench: site
	$(BIN)/python bench/run.py

clean:
	rm -rf site $(VENV)
