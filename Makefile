# The two commands of the README, and a few more for developers.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
SETUP_STAMP := $(BUILD_DIR)/.setup-done

.PHONY: run demo test build configure setup format tidy clean

# Builds only the executable, then serves the embedded default in the foreground.
run: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target sluice
	$(BUILD_DIR)/sluice serve

# Plays `sluice demo` against the server `make run` started (in another shell).
demo: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target sluice
	$(BUILD_DIR)/sluice demo --use-server --token "$$(cat .sluice/admin.token)"

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

configure: $(SETUP_STAMP)
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null

# scripts/setup is quick when everything is present; the stamp only saves the
# dpkg queries on repeated builds and is redone when the script changes.
$(SETUP_STAMP): scripts/setup
	scripts/setup
	@mkdir -p $(BUILD_DIR) && touch $@

setup:
	scripts/setup

format:
	find src tests bench -name '*.h' -o -name '*.cc' | xargs clang-format -i

tidy: build
	find src -name '*.cc' | xargs clang-tidy -p $(BUILD_DIR) --quiet

clean:
	rm -rf $(BUILD_DIR)
