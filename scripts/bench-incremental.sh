#!/bin/sh
# bench-incremental.sh [SITE] — a full build, then one period file changed
# and incremental builds, timed, and checked against a clean build.
#
# Copies the kaoping site SITE (default: a province-size site written by
# cmd/gensite) into a temporary folder, builds it from clean, then ROUNDS
# times (default 3) adds 1 to one number of the last period's data (the
# first data row of its first file) and builds again into the same output
# (incremental: unchanged pages are kept from the build before). Then it
# builds the changed site from clean into another folder and requires the
# last incremental output to be byte-identical to it. Prints wall time,
# CPU time (user + sys), peak RSS and kaoping's summary line of each
# build, and the ratio incremental ÷ full: the median incremental build
# against the mean of the two full builds (the first and the clean one
# both build everything). Each build starts after a sync. Wall times on a
# shared virtual machine vary by a tenth from one run to the next; the
# rounds and the two full builds keep one slow run from deciding the
# ratio.
#
# ARGS adds options to every build (ARGS=--no-bundles: the pages alone).
# Needs go and GNU time (apt-get install -y time). KEEP=1 keeps the
# temporary folder.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kaoping-bench-inc.XXXXXX")
if [ "${KEEP:-}" != 1 ]; then trap 'rm -rf "$tmp"' EXIT; fi
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found: apt-get install -y time" >&2; exit 1; }

(cd "$root" && go build -o "$tmp/kaoping" . && go build -o "$tmp/gensite" ./cmd/gensite)
site=$tmp/site
if [ -n "${1:-}" ]; then
	cp -R "$1" "$site"
	rm -rf "$site/.kaoping" "$site/public"
else
	"$tmp/gensite" -out "$site" >/dev/null
fi

# run LABEL OUT: one timed build; prints a line and leaves wall/cpu in $tmp/LABEL.w.
# sync first: each build starts with what the one before wrote on disk, not
# still being written out by the kernel beside it (a full build leaves 4 GB).
run() {
	sync
	(cd "$site" && /usr/bin/time -v -o "$tmp/$1.time" "$tmp/kaoping" build --out "$2" ${ARGS:-} >"$tmp/$1.log" 2>&1) ||
		{ cat "$tmp/$1.log" >&2; exit 1; }
	awk -v label="$1" '
		/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
		/User time/ { user = $NF }
		/System time/ { sys = $NF }
		/Maximum resident set size/ { rss = $NF }
		END {
			printf "%-11s wall %7.1f s  cpu %7.1f s (user %.1f + sys %.1f)  peak RSS %5.0f MB\n", label, wall, user + sys, user, sys, rss / 1024
			printf "%s %s\n", wall, user + sys > "/dev/stderr"
		}' "$tmp/$1.time" 2>"$tmp/$1.w"
	echo "            $(tail -1 "$tmp/$1.log")"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
run full "$tmp/out"

# Change one number of the last period, once per round.
last=$site/data/periods/$(ls "$site/data/periods" | sort | tail -1)
if [ -d "$last" ]; then last=$last/$(ls "$last" | sort | head -1); fi
echo "changed:    ${last#$site/} (first data row, first number + 1, each round)"
rounds=${ROUNDS:-3}
i=1
while [ "$i" -le "$rounds" ]; do
	awk -F, -v OFS=, 'NR == 2 { for (i = 2; i <= NF; i++) if ($i ~ /^[0-9]+$/) { $i = $i + 1; break } } { print }' "$last" >"$tmp/changed"
	cp "$tmp/changed" "$last"
	run "incr$i" "$tmp/out"
	i=$((i + 1))
done
run clean "$tmp/clean"
if diff -r -q "$tmp/out" "$tmp/clean" >/dev/null; then
	echo "check:      the incremental output is byte-identical to a clean build of the changed site"
else
	echo "check:      FAILED: the incremental output differs from a clean build:" >&2
	diff -r -q "$tmp/out" "$tmp/clean" | head >&2
	exit 1
fi
cat "$tmp"/incr*.w | sort -n | awk -v n="$rounds" '{ w[NR] = $1 } END { print w[int((n + 1) / 2)] }' >"$tmp/iw"
cat "$tmp"/incr*.w | sort -n -k2 | awk -v n="$rounds" '{ c[NR] = $2 } END { print c[int((n + 1) / 2)] }' >"$tmp/ic"
cat "$tmp/full.w" "$tmp/clean.w" | awk '{ w += $1; c += $2 } END { print w / NR, c / NR }' >"$tmp/fwc"
read -r iw <"$tmp/iw"
read -r ic <"$tmp/ic"
read -r fw fc <"$tmp/fwc"
awk -v fw="$fw" -v fc="$fc" -v iw="$iw" -v ic="$ic" 'BEGIN {
	printf "full:       mean of the two full builds: wall %.1f s, cpu %.1f s\n", fw, fc
	printf "incr.:      median of the incremental builds: wall %.1f s, cpu %.1f s\n", iw, ic
	printf "ratio (incremental ÷ full): wall %.1f %%, cpu %.1f %%\n", 100 * iw / fw, 100 * ic / fc
}'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
