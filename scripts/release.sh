#!/bin/sh
# release.sh [VERSION] — build the kaoping binaries for office machines.
#
# Cross-builds, with nothing but Go, into dist/ (or $DIST):
#   windows-amd64/kaoping.exe   Windows PCs
#   linux-amd64/kaoping         Linux PCs and servers
#   linux-arm64/kaoping         信创 machines with Kunpeng or Phytium (ARM) CPUs
#   linux-loong64/kaoping       信创 machines with Loongson (LoongArch) CPUs
# and SHA256SUMS of the four. VERSION is stamped into the binaries
# (kaoping --version prints it); it defaults to `git describe`.
#
# The binaries are static (CGO_ENABLED=0) and reproducible: no paths of
# this machine (-trimpath), no VCS stamp (-buildvcs=false), no symbol
# table (-s -w), so two runs with one Go version and one source give the
# same bytes (compare SHA256SUMS). release_test.go runs this script.
set -eu
export LC_ALL=C # one order of files in SHA256SUMS

root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -gt 1 ]; then
	echo "usage: $0 [VERSION]   (e.g. $0 v1.2.0; default: git describe)" >&2
	exit 2
fi
if [ $# -eq 1 ]; then
	version=$1
else
	version=$(git -C "$root" describe --tags --always --dirty 2>/dev/null) || {
		echo "$0: not a git checkout: give the version, e.g. $0 v1.2.0" >&2
		exit 2
	}
fi
case $version in
'' | *[!A-Za-z0-9._+-]*)
	echo "$0: version \"$version\" must be letters, digits and . _ + - only" >&2
	exit 2
	;;
esac
dist=${DIST:-$root/dist}

targets="windows/amd64 linux/amd64 linux/arm64 linux/loong64"

# Only an earlier release (or nothing) is replaced.
if [ -e "$dist" ] && [ ! -f "$dist/SHA256SUMS" ] && [ -n "$(ls -A "$dist")" ]; then
	echo "$0: $dist is not empty and holds no earlier release (no SHA256SUMS): not replacing it" >&2
	exit 1
fi
rm -rf "$dist"
mkdir -p "$dist"
for target in $targets; do
	os=${target%/*}
	arch=${target#*/}
	exe=kaoping
	[ "$os" = windows ] && exe=kaoping.exe
	echo "building $os/$arch" >&2
	(cd "$root" && CGO_ENABLED=0 GOOS=$os GOARCH=$arch \
		go build -trimpath -buildvcs=false \
		-ldflags "-s -w -X main.version=$version" \
		-o "$dist/$os-$arch/$exe" .)
done
(cd "$dist" && sha256sum */kaoping* >SHA256SUMS)
cat "$dist/SHA256SUMS"
echo "kaoping $version: $dist" >&2
