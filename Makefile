# Two commands do all the set-up on a fresh machine: `make serve` and `make test`.
# Every install is pinned and guarded by a stamp file, so a second run installs nothing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000
# The site generator: mkdocs (MkDocs + Material, the default) or zensical. Both read mkdocs.yml.
GENERATOR ?= mkdocs
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site test bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -c "import os, site; open(os.path.join(site.getsitepackages()[0], 'handbook.pth'), 'w').write(os.getcwd())"
	touch $@

# The rule files, validated by the pydantic models, compiled into the one rulebook the core answers from.
RULEBOOK := checker/data/rulebook.json
$(RULEBOOK): $(STAMP) $(wildcard checker/rules/*.toml) checker/models.py checker/compile.py checker/citations.py
	$(BIN)/python -m checker.compile
	touch $@

# docs/ → build/docs/ (everything the handbook generates, python -m sitegen) → the generator → site/, finished
# (paragraph search, marks, table labels; a marker left anywhere stops the build). See sitegen/__init__.py.
site: $(STAMP) $(RULEBOOK) pyodide-assets
	$(BIN)/python scripts/make_bank_holidays.py
	$(BIN)/python -m sitegen build --generator $(GENERATOR)
	$(BIN)/python scripts/service_worker.py site  # offline use: site/sw.js (issue 21)

# The built site, served as it will be published (run `make site` again after an edit).
serve: site
	@echo "Serving the handbook at http://$(HOST)/"
	$(BIN)/python -m http.server --bind $(firstword $(subst :, ,$(HOST))) --directory site $(lastword $(subst :, ,$(HOST)))

# Every test: the rule core inside Pyodide under Node, then pytest over tests/ (rule core, pages,
# health, and the browser tests in Debian's Chromium).
test: site browser-deps
	$(BIN)/python scripts/pyodide_assets.py verify site
	$(BIN)/python scripts/pyodide_assets.py test-wheels > /dev/null
	node tests/pyodide/run.mjs
	$(BIN)/python -m pytest

bench: site browser-deps
	$(BIN)/python bench/core.py
	$(BIN)/python bench/browser.py
	$(BIN)/python bench/team.py
	$(BIN)/python bench/scale.py

clean:
	rm -rf site $(VENV)

include mk/browser.mk
