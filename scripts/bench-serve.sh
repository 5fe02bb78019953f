#!/bin/sh
# bench-serve.sh [SITE] — how fast `kaoping serve` follows a change.
#
# Starts `kaoping serve` on SITE (default: a province-size site written by
# cmd/gensite into a temporary folder), waits for its first load, then
# ROUNDS times (default 3): changes one number of the last quarter's data,
# and measures
#   - reload: from saving the file to the "reload" event pages listen to
#     (the 200 ms quiet time after a change included), and
#   - each page of a list (home, a ranking, a score sheet, a profile, an
#     indicator, a comparison, a prosecutors' group ranking and that
#     group's comparison, the largest kind of page), fetched once right
#     after the reload: the time to the last byte (curl's time_total).
# It prints each round and the medians. serve writes nothing, so nothing
# is cleaned between rounds. Needs go and curl. KEEP=1 keeps the folder.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kaoping-bench-serve.XXXXXX")
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	[ -n "${events:-}" ] && kill "$events" 2>/dev/null
	if [ "${KEEP:-}" != 1 ]; then rm -rf "$tmp"; fi
}
trap cleanup EXIT
command -v curl >/dev/null || { echo "curl not found" >&2; exit 1; }

(cd "$root" && go build -o "$tmp/kaoping" . && go build -o "$tmp/gensite" ./cmd/gensite)
site=$tmp/site
if [ -n "${1:-}" ]; then
	cp -R "$1" "$site"
else
	"$tmp/gensite" -out "$site" >/dev/null
fi
port=${PORT:-18431}
base=http://127.0.0.1:$port

(cd "$site" && exec "$tmp/kaoping" serve --addr "127.0.0.1:$port" --quiet >"$tmp/serve.log" 2>&1) &
pid=$!
start=$(date +%s.%N)
until curl -sf "$base/__kaoping/status" 2>/dev/null | grep -q '"builds":[1-9]'; do
	kill -0 "$pid" 2>/dev/null || { cat "$tmp/serve.log" >&2; exit 1; }
	sleep 0.05
done
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "first load: $(echo "$(date +%s.%N) - $start" | bc) s"

# The pages: found in the site's own lists, so that the script follows the data.
last=$(ls "$site/data/periods" | sed 's/\.csv$//' | sort | tail -1)
entity=$(awk -F, 'NR > 1 && $3 == "procuratorate" { print $1; exit }' "$site/data/entities.csv")
prosecutor=$(awk -F, 'NR > 1 && $3 == "prosecutor" { print $1; exit }' "$site/data/entities.csv")
indicator=$(curl -sf "$base/indicators.html" | grep -o 'schemes/basic/indicators/[a-z_]*\.html' | head -1)
group=$(curl -sf "$base/schemes/prosecutor/$last.html" | grep -o "$last/_[^\"]*\.html" | head -1)
pages="index.html schemes/basic/$last.html schemes/basic/$last/$entity.html schemes/prosecutor/$last/$prosecutor.html
entities/$entity.html $indicator compare/basic/$last.html schemes/prosecutor/$group compare/prosecutor/$group"

file=$(ls -d "$site/data/periods/$last"* | head -1)
[ -d "$file" ] && file=$(ls "$file"/*.csv | head -1)

rounds=${ROUNDS:-3}
i=0
: >"$tmp/results"
while [ "$i" -lt "$rounds" ]; do
	i=$((i + 1))
	curl -sN "$base/__kaoping/events" >"$tmp/events.$i" 2>/dev/null &
	events=$!
	until grep -q '^event: hello' "$tmp/events.$i" 2>/dev/null; do sleep 0.02; done
	# One number of the last quarter changes: the first data cell of line 2.
	t0=$(date +%s.%N)
	awk -F, -v OFS=, -v r="$i" 'NR == 2 { $2 = $2 + r } { print }' "$file" >"$file.new" && mv "$file.new" "$file"
	until grep -q '^event: reload' "$tmp/events.$i"; do sleep 0.005; done
	t1=$(date +%s.%N)
	kill "$events" 2>/dev/null; events=""
	line="round $i: reload $(echo "$t1 - $t0" | bc) s"
	echo "reload $(echo "$t1 - $t0" | bc)" >>"$tmp/results"
	for p in $pages; do
		t=$(curl -s -o /dev/null -w '%{time_total} %{size_download} %{http_code}' "$base/$p")
		set -- $t
		[ "$3" = 200 ] || { echo "$p: HTTP $3" >&2; exit 1; }
		line="$line, $p $1 s ($(($2 / 1024)) KB)"
		echo "$p $1" >>"$tmp/results"
	done
	echo "$line"
done
echo "medians over $rounds rounds:"
awk '{ v[$1] = v[$1] " " $2 } END { for (k in v) print k v[k] }' "$tmp/results" | while read -r name vals; do
	m=$(echo "$vals" | tr ' ' '\n' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	printf '  %-50s %s s\n' "$name" "$m"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
