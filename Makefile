# dipkg — two commands do all the set-up: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint clean install system-deps

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,turbo]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/kg build seeds --out out
	@echo "next: $(BIN)/kg --help  (kg is in $(BIN); 'source $(BIN)/activate' puts it on your PATH; README: First steps)"

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m kg.bench

lint: $(STAMP)
	$(BIN)/ruff check kg tests

clean:
	rm -rf $(VENV) out build *.egg-info

# Debian packages the browser and Virtuoso tests need (CI runs as root; tests skip without them locally,
# and fail under CI=true).
system-deps:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  need=""; \
	  command -v chromium >/dev/null || need="$$need chromium chromium-driver"; \
	  command -v virtuoso-t >/dev/null || need="$$need virtuoso-opensource"; \
	  if [ -n "$$need" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need; fi; \
	else echo "system-deps: not root or no apt-get; install chromium and virtuoso-opensource yourself"; fi
