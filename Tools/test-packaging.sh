#!/usr/bin/env bash
# Packaging tests, run by `make test` after `swift build --build-tests`: `make install` into a
# temporary prefix installs exactly the expected files, `man -l` renders the page, each completion
# script loads in its shell (bash always; zsh and fish where installed, else a visible skip), the
# installed binary finds its themes and keymaps, `make uninstall` leaves no file, and `make deb`
# builds a package whose binary runs from a throwaway root. They use the debug build the tests
# already made (CONFIG=debug; NO_BUILD=1, as make test sets it, skips asking SwiftPM again). Ends with "packaging: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
CONFIG=${CONFIG:-debug}
passed=0 failed=0 skipped=0
pass() { passed=$((passed + 1)); echo "  ✔ $1"; }
fail() { failed=$((failed + 1)); echo "  ✘ $1"; }
skip() { skipped=$((skipped + 1)); echo "  - skipped: $1"; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix with space"
export HOME="$work/home" CHATTERM_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
unset CHATTERM_SHARE XDG_DATA_HOME
mkdir -p "$HOME"
echo "packaging tests (CONFIG=$CONFIG)"

# --- make install -------------------------------------------------------------------------------
if ! make -s install CONFIG="$CONFIG" PREFIX="$prefix" ${NO_BUILD:+NO_BUILD=1} >"$work/install.log" 2>&1; then
  cat "$work/install.log"; fail "make install"; echo "packaging: $passed passed, $failed failed"; exit 1
fi
pass "make install CONFIG=$CONFIG PREFIX=…"
{
  printf '%s\n' bin/chatterm share/man/man1/chatterm.1 share/bash-completion/completions/chatterm \
    share/zsh/site-functions/_chatterm share/fish/vendor_completions.d/chatterm.fish
  for folder in Themes Keymaps Highlight; do
    for file in "$folder"/*; do echo "share/chatterm/$file"; done
  done
} | sort > "$work/expected"
(cd "$prefix" && find . -type f -o -type l | sed 's|^\./||' | sort) > "$work/installed"
if diff -u "$work/expected" "$work/installed"; then pass "installs exactly the expected files"
else fail "installs exactly the expected files"; fi
check "the binary is executable, the rest not" test -x "$prefix/bin/chatterm" -a ! -x "$prefix/share/man/man1/chatterm.1"

# --- the man page --------------------------------------------------------------------------------
page="$prefix/share/man/man1/chatterm.1"
if command -v man >/dev/null; then
  MANWIDTH=100 MANPAGER=cat man -l "$page" >"$work/man.txt" 2>"$work/man.err"
  check "man -l renders the page with no warning" test -s "$work/man.txt" -a ! -s "$work/man.err"
  [ -s "$work/man.err" ] && cat "$work/man.err"
  for heading in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS KEYS FILES ENVIRONMENT "EXIT STATUS"; do
    check "the page has $heading" grep -q "^$heading\$" "$work/man.txt"
  done
  for text in "chatterm import" "chatterm doctor" "Ctrl-Q" "CHATTERM_HOME" "CHATTERM_ACCESS_TOKEN" "NO_COLOR" \
    "TZ" "VISUAL" "BROWSER" "config.toml" "share/chatterm"; do
    check "the page mentions $text" grep -qF -- "$text" "$work/man.txt"
  done
  check "the page does not list the hidden manual command" bash -c "! grep -q 'chatterm manual' '$work/man.txt'"
  MANPATH="$prefix/share/man" MANPAGER=cat man chatterm >"$work/man2.txt" 2>/dev/null
  check "man chatterm finds it with the prefix's share/man on MANPATH" grep -q "^KEYS\$" "$work/man2.txt"
else
  skip "man -l (man is not installed; make test-deps installs man-db)"
fi

# --- completions ---------------------------------------------------------------------------------
bash_script="$prefix/share/bash-completion/completions/chatterm"
bash_words=$(bash -c '
  source "$1" || exit 1
  function_name=$(complete -p chatterm | sed -E "s/.*-F ([^ ]+).*/\1/")
  COMP_WORDS=(chatterm im); COMP_CWORD=1; COMP_LINE="chatterm im"; COMP_POINT=${#COMP_LINE}
  "$function_name" chatterm im chatterm 2>/dev/null
  printf "%s\n" "${COMPREPLY[@]}"' _ "$bash_script" 2>"$work/bash.err")
check "bash loads the completion script and completes 'chatterm im' to import" grep -qx import <<<"$bash_words"
if command -v zsh >/dev/null; then
  check "zsh loads the completion script and registers it for chatterm" \
    zsh -f -c "autoload -U compinit; compinit -u; source '$prefix/share/zsh/site-functions/_chatterm'; [[ \$_comps[chatterm] == _chatterm ]]"
else
  skip "zsh is not installed: the zsh completion script was not loaded"
fi
if command -v fish >/dev/null; then
  fish_words=$(fish --no-config -c "source '$prefix/share/fish/vendor_completions.d/chatterm.fish'; complete -C 'chatterm im'")
  check "fish loads the completion script and completes import" grep -q '^import' <<<"$fish_words"
else
  skip "fish is not installed: the fish completion script was not loaded"
fi

# --- themes and keymaps beside the binary ---------------------------------------------------------
env -u NO_COLOR "$prefix/bin/chatterm" browse --theme high-contrast --keymap vim </dev/null >/dev/null 2>"$work/found.err"
check "--theme high-contrast --keymap vim are found under share/chatterm" grep -q "needs a terminal" "$work/found.err"
env -u NO_COLOR "$prefix/bin/chatterm" browse --theme no-such-theme </dev/null >/dev/null 2>"$work/missing.err"
check "a missing theme names share/chatterm/Themes among the places searched" \
  grep -qF "$prefix/share/chatterm/Themes/no-such-theme.toml" "$work/missing.err"

# --- make uninstall ------------------------------------------------------------------------------
touch "$prefix/share/man/man1/other.1"
make -s uninstall PREFIX="$prefix" >/dev/null
check "make uninstall removes every installed file and keeps others" \
  test "$(cd "$prefix" && find . -type f | sed 's|^\./||')" = "share/man/man1/other.1"
check "make uninstall removes share/chatterm" test ! -e "$prefix/share/chatterm"

# --- make deb ------------------------------------------------------------------------------------
if command -v dpkg-deb >/dev/null; then
  # The debug binary loads Swift's runtime from the toolchain, and is big: no compression.
  debug=$([ "$CONFIG" = debug ] && echo 1 || echo 0)
  if deb=$(DEB_ALLOW_UNPACKAGED=$debug DEB_COMPRESSION=$([ $debug = 1 ] && echo none || echo xz) \
    make -s deb CONFIG="$CONFIG" ${NO_BUILD:+NO_BUILD=1} 2>"$work/deb.err" | tail -1) && [ -f "$deb" ]; then
    pass "make deb builds $(basename "$deb")"
    depends=$(dpkg-deb -f "$deb" Depends)
    for package in libc6 libncursesw6 libsqlite3-0; do
      check "Depends names $package" grep -qw -- "$package" <<<"$depends"
    done
    dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./||' > "$work/deb-files"
    for file in usr/bin/chatterm usr/share/man/man1/chatterm.1.gz usr/share/bash-completion/completions/chatterm \
      usr/share/zsh/site-functions/_chatterm usr/share/fish/vendor_completions.d/chatterm.fish \
      usr/share/chatterm/Themes/light.toml usr/share/chatterm/Keymaps/vim.toml; do
      check "the package holds $file" grep -qx "$file" "$work/deb-files"
    done
    root="$work/root"
    dpkg -x "$deb" "$root"
    check "chatterm --version runs from the unpacked package" \
      test "$("$root/usr/bin/chatterm" --version)" = "$(dpkg-deb -f "$deb" Version)"
    listed=$(CHATTERM_HOME="$work/deb-data" "$root/usr/bin/chatterm" ls 2>"$work/ls.err")
    check "chatterm ls lists the demo conversations from the unpacked package" test "$(wc -l <<<"$listed")" -ge 3
  else
    cat "$work/deb.err"; fail "make deb"
  fi
else
  skip "dpkg-deb is not installed: no .deb built"
fi

echo "packaging: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
