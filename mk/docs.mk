# mk/docs.mk -- the book cannot drift from the code.
#
#   make docs-check   broken links, code references past the end of a file,
#                     and quoted excerpts that differ from their source
#   make docs-sync    rewrite every quoted excerpt from its source
#
# docs/contributing.md ("The book quotes the code") explains the markers.
# `swift test --filter Docs` runs the same checks as tests.

SWIFT_SCRATCH ?= .build
DOCS_TOOL     ?= swift run --scratch-path $(SWIFT_SCRATCH) grader docs

.PHONY: docs-check docs-sync

docs-check:
	$(DOCS_TOOL) check --root .

docs-sync:
	$(DOCS_TOOL) sync --root .
