# The two commands: `make run` and `make test`. Everything else is a step of theirs or a tool.
JOBS ?= $(shell nproc)
PORT ?= 8080
DATABASE ?= sqlite:./data/rapport.db
# `make run` fills an empty database with the demo CRM first; DEMO=0 starts with an empty one.
DEMO ?= 1

.PHONY: run test bench fuzz release debug asan clean

run: release
ifneq ($(DEMO),0)
	./build/release/rapport demo --if-empty --database $(DATABASE) --log-level warn
endif
	./build/release/rapport serve --host 127.0.0.1 --port $(PORT) --database $(DATABASE)

test:
	scripts/deps.sh test
	scripts/test.sh

bench:
	scripts/deps.sh test
	$(MAKE) release
	bench/run.sh

fuzz:
	scripts/deps.sh fuzz
	scripts/fuzz.sh

release:
	scripts/deps.sh build
	scripts/web.sh build
	cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build build/release -j $(JOBS)

debug:
	scripts/deps.sh build
	cmake -S . -B build/debug -G Ninja -DCMAKE_BUILD_TYPE=Debug
	cmake --build build/debug -j $(JOBS)

asan:
	scripts/deps.sh build
	cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRAPPORT_SANITIZE=ON
	cmake --build build/asan -j $(JOBS)

clean:
	rm -rf build
