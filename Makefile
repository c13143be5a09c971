# Parallax: `make run` starts the app, `make test` runs every test.
# Both first install whatever the machine lacks (Debian/Ubuntu packages via
# apt-get, Go modules via the module proxy).

SHELL        := /bin/bash
GO           ?= go
SUDO         := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
# X11/GL headers for Fyne's cgo build, Xvfb, ImageMagick and xdotool for
# the smoke test, xmllint for the REFI-QDA schema checks.
APT_PACKAGES := gcc libc6-dev pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev \
                xvfb xauth imagemagick xdotool libxml2-utils
export PARALLAX_DATA ?= $(abspath ../shared/data)
# Fyne warns about the POSIX "C" locale; give tests a real one.
export LANG ?= C.UTF-8

.PHONY: all deps build run test vet cli-check unit fuzz-smoke fuzz crash smoke bench bench-1m package clean

all: build

deps:
	@command -v $(GO) >/dev/null || { echo "Go is missing: install Go 1.21 or newer (https://go.dev/dl); it fetches the toolchain go.mod asks for"; exit 1; }
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing system packages:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@$(GO) mod download

build: deps
	$(GO) build -o bin/parallax ./cmd/parallax
	CGO_ENABLED=0 $(GO) build -o bin/parallax-cli ./cmd/parallax-cli

# The app on your store (the user data directory, or --store/PARALLAX_STORE);
# an empty store gets the built-in demo collection.
run: build
	./bin/parallax $(ARGS)

test: deps vet cli-check unit fuzz-smoke smoke

vet:
	$(GO) vet ./...
	CGO_ENABLED=0 $(GO) vet -tags ci ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:" $$unformatted; exit 1; fi

# The CLI must stay headless: no Fyne in its imports, and no cgo.
cli-check:
	@if $(GO) list -deps ./cmd/parallax-cli | grep -q '^fyne.io/'; then echo "cmd/parallax-cli imports Fyne"; exit 1; fi
	CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/parallax-cli

# Every package under the race detector; the ci tag gives Fyne its software
# test driver so UI tests need no display.
unit:
	$(GO) test -race -tags ci -timeout 20m ./...

# Every importer's fuzz target: a few thousand inputs each in make test,
# longer with make fuzz (FUZZTIME=1h make fuzz for an hour each). The
# smoke counts inputs rather than seconds: with a duration, Go before
# 1.27 can fail a target with a bare "context deadline exceeded" as the
# time runs out (a race in its fuzzing coordinator, golang/go#75804).
FUZZ_TARGETS = ./app/extract:FuzzParseText ./app/extract:FuzzParseMarkdown ./app/extract:FuzzParseHTML \
	./app/extract:FuzzParseFeed ./app/exchange:FuzzImportW3C ./app/exchange:FuzzImportQDPX
FUZZTIME ?= 10m
fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZTIME=5000x
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; echo "fuzz $$name ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	done

# SIGKILL the real CLI at random moments of imports, annotation imports,
# tag renames, backups and restores, and check the store after each. The
# unit tests run five trials; make crash runs CRASH_TRIALS.
CRASH_TRIALS ?= 200
crash:
	CRASH_TRIALS=$(CRASH_TRIALS) $(GO) test -run '^TestCrashHarness$$' -count 1 -timeout 20m ./cmd/parallax-cli

# The real GL binary under Xvfb on the demo collection: it must draw a
# window and exit cleanly.
smoke:
	$(GO) build -o bin/parallax ./cmd/parallax
	bash .ci/smoke bin/parallax

# Go benchmarks (import, quick-open, alignment, similar articles, the
# reader widget), the desktop app's frame rate under Xvfb, then the search
# comparison (a separate module, so SQLite and Bleve never enter the
# app's dependencies).
bench: deps
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 3x ./app/ ./cmd/parallax-cli/
	$(GO) test -run '^$$' -bench Keystrokes -benchtime 2x ./app/quickopen/
	$(GO) test -run '^$$' -bench . ./app/compare/
	CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -bench . -benchtime 50x ./ui/reader/
	$(GO) build -o bin/parallax ./cmd/parallax
	bash .ci/framerate bin/parallax
	cd bench && $(GO) run -tags sqlite_fts5 . -data $(PARALLAX_DATA)

# The search comparison at a million generated articles, Parallax against
# SQLite FTS5, once each (Bleve is left out at that size): about 20
# minutes and 6 GB of memory per engine, since each holds the corpus.
bench-1m: deps
	cd bench && $(GO) run -tags sqlite_fts5 . -data $(PARALLAX_DATA) -corpus 1m -engines parallax,fts5 -rounds 1

# An installable Linux package (dist/Parallax.tar.xz: binary, .desktop
# entry, icon and an install Makefile) made by Fyne's packaging tool from
# FyneApp.toml, the one source of the app's ID, name, version and icon.
FYNE_TOOLS_VERSION = v1.7.4
# The tool bumps Build in the FyneApp.toml it reads, so it reads a copy.
package: build
	GOBIN=$(abspath bin/tools) $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS_VERSION)
	rm -rf bin/package && mkdir -p bin/package/assets dist
	cp FyneApp.toml bin/package/ && cp assets/icon.png bin/package/assets/
	cd bin/package && $(abspath bin/tools/fyne) package --os linux --executable $(abspath bin/parallax) --release
	mv bin/package/Parallax.tar.xz dist/
	@echo "dist/Parallax.tar.xz: unpack it, then 'make user-install' (or 'sudo make install') inside"

clean:
	rm -rf bin dist
