# micrograd-viz — every entry point installs what is missing first.
#   make demo      build and draw the lab's warm-up graph and MLP(3,[4,4,1]) as SVG here
#   make test      build and run every test (what CI runs)
#   make fixtures  regenerate Fixtures/ from the lab's Python and the tool (deliberate only)
#   make deps      install the Debian packages (DEBIAN_PACKAGES below) if absent
#   make check-browser  check the --walkthrough page and its --quiz in headless Chromium (make test runs it)
#   make test also compiles the --format tikz figures with pdflatex (Scripts/check_tikz.sh)
#   make bench     speed and memory against the lab's Python, side by side (not part of test)
#   make fuzz      100,000 fuzz cases and the deep inputs at full size (not part of test)

SHELL := /bin/bash
SWIFT ?= swift
DEBIAN_PACKAGES := libgraphviz-dev graphviz pkgconf chromium chromium-driver python3-selenium \
	texlive-latex-base texlive-pictures poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := .build/debug/micrograd-viz

.PHONY: deps build test demo fixtures clean check-browser bench fuzz

deps:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	Scripts/check_browser.sh $(BIN)
	Scripts/check_quiz.py $(BIN)
	Scripts/check_tikz.sh $(BIN)

check-browser: build
	Scripts/check_browser.sh $(BIN)
	Scripts/check_quiz.py $(BIN)

demo: build
	$(BIN) expr "e=a*b; d=e+c; L=d*f" a=2 b=-3 c=10 f=-2 --out warmup.svg
	$(BIN) mlp 3,4,4,1 --out mlp.svg
	@echo "Open $(CURDIR)/warmup.svg and $(CURDIR)/mlp.svg in a browser."

fixtures: build
	python3 Scripts/make_fixtures.py
	$(BIN) expr "e=a*b; d=e+c; L=d*f" a=2 b=-3 c=10 f=-2 > Fixtures/golden/warmup.dot
	$(BIN) expr "n = x1*w1 + x2*w2 + b; o = tanh(n)" x1=2 x2=0 w1=-3 w2=1 b=6.8813735870195432 > Fixtures/golden/neuron.dot
	$(BIN) mlp 3,4,4,1 --stage forward > Fixtures/golden/mlp-3-4-4-1-forward.dot

# Speed and memory against the lab's Python, measured in this run (not part of test): prints a
# table, writes bench-results.json. `make bench BENCH_SCRATCH=dir` builds into another scratch path.
bench: deps
	@python3 -c 'import graphviz' 2>/dev/null || python3 -m pip install --quiet graphviz \
		|| python3 -m pip install --quiet --user --break-system-packages graphviz
	$(SWIFT) build -c release --scratch-path $(or $(BENCH_SCRATCH),.build)
	python3 Scripts/bench.py --bin $(or $(BENCH_SCRATCH),.build)/release

# Long robustness runs (not part of test): 100,000 fuzz cases (programs and labels through the parser,
# the builder, DOT and libgvc), then the deep inputs at full size (10^6 statements, 60,000 layers).
# A failure prints its seed; MICROGRAD_VIZ_FUZZ_SEED=<seed> MICROGRAD_VIZ_FUZZ_CASES=1 replays it.
fuzz: deps
	$(SWIFT) build --build-tests
	MICROGRAD_VIZ_FUZZ_CASES=$(or $(FUZZ_CASES),100000) $(SWIFT) test --skip-build --filter Fuzz
	MICROGRAD_VIZ_FULL=1 $(SWIFT) test --skip-build --filter DeepInput

clean:
	rm -rf .build
