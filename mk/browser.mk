# The checker in the browser (issue 4): self-hosted Pyodide, browser tests, the in-Pyodide test run and
# the browser benchmark. Included by the Makefile; `site` depends on `pyodide-assets`.
#   make pyodide-assets   npm ci (pinned) + wheels (sha256-checked) staged into docs/assets/pyodide/
#   make test-pyodide     the rule-core tests inside Pyodide under Node, offline
#   make test-browser     Playwright against the built site with Debian's /usr/bin/chromium, and the Firefox
#                         set (tests/browser/test_firefox.py): Debian's firefox-esr through puppeteer-core
#   make bench-browser    cold/warm start, recalculation and bytes, medians

NPM_STAMP     := node_modules/.installed
BROWSER_STAMP := $(VENV)/.installed-browser
CHROMIUM      := /usr/bin/chromium
FIREFOX       := /usr/bin/firefox-esr
NGINX         := /usr/sbin/nginx
PYODIDE_STAGE := docs/assets/pyodide/pyodide-lock.json

.PHONY: pyodide-assets test-pyodide test-browser bench-browser browser-deps

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# pyodide-lock writes the site's lock file. --ignore-requires-python on purpose: pyodide-lock 0.2.1 declares
# Python 3.12+ but runs on this machine's 3.11 (requirements-lock.txt and docs/decisions/2026-12-05-pyodide-runtime-lock-file.md
# say why and when the flag can go).
LOCK_STAMP := $(VENV)/.installed-lock
$(LOCK_STAMP): requirements-lock.txt $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --ignore-requires-python -r requirements-lock.txt
	touch $@

# Re-staged whenever the pins, the npm package or the rule core change; the script copies only what
# differs, so `mkdocs serve` does not rebuild in a loop.
$(PYODIDE_STAGE): $(STAMP) $(LOCK_STAMP) $(NPM_STAMP) scripts/pyodide-pins.toml scripts/pyodide_assets.py scripts/pyodide_startup.mjs \
		docs/assets/javascripts/snapshot-pages.mjs docs/assets/javascripts/pyodide-snapshot.mjs pyproject.toml $(wildcard scripts/in_pyodide/*.py) \
		$(wildcard checker/*.py checker/rules/*.toml checker/data/*.json)
	$(BIN)/python scripts/pyodide_assets.py stage
	touch $@

pyodide-assets: $(PYODIDE_STAGE)

$(BROWSER_STAMP): requirements-browser.txt $(STAMP)
	test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	# The Firefox set drives Debian's firefox-esr (never a browser downloaded by a driver) over WebDriver BiDi.
	test -x $(FIREFOX) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr)
	# nginx serves the site under /kb/ with the strict CSP in tests/browser/test_deployment.py (issue 11);
	# without it (no root, no apt) that test falls back to a small Python server sending the same header.
	test -x $(NGINX) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light) || true
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-browser.txt
	touch $@

browser-deps: $(BROWSER_STAMP) $(NPM_STAMP)

test-pyodide: pyodide-assets
	$(BIN)/python scripts/pyodide_assets.py test-wheels > /dev/null
	node tests/pyodide/run.mjs

test-browser: site browser-deps
	$(BIN)/python scripts/pyodide_assets.py verify site
	$(BIN)/python -m pytest -p no:cacheprovider tests/browser

bench-browser: site browser-deps
	$(BIN)/python bench/browser.py
