#!/bin/sh
# bench-hugo.sh [SITE] — kaoping's full build against Hugo on the same machine.
#
# Builds the kaoping site SITE (default: a province-size site written by
# cmd/gensite into a temporary folder) from clean with --no-bundles (the
# whole site as `kaoping build` writes it by default), counts its HTML
# pages N, then again with --archives (also every period's zip, each page
# written a second time and deflated, as with archive_zips = true;
# BUNDLES=0 skips this build),
# then writes a minimal Hugo site of N plain Markdown pages (a title and a
# few paragraphs, a list and a table each, ~1.5 KB; one single.html layout
# with the title and the content; no theme, no taxonomies, feeds or
# sitemap) and builds it with `hugo --quiet`, both timed with
# /usr/bin/time in this one run. It prints, for each, the pages, wall
# time, CPU time (user + sys), peak RSS and pages per second, and the
# ratios kaoping ÷ Hugo (pages per wall second; ≥ 1 means kaoping is at
# least as fast), for the default build and with every period's zip.
#
# Needs go, Debian's hugo (apt-get install -y hugo) and GNU time
# (apt-get install -y time). Set KEEP=1 to keep the temporary folder.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kaoping-bench-hugo.XXXXXX")
if [ "${KEEP:-}" != 1 ]; then trap 'rm -rf "$tmp"' EXIT; fi
command -v hugo >/dev/null || { echo "hugo not found: apt-get install -y hugo" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found: apt-get install -y time" >&2; exit 1; }

(cd "$root" && go build -o "$tmp/kaoping" . && go build -o "$tmp/gensite" ./cmd/gensite)
site=$tmp/site
if [ -n "${1:-}" ]; then
	cp -R "$1" "$site"
	rm -rf "$site/public"
else
	"$tmp/gensite" -out "$site" >/dev/null
fi

# measure LABEL LOG: prints one line from a GNU time -v log.
measure() {
	awk -v label="$1" -v pages="$3" '
		/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
		/User time/ { user = $NF }
		/System time/ { sys = $NF }
		/Maximum resident set size/ { rss = $NF }
		END {
			printf "%-7s %8d pages  wall %7.1f s  cpu %7.1f s (user %.1f + sys %.1f)  peak RSS %6.0f MB  %7.0f pages/s (wall)  %7.0f pages/cpu-s\n",
				label, pages, wall, user + sys, user, sys, rss / 1024, pages / wall, pages / (user + sys)
			print wall > "/dev/stderr"
		}' "$2"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(hugo version | cut -d' ' -f1-2)"

# kaoping: the whole site as built by default (--no-bundles, whatever the
# config says), then with every period's zip (--archives).
# Each build writes a folder of its own, and nothing is deleted until the
# end: on an ext4 file system without a journal (this VM's), the inodes of
# files deleted in the last one to six minutes are skipped one by one when
# new files are created, which tripled the system time of a build that
# followed the deletion of a previous output (docs/PERFORMANCE.md §1).
kbuild() {
	label=$1
	shift
	sync # the build before is on disk, not still being written out beside this one
	(cd "$site" && /usr/bin/time -v -o "$tmp/$label.time" "$tmp/kaoping" build --out "$tmp/$label-out" "$@" >/dev/null 2>"$tmp/$label.log") ||
		{ cat "$tmp/$label.log" >&2; exit 1; }
}
kbuild kaoping --no-bundles
pages=$(find "$tmp/kaoping-out" -name '*.html' | wc -l)
if [ "${BUNDLES:-1}" = 1 ]; then
	kbuild kaoping-zip --archives
fi

# Hugo: the same number of plain Markdown pages, 500 to a section.
hs=$tmp/hugo
mkdir -p "$hs/layouts/_default" "$hs/content"
cat > "$hs/config.toml" <<'TOML'
baseURL = "http://example.org/"
title = "bench"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "section"]
TOML
cat > "$hs/layouts/_default/single.html" <<'HTML'
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>
{{ .Content }}
</body></html>
HTML
cat > "$hs/layouts/_default/list.html" <<'HTML'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1></body></html>
HTML
awk -v n="$pages" -v dir="$hs/content" 'BEGIN {
	for (i = 1; i <= n; i++) {
		s = sprintf("%s/s%03d", dir, int((i - 1) / 500))
		if ((i - 1) % 500 == 0) system("mkdir -p " s)
		f = sprintf("%s/p%06d.md", s, i)
		printf "---\ntitle: \"第 %d 页 Page %d\"\n---\n\n", i, i > f
		printf "## 概述\n\n这是第 %d 页。This is page %d of a benchmark site, with a few paragraphs of plain text, a list and a small table, like a short report.\n\n", i, i > f
		printf "- 第一项 item one: %d\n- 第二项 item two: %d\n- 第三项 item three: %d\n\n", i * 3, i * 7, i * 11 > f
		printf "| 指标 | 数值 | 参考值 |\n| --- | ---: | ---: |\n| 案件比 | 1:1.%02d | 1:1.36 |\n| 办案量 | %d | 18 |\n\n", i % 100, i % 40 > f
		printf "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. *Emphasis* and **strong** text, and a [link](../p%06d/).\n", (i % n) + 1 > f
		close(f)
	}
}'
sync
(cd "$hs" && /usr/bin/time -v -o "$tmp/hugo.time" hugo --quiet >/dev/null 2>"$tmp/hugo.log") ||
	{ cat "$tmp/hugo.log" >&2; exit 1; }
hpages=$(find "$hs/public" -name '*.html' | wc -l)

kw=$(measure kaoping "$tmp/kaoping.time" "$pages" 2>"$tmp/kw")
hw=$(measure hugo "$tmp/hugo.time" "$hpages" 2>"$tmp/hw")
echo "$kw"
if [ -f "$tmp/kaoping-zip.time" ]; then
	measure "+zip" "$tmp/kaoping-zip.time" "$pages" 2>"$tmp/zw"
fi
echo "$hw"
ratio() {
	awk -v kp="$pages" -v hp="$hpages" -v kw="$(cat "$1")" -v hw="$(cat "$tmp/hw")" -v what="$2" \
		'BEGIN { printf "ratio %s (kaoping ÷ hugo, pages per wall second): %.2f\n", what, (kp / kw) / (hp / hw) }'
}
ratio "$tmp/kw" "whole site, the default build"
if [ -f "$tmp/zw" ]; then ratio "$tmp/zw" "with every period's zip (--archives)"; fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
