# Two commands do all the set-up on a fresh machine:
#   make run    builds the graph of the bundled sample documents into output/
#   make test   runs the whole test suite (installs Chromium and Virtuoso with apt when missing)
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT := DEBIAN_FRONTEND=noninteractive apt-get

.PHONY: run test install install-test system-deps bench clean

$(BIN)/kg: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

install: $(BIN)/kg

run: install
	$(BIN)/kg build examples/ -o output

system-deps:
	@command -v chromium >/dev/null || ($(APT) update -q && $(APT) install -y -q chromium)
	@command -v virtuoso-t >/dev/null || ($(APT) update -q && $(APT) install -y -q virtuoso-opensource-7)

install-test: install system-deps
	$(BIN)/pip install -q -e '.[test]'

test: install-test
	$(BIN)/pytest -q -p no:cacheprovider

bench: install
	$(BIN)/kg bench

clean:
	rm -rf output/* build *.egg-info
	touch output/.gitkeep
