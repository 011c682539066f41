#!/usr/bin/env bash
# grader/scripts/bench-grader.sh -- grading time per submission, before and after.
#
#   bash grader/scripts/bench-grader.sh BASE [COPIES] [JOBS]
#
# Grades COPIES copies (default 8) of the reference on 01-set at --jobs
# JOBS (default 2), with no result cache, twice, in the same run on the same machine: with the
# kit and grader of commit BASE ("before", checked out in a scratch
# worktree) and with this tree ("after"). Each submission is a copy of
# that tree's own reference/. Prints, per side, the build seconds, the
# test seconds and the total per submission (averages), and the batch's
# wall clock. From each JSON report: a submission's test seconds are the
# sum of its tests' durations, its build seconds the rest of its duration
# (the same rule for both sides: BASE may predate buildSeconds). Figures
# only; nothing is asserted. Run from the kit's root (make bench-grader).
set -euo pipefail

base=${1:?usage: bench-grader.sh BASE [COPIES] [JOBS]}
copies=${2:-8}
jobs=${3:-2}
root=$(pwd)
out="$root/build/bench-grader"
assignment=01-set

# The graders' build folders stay between runs (a release build of the
# grader takes minutes); everything else is made afresh.
mkdir -p "$out"
rm -rf "$out/before" "$out"/*-subs "$out"/*-report "$out"/*.log
git worktree prune
git worktree add --detach --force "$out/before" "$base" >/dev/null

# side NAME KIT: build that kit's grader, grade the copies, keep the JSON.
side() {
    local name=$1 kit=$2
    echo "== $name: $(git -C "$kit" log -1 --format='%h %s' | cut -c1-70)"
    swift build -c release --package-path "$kit" --scratch-path "$out/$name-swift" --product grader \
        >"$out/$name-swift.log" 2>&1 || { tail -20 "$out/$name-swift.log"; exit 1; }
    mkdir -p "$out/$name-subs"
    for i in $(seq -w 1 "$copies"); do cp -R "$kit/reference" "$out/$name-subs/reference-$i"; done
    local start end
    start=$(date +%s.%N)
    "$out/$name-swift/release/grader" grade "$out/$name-subs" --assignment "$assignment" --kit "$kit" \
        --jobs "$jobs" --no-cache --out "$out/$name-report" --format json >"$out/$name-grade.log" 2>&1 || true
    end=$(date +%s.%N)
    echo "$name batch wall clock: $(python3 -c "print(round($end - $start, 1))") s for $copies submissions at --jobs $jobs"
}

side before "$out/before"
side after "$root"

python3 - "$out" <<'PY'
import json, sys, glob, os
out = sys.argv[1]
print(f"{'':8} {'build s':>9} {'test s':>9} {'total s':>9}   (per 01-set submission, mean of the batch)")
for name in ("before", "after"):
    files = glob.glob(os.path.join(out, f"{name}-report", "*.json"))
    if not files:
        print(f"{name:8} no JSON report (see {out}/{name}-grade.log)"); continue
    subs = json.load(open(files[0]))["submissions"]
    tests = [sum(t["duration"] for t in s["tests"]) for s in subs]
    totals = [s["duration"] for s in subs]
    builds = [d - t for d, t in zip(totals, tests)]
    mean = lambda xs: sum(xs) / len(xs)
    scores = sorted({s["score"] for s in subs})
    print(f"{name:8} {mean(builds):9.2f} {mean(tests):9.2f} {mean(totals):9.2f}   scores {scores}")
PY
git worktree remove --force "$out/before"
