# mk/setup.mk -- preparing a fresh machine.

.PHONY: setup

# Installs the Debian packages the kit needs (sudo when not root).
setup:
	bash grader/scripts/install-deps.sh
