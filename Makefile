# Two commands for a newcomer: `make run` (the main job on a local AWS) and `make test`.
# Everything else here is a step of those two, or a tool for maintainers.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
JOBS       ?= $(shell nproc)
FUZZ_SECONDS ?= 60

.PHONY: all bootstrap build asan run test unit fuzz bench format clean

all: build

bootstrap:
	@scripts/bootstrap

# Configure once; afterwards ninja re-runs cmake by itself when a CMakeLists.txt changes.
$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: bootstrap $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# The unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer, built with clang
# (so both compilers build the project with -Werror on every `make test`).
$(ASAN_BUILD)/build.ninja:
	CC=clang CXX=clang++ cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DVUEOPS_SANITIZE=ON -DVUEOPS_BENCH=OFF

asan: bootstrap $(ASAN_BUILD)/build.ninja
	cmake --build $(ASAN_BUILD) -j $(JOBS) --target vueops_tests

run: build
	scripts/run-example

test: build asan
	ctest --test-dir $(BUILD) -j $(JOBS) --output-on-failure
	ASAN_OPTIONS=detect_leaks=1 ctest --test-dir $(ASAN_BUILD) -L unit -j $(JOBS) --output-on-failure

$(FUZZ_BUILD)/build.ninja:
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DVUEOPS_FUZZ=ON -DVUEOPS_BENCH=OFF

# Runs every libFuzzer target for FUZZ_SECONDS each, starting from the checked-in corpus.
fuzz: bootstrap $(FUZZ_BUILD)/build.ninja
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target vueops_fuzzers
	scripts/run-fuzzers $(FUZZ_BUILD) $(FUZZ_SECONDS)

bench: build
	scripts/run-benchmarks $(BUILD)

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
