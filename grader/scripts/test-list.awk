# grader/scripts/test-list.awk -- `make qemu` without TEST: the image's tests, graded or not.
#
# The harness answers `list` with one line per kernel test of the image,
#     KTEST TEST name=<name> nonce=<nonce>
# This script reads the assignment's scripts first (tests/*.yaml and
# hidden/*.yaml: the `test:` line names the kernel test a script grades),
# then the serial output on standard input, and prints each test with
# what it is: graded by a public or a hidden script, a benchmark (never
# graded), or not graded (your own test: `make assignment-N` runs it as
# a self-check). Other serial lines pass through unchanged.
# Usage: qemu ... | awk -f test-list.awk -v assignment=01-set \
#            tests/*.yaml hidden/*.yaml bench/*.swift -

# A benchmark source: its kernel tests are never graded.
FILENAME ~ /\.swift$/ && /^[ \t]*func test_[A-Za-z0-9_]+\(\)/ {
    name = $0
    sub(/^[ \t]*func test_/, "", name)
    sub(/\(.*/, "", name)
    benchmark[name] = 1
    next
}

# A script: remember which kernel test it grades, and where it lives.
FILENAME != "-" && /^test:[ \t]*/ {
    name = $0
    sub(/^test:[ \t]*/, "", name)
    gsub(/["' \t\r]/, "", name)
    graded[name] = (FILENAME ~ /\/hidden\//) ? "graded (hidden script)" : "graded (public script " FILENAME ")"
    next
}
FILENAME != "-" { next }

# The serial output.
/^KTEST TEST name=/ {
    name = $3
    sub(/^name=/, "", name)
    if (name in graded)         what = graded[name]
    else if (name in benchmark) what = "benchmark, never graded"
    else                        what = "not graded: your own test (a self-check in make assignment-N)"
    printf "  %-28s %s\n", name, what
    listed++
    next
}
{ print }

END {
    if (listed) printf "%d test(s) in this image; run one with: make qemu ASSIGNMENT=%s TEST=<name>\n", listed, assignment
}
