# The two commands a newcomer needs (see README.md):
#   make repro   install, then rebuild data/ and reports/ from seeds/ with dvc repro
#   make test    install with the test tools, then run the test suite
export PATH := $(CURDIR)/.venv/bin:$(PATH)
export DVC_NO_ANALYTICS := 1
export DO_NOT_TRACK := 1

.PHONY: repro test bench setup setup-test
repro: setup
	python -m pipeline repro

test: setup-test
	python -m pytest

bench: setup-test
	python -m bench.run_all

setup:
	bash scripts/setup.sh

setup-test:
	bash scripts/setup.sh --test
