# micrograd-viz — every entry point installs what is missing first.
#   make demo      build (release) and draw the lab's warm-up graph and MLP(3,[4,4,1]) as SVG here
#   make install   release build, man page, bash/zsh/fish completions under PREFIX (/usr/local; DESTDIR too)
#   make uninstall remove exactly the files make install put there
#   make test      build and run every test (what CI runs)
#   make docs      DocC for Micrograd and GraphRender, with the lab walk-through, in .build/docs
#   make fixtures  regenerate Fixtures/ from the lab's Python and the tool (deliberate only)
#   make deps      install the Debian packages (DEBIAN_PACKAGES below) if absent
#   make check-browser  check the --walkthrough page, its --quiz and the serve playground in headless Chromium
#                       (make test runs them; it also compiles the --format tikz figures with pdflatex)
#   make bench     speed and memory against the lab's Python, side by side (not part of test)
#   make fuzz      100,000 fuzz cases, 10,000 DOT files, the deep inputs at full size (not part of test)

SHELL := /bin/bash
SWIFT ?= swift
# chromium-driver and python3-selenium drive the browser checks; wrk loads the server in make bench;
# texlive and poppler compile and look at the --format tikz figures.
DEBIAN_PACKAGES := libgraphviz-dev graphviz pkgconf chromium chromium-driver python3-selenium wrk man-db bash-completion \
	texlive-latex-base texlive-pictures poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := .build/debug/micrograd-viz
RELEASE_BIN := .build/release/micrograd-viz
# Every release build (install, demo, bench): the Swift standard library linked in, so the binary runs
# without a Swift toolchain, and a start-up some 2 ms shorter (make bench's warm-up row): no exported
# symbol table (--no-export-dynamic: Swift's static link exports ~21,000 symbols that nothing here
# looks up, but every library Graphviz loads searches them) and a position-dependent executable
# (-no-pie: none of the ~71,000 relocations a PIE binary this size applies at each start; shared
# libraries, heap and stack are still placed at random).
RELEASE_FLAGS := -c release --static-swift-stdlib -Xlinker --no-export-dynamic -Xswiftc -Xclang-linker -Xswiftc -no-pie

# Where `make install` puts things: the conventional places under PREFIX, staged under DESTDIR.
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(DESTDIR)$(PREFIX)/bin
MANDIR = $(DESTDIR)$(PREFIX)/share/man/man1
BASH_COMPLETIONS = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSH_COMPLETIONS = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISH_COMPLETIONS = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
INSTALLED = $(BINDIR)/micrograd-viz $(MANDIR)/micrograd-viz.1 $(BASH_COMPLETIONS)/micrograd-viz \
	$(ZSH_COMPLETIONS)/_micrograd-viz $(FISH_COMPLETIONS)/micrograd-viz.fish
# ArgumentParser's generate-manual plugin writes the page here; dated by the last commit, so it is reproducible.
MAN_PAGE := .build/plugins/GenerateManual/outputs/micrograd-viz/micrograd-viz.1
MAN_DATE := $(shell git log -1 --format=%cs 2>/dev/null || date +%F)

.PHONY: deps build release man test demo fixtures clean check-browser check-install bench fuzz install uninstall docs notebook-deps

deps:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

# The tool as it is installed: optimised, the Swift runtime linked in (it needs only libc, libstdc++ and libgvc).
release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product micrograd-viz

# The man page, from the tool's own --help text. The plugin builds every product first: in debug,
# so that it shares `make build`'s work and leaves the static release binary alone. mdoc wants
# `.Pp` between paragraphs, not blank lines (man warns of each).
man: deps
	$(SWIFT) package plugin generate-manual --configuration debug --date $(MAN_DATE)
	sed -i 's/^$$/.Pp/' $(MAN_PAGE)

install: release man
	install -d $(BINDIR) $(MANDIR) $(BASH_COMPLETIONS) $(ZSH_COMPLETIONS) $(FISH_COMPLETIONS)
	install -m 755 -s $(RELEASE_BIN) $(BINDIR)/micrograd-viz
	install -m 644 $(MAN_PAGE) $(MANDIR)/micrograd-viz.1
	$(RELEASE_BIN) --generate-completion-script bash > $(BASH_COMPLETIONS)/micrograd-viz
	$(RELEASE_BIN) --generate-completion-script zsh > $(ZSH_COMPLETIONS)/_micrograd-viz
	$(RELEASE_BIN) --generate-completion-script fish > $(FISH_COMPLETIONS)/micrograd-viz.fish

