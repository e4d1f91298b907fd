# Every target does its own set-up first (see scripts/dev.sh).
.PHONY: serve build zensical test check bench lint setup
serve: ; @scripts/dev.sh serve
build: ; @scripts/dev.sh build
zensical: ; @scripts/dev.sh zensical
test:  ; @scripts/dev.sh test
check: ; @scripts/dev.sh check
bench: ; @scripts/dev.sh bench
lint:  ; @scripts/dev.sh lint
setup: ; @scripts/dev.sh setup
