#!/usr/bin/env bash
# Installs chatterm under a prefix, removes it, or lists what it installs (paths relative to the
# prefix). `make install`, `make uninstall` and `make deb` call it; nothing it writes names the
# prefix (the binary finds share/chatterm beside itself), so a staging folder works as a prefix.
#
#   Tools/install.sh install   PREFIX BINARY
#   Tools/install.sh uninstall PREFIX
#   Tools/install.sh list
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: $0 install PREFIX BINARY | uninstall PREFIX | list" >&2; exit 64; }

bundled_folders=(Themes Keymaps Highlight)

# Every file installed, relative to the prefix.
files() {
  echo bin/chatterm
  echo share/man/man1/chatterm.1
  echo share/bash-completion/completions/chatterm
  echo share/zsh/site-functions/_chatterm
  echo share/fish/vendor_completions.d/chatterm.fish
  local folder file
  for folder in "${bundled_folders[@]}"; do
    for file in "$folder"/*; do echo "share/chatterm/$file"; done
  done
}

install_into() {
  local prefix=$1 binary=$2
  [ -x "$binary" ] || { echo "install: no executable at $binary (build it first)" >&2; exit 1; }
  install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
    "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
  install -m 755 "$binary" "$prefix/bin/chatterm"
  local exe="$prefix/bin/chatterm" tmp
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  "$exe" manual > "$tmp/chatterm.1"
  "$exe" --generate-completion-script bash > "$tmp/bash"
  "$exe" --generate-completion-script zsh > "$tmp/zsh"
  "$exe" --generate-completion-script fish > "$tmp/fish"
  install -m 644 "$tmp/chatterm.1" "$prefix/share/man/man1/chatterm.1"
  install -m 644 "$tmp/bash" "$prefix/share/bash-completion/completions/chatterm"
  install -m 644 "$tmp/zsh" "$prefix/share/zsh/site-functions/_chatterm"
  install -m 644 "$tmp/fish" "$prefix/share/fish/vendor_completions.d/chatterm.fish"
  local folder
  for folder in "${bundled_folders[@]}"; do
    install -d "$prefix/share/chatterm/$folder"
    install -m 644 "$folder"/* "$prefix/share/chatterm/$folder/"
  done
  echo "installed chatterm in $prefix ($(files | wc -l) files)"
}

uninstall_from() {
  local prefix=$1 file folder
  while read -r file; do rm -f "$prefix/$file"; done < <(files)
  for folder in "${bundled_folders[@]}"; do
    [ -d "$prefix/share/chatterm/$folder" ] && rmdir --ignore-fail-on-non-empty "$prefix/share/chatterm/$folder"
  done
  [ -d "$prefix/share/chatterm" ] && rmdir --ignore-fail-on-non-empty "$prefix/share/chatterm"
  echo "removed chatterm from $prefix"
}

case "${1:-}" in
  install) [ $# -eq 3 ] || usage; install_into "$2" "$3" ;;
  uninstall) [ $# -eq 2 ] || usage; uninstall_from "$2" ;;
  list) files ;;
  *) usage ;;
esac
