# Two commands do all the set-up on a fresh machine: `make serve` and `make test`.
# Every install is pinned and guarded by a stamp file, so a second run installs nothing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site test bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -c "import os, site; open(os.path.join(site.getsitepackages()[0], 'handbook.pth'), 'w').write(os.getcwd())"
	touch $@

site: $(STAMP)
	$(BIN)/python scripts/make_bank_holidays.py
	$(BIN)/mkdocs build --strict

serve: site
	@echo "Serving the handbook at http://$(HOST)/"
	$(BIN)/mkdocs serve --strict --dev-addr $(HOST)

test: site
	$(BIN)/python -m pytest

bench: site
	$(BIN)/python bench/core.py

clean:
	rm -rf site $(VENV)
