# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.framecmp-installed

.PHONY: demo test lint typecheck clean notebooks

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m framecmp demo -o demo-output

# The notebooks are plain .py files (Jupytext "percent" format, easy to diff); this installs
# JupyterLab and Jupytext, which opens each .py as a notebook, and starts JupyterLab on them.
notebooks: $(STAMP)
	$(PY) -m pip install --quiet -e ".[jupyter]"
	$(VENV)/bin/jupyter lab notebooks

lint: $(STAMP)
	$(PY) -m ruff check src tests benchmarks

typecheck: $(STAMP)
	$(PY) -m mypy src

test: $(STAMP) lint typecheck
	$(PY) -m pytest -n 2 -q

clean:
	rm -rf $(VENV) demo-output dist build .pytest_cache .mypy_cache .ruff_cache
