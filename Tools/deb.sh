#!/usr/bin/env bash
# Builds chatterm's Debian package from a built binary with dpkg-deb: the files
# Tools/install.sh installs, under /usr, the man page gzipped, the binary stripped. Depends names
# the Debian package of every shared library the binary needs (readelf, then dpkg -S).
#
#   Tools/deb.sh BINARY OUTPUT_FOLDER      prints the .deb's path
#
# DEB_COMPRESSION (xz, gzip, none; default xz) and DEB_MAINTAINER change the package's.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: $0 BINARY OUTPUT_FOLDER" >&2; exit 64; }
binary=$1 out=$2
[ -x "$binary" ] || { echo "deb: no executable at $binary (build it first)" >&2; exit 1; }
maintainer=${DEB_MAINTAINER:-chatterm developers <chatterm@localhost>}

# The Debian package holding each library the binary needs, found with one `dpkg -S` of every
# library's file name. A library no package holds (Swift's runtime in a debug build, which links
# it from the toolchain) is named on stderr; a release build links Swift's runtime statically, so
# there it is an error unless DEB_ALLOW_UNPACKAGED=1.
depends() {
  local libs owners lib missing=()
  # The libraries the binary names itself (its NEEDED entries), not what they load in turn.
  libs=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u)
  owners=$(dpkg -S $(sed 's|^|*/|' <<<"$libs") 2>/dev/null | grep -v '^diversion' || true)
  for lib in $libs; do
    grep -q "/$lib\$" <<<"$owners" || missing+=("$lib")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "deb: no Debian package holds ${missing[*]}; the package needs them installed by other means" >&2
    [ "${DEB_ALLOW_UNPACKAGED:-0}" = 1 ] || exit 1
  fi
  cut -d: -f1 <<<"$owners" | sed 's/, /\n/g' | sort -u | paste -sd, | sed 's/,/, /g'
}

version=$("$binary" --version)
arch=$(dpkg --print-architecture)
deps=$(depends)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
Tools/install.sh install "$stage/usr" "$binary" >/dev/null
strip --strip-unneeded "$stage/usr/bin/chatterm"
gzip -9n "$stage/usr/share/man/man1/chatterm.1"
mkdir -p "$stage/DEBIAN"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: chatterm
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: $deps
Section: utils
Priority: optional
Description: keyboard-driven terminal client for ChatGPT-style conversations
 A full-screen ncursesw browser for conversation trees (every regenerated
 answer and edited prompt is a branch), an importer for ChatGPT data
 exports with offline search and export, and a client for ChatGPT's web
 protocol, Dify, Coze and OpenAI-compatible servers.
CONTROL
mkdir -p "$out"
deb="$out/chatterm_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" --build "$stage" "$deb" >/dev/null
echo "$deb"