uninstall:
	rm -f $(INSTALLED)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	Scripts/check_browser.sh $(BIN)
	Scripts/check_install.sh
	Scripts/check_playground.py $(BIN)
	Scripts/check_quiz.py $(BIN)
	Scripts/check_tikz.sh $(BIN)

check-browser: build
	Scripts/check_browser.sh $(BIN)
	Scripts/check_playground.py $(BIN)
	Scripts/check_quiz.py $(BIN)

# An installed release build, in a temporary PREFIX: no Swift runtime needed, completions, man page.
check-install: deps
	Scripts/check_install.sh

demo: release
	$(RELEASE_BIN) expr "e=a*b; d=e+c; L=d*f" a=2 b=-3 c=10 f=-2 --out warmup.svg
	$(RELEASE_BIN) mlp 3,4,4,1 --out mlp.svg
	@echo "Open $(CURDIR)/warmup.svg and $(CURDIR)/mlp.svg in a browser."

# The notebook's Python for Fixtures/reference/karpathy-demo.json and make bench (never at run time).
NOTEBOOK_PYPI := micrograd==0.1.0 scikit-learn numpy
notebook-deps:
	@python3 -c 'import micrograd, sklearn, numpy' 2>/dev/null || python3 -m pip install --quiet $(NOTEBOOK_PYPI) \
		|| python3 -m pip install --quiet --user --break-system-packages $(NOTEBOOK_PYPI)

fixtures: build notebook-deps
	python3 Scripts/make_fixtures.py
	python3 Scripts/make_karpathy_fixtures.py
	$(BIN) expr "e=a*b; d=e+c; L=d*f" a=2 b=-3 c=10 f=-2 > Fixtures/golden/warmup.dot
	$(BIN) expr "n = x1*w1 + x2*w2 + b; o = tanh(n)" x1=2 x2=0 w1=-3 w2=1 b=6.8813735870195432 > Fixtures/golden/neuron.dot
	$(BIN) mlp 3,4,4,1 --stage forward > Fixtures/golden/mlp-3-4-4-1-forward.dot

# Speed and memory against the lab's Python, measured in this run (not part of test): prints a
# table, writes bench-results.json and that table into README.md (Scripts/bench_readme.py); then the
# playground server under wrk (Scripts/bench_server.py).
# `make bench BENCH_SCRATCH=dir` builds into another scratch path.
bench: deps notebook-deps
	@python3 -c 'import graphviz' 2>/dev/null || python3 -m pip install --quiet graphviz \
		|| python3 -m pip install --quiet --user --break-system-packages graphviz
	$(SWIFT) build $(RELEASE_FLAGS) --scratch-path $(or $(BENCH_SCRATCH),.build)
	cc -O2 -o $(or $(BENCH_SCRATCH),.build)/tape Scripts/tape.c -lm
	@status=0; \
	python3 Scripts/bench.py --bin $(or $(BENCH_SCRATCH),.build)/release --tape $(or $(BENCH_SCRATCH),.build)/tape || status=1; \
	python3 Scripts/bench_readme.py || status=1; \
	python3 Scripts/bench_server.py --bin $(or $(BENCH_SCRATCH),.build)/release || status=1; \
	exit $$status

# Long robustness runs (not part of test): 100,000 fuzz cases (programs and labels through the parser,
# the builder, DOT and libgvc), 10,000 mutated DOT files through `render`, then the deep inputs at
# full size (10^6 statements, 60,000 layers). A failure prints its seed;
# MICROGRAD_VIZ_FUZZ_SEED=<seed> MICROGRAD_VIZ_FUZZ_CASES=1 (or MICROGRAD_VIZ_DOT_FUZZ_CASES=1) replays it.
fuzz: deps
	$(SWIFT) build --build-tests
	MICROGRAD_VIZ_FUZZ_CASES=$(or $(FUZZ_CASES),100000) MICROGRAD_VIZ_DOT_FUZZ_CASES=$(or $(DOT_FUZZ_CASES),10000) \
		$(SWIFT) test --skip-build --filter Fuzz
	MICROGRAD_VIZ_FULL=1 $(SWIFT) test --skip-build --filter DeepInput

# API documentation for Micrograd and GraphRender (swift-docc-plugin), with the lab walk-through
# article and its Snippets/; static HTML in .build/docs/<Module>/ (open index.html through a web
# server, or `swift package --disable-sandbox preview-documentation --target Micrograd`).
docs: deps
	mkdir -p .build/docs
	for target in Micrograd GraphRender; do \
		$(SWIFT) package --allow-writing-to-directory .build/docs generate-documentation --target $$target \
			--disable-indexing --transform-for-static-hosting --output-path .build/docs/$$target || exit 1; \
	done

clean:
	rm -rf .build
