# mk/setup.mk -- preparing a fresh machine.
#
#   make setup    the system packages the kit needs (qemu,
#                 libxml2, ...); works the same in the teacher's tree and
#                 in a student kit (grader/scripts/ ships in both)

.PHONY: setup

# Installs the Debian packages the kit needs (sudo when not root).
setup:
	bash grader/scripts/install-deps.sh
