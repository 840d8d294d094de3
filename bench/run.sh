#!/usr/bin/env bash
# bench/run.sh - what observing costs: the clone rate of clone_bench alone
# (baseline) and under `clonecheck -c` (traced), interleaved, REPS times per
# kind; prints the median rates and the traced/baseline ratio.  Ratios from
# the same run only; no absolute figure is asserted anywhere.
# Usage: bench/run.sh OUTPUT_DIR [REPS]
set -euo pipefail
out=${1:?output dir}
reps=${2:-5}
bench=$out/clone_bench
cc=$out/clonecheck
declare -A count=([fork]=2000 [vfork]=20000 [thread]=20000)

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

printf '%-7s %12s %12s %8s %9s\n' kind base/s traced/s ratio verdicts
for kind in fork vfork thread; do
	n=${count[$kind]}
	: > "$out/bench-$kind.base"; : > "$out/bench-$kind.traced"
	for ((i = 0; i < reps; i++)); do
		"$bench" "$kind" "$n" | awk '{print $4}' >> "$out/bench-$kind.base"
		"$cc" --backend=tracepoint -c "$bench $kind $n > $out/bench-$kind.one" \
			> "$out/bench-$kind.report" || {
			echo "bench: clonecheck reported a problem under $kind:" >&2
			tail -5 "$out/bench-$kind.report" >&2
			exit 1
		}
		awk '{print $4}' "$out/bench-$kind.one" >> "$out/bench-$kind.traced"
	done
	b=$(median < "$out/bench-$kind.base")
	t=$(median < "$out/bench-$kind.traced")
	v=$(awk '/^clones/ {sub(":", "", $2); print $2}' "$out/bench-$kind.report")
	printf '%-7s %12.0f %12.0f %8.3f %9s\n' "$kind" "$b" "$t" "$(echo "$t / $b" | bc -l)" "$v"
done
