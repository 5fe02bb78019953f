#!/bin/sh
# update-echarts.sh VERSION — refresh the ECharts build embedded in kaoping.
#
# Fetches the npm package echarts@VERSION with `npm pack` into a temporary
# folder and copies dist/echarts.min.js, LICENSE and NOTICE into
# templates/assets/ (as echarts.min.js, ECHARTS-LICENSE, ECHARTS-NOTICE),
# then rewrites templates/assets/ECHARTS-VERSION.txt with the version and
# the sha256 of each copied file. Only this script needs npm; builds never do.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 VERSION   (e.g. $0 5.6.0)" >&2
	exit 2
fi
version=$1
root=$(cd "$(dirname "$0")/.." && pwd)
assets=$root/templates/assets

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "echarts@$version" >/dev/null)
tar -xzf "$tmp"/echarts-"$version".tgz -C "$tmp" \
	package/dist/echarts.min.js package/LICENSE package/NOTICE

cp "$tmp/package/dist/echarts.min.js" "$assets/echarts.min.js"
cp "$tmp/package/LICENSE" "$assets/ECHARTS-LICENSE"
cp "$tmp/package/NOTICE" "$assets/ECHARTS-NOTICE"

{
	echo "Apache ECharts $version (npm package echarts@$version, Apache-2.0)"
	echo "Refreshed with scripts/update-echarts.sh $version; do not edit these files by hand."
	echo
	echo "sha256:"
	(cd "$assets" && sha256sum echarts.min.js ECHARTS-LICENSE ECHARTS-NOTICE)
} >"$assets/ECHARTS-VERSION.txt"

echo "echarts $version -> $assets"
