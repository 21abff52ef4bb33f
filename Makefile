# A thin layer over CMake. `make test` and `make demo` work from a clean clone on Debian 12.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBATES_WERROR=ON

.PHONY: all deps build test test-unit demo bench bench-deps bench-data fuzz format lint clean

all: build

deps:
	scripts/install-deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# Every test: units, integration (the real binary on real files), golden files.
test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) --timeout 1200

test-unit: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) -L unit

# The model case end to end on the built-in example.
demo: build
	scripts/demo.sh $(BUILD)

bench-deps:
	scripts/install-deps.sh --bench

bench-data: bench-deps
	tools/bench-data.sh

bench: build bench-data
	bench/run.sh $(BUILD)

fuzz: deps
	scripts/fuzz.sh

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD) demo-out

# clang-tidy over the sources, warnings as errors (needs a configured build for compile_commands).
lint: $(BUILD)/build.ninja
	run-clang-tidy -quiet -p $(BUILD) 'src/.*\.cc$$'
