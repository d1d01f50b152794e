#!/usr/bin/env bash
# `make install` as a user runs it, then the installed tool as a machine without Swift sees it:
#   - exactly the five files land under PREFIX (and under DESTDIR$PREFIX when DESTDIR is set);
#   - `ldd` lists no Swift runtime library, and a copy of the binary elsewhere runs (and renders
#     through libgvc) with an empty LD_LIBRARY_PATH and a PATH without the toolchain;
#   - an interactive bash with bash-completion loads the completion from PREFIX on demand and
#     completes the subcommands; zsh and fish parse theirs (when installed);
#   - `man -l` shows the page, and `man` finds it under PREFIX;
#   - `make uninstall` removes those files and nothing else.
# Run by `make test` (and `make check-install`); builds the release binary, so it takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
make=${MAKE:-make}
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
fail() { echo "check_install: FAIL: $*" >&2; exit 1; }

expected_files="bin/micrograd-viz
share/bash-completion/completions/micrograd-viz
share/fish/vendor_completions.d/micrograd-viz.fish
share/man/man1/micrograd-viz.1
share/zsh/site-functions/_micrograd-viz"
files_under() { (cd "$1" && find . -type f | sed 's|^\./||' | sort); }

prefix=$root/prefix
$make --no-print-directory install PREFIX="$prefix"
[ "$(files_under "$prefix")" = "$expected_files" ] || fail "installed files: $(files_under "$prefix" | tr '\n' ' ')"
bin=$prefix/bin/micrograd-viz

# No Swift runtime on the loader's list, and nothing left to find in the toolchain.
ldd "$bin" | grep -i swift && fail "ldd lists Swift libraries"
ldd "$bin" | grep -q 'not found' && fail "ldd: $(ldd "$bin" | grep 'not found')"
mkdir "$root/elsewhere"
cp "$bin" "$root/elsewhere/micrograd-viz"
svg=$(env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH= "$root/elsewhere/micrograd-viz" \
    expr "e=a*b; d=e+c; L=d*f" a=2 b=-3 c=10 f=-2 --svg)
grep -q '<svg' <<<"$svg" || fail "the copied binary did not draw an SVG"
grep -q '&#45;8.0000' <<<"$svg" || fail "the copied binary's SVG lacks L = -8"

# bash -i with bash-completion finds the file in PREFIX's share/bash-completion/completions,
# and completing `micrograd-viz <TAB>` offers the subcommands.
completed=$(env -i HOME="$root" TERM=dumb PATH="$prefix/bin:/usr/bin:/bin" XDG_DATA_DIRS="$prefix/share" \
    bash --norc -i -c '
        . /usr/share/bash-completion/bash_completion
        __load_completion micrograd-viz || exit 3
        complete -p micrograd-viz >&2
        COMP_WORDS=(micrograd-viz ""); COMP_CWORD=1; COMP_LINE="micrograd-viz "; COMP_POINT=${#COMP_LINE}
        $(complete -p micrograd-viz | sed "s/.* -F \([^ ]*\) .*/\1/") micrograd-viz "" micrograd-viz
        printf "%s\n" "${COMPREPLY[@]}"' 2>"$root/bash.err") \
    || fail "bash could not load the completion: $(cat "$root/bash.err")"
for word in expr mlp train gradcheck render; do
    grep -qx -- "$word" <<<"$completed" || fail "bash completion does not offer '$word' (got: $(tr '\n' ' ' <<<"$completed"))"
done
if command -v zsh >/dev/null; then zsh -n "$prefix/share/zsh/site-functions/_micrograd-viz" || fail "zsh completion"; fi
if command -v fish >/dev/null; then fish --no-execute "$prefix/share/fish/vendor_completions.d/micrograd-viz.fish" || fail "fish completion"; fi

# The man page: shown by `man -l` without warnings, and found by name under PREFIX.
page=$(man -l "$prefix/share/man/man1/micrograd-viz.1" 2>"$root/man.err")
[ -s "$root/man.err" ] && fail "man -l warns: $(head -3 "$root/man.err")"
for text in NAME SYNOPSIS "micrograd-viz expr" "Exit status"; do
    grep -q -- "$text" <<<"$page" || fail "man page lacks '$text'"
done
MANPATH="$prefix/share/man" man -w micrograd-viz | grep -qx "$prefix/share/man/man1/micrograd-viz.1" \
    || fail "man does not find the page under PREFIX"

# DESTDIR stages the same files under DESTDIR$PREFIX; the binary there is the same program.
$make --no-print-directory install DESTDIR="$root/stage" PREFIX=/opt/micrograd-viz >/dev/null
[ "$(files_under "$root/stage/opt/micrograd-viz")" = "$expected_files" ] || fail "DESTDIR install: $(files_under "$root/stage" | tr '\n' ' ')"

# uninstall removes exactly those files: a file of someone else's in the same folders stays.
touch "$prefix/share/man/man1/other.1" "$prefix/bin/other"
$make --no-print-directory uninstall PREFIX="$prefix"
[ "$(files_under "$prefix")" = "bin/other
share/man/man1/other.1" ] || fail "after uninstall: $(files_under "$prefix" | tr '\n' ' ')"
$make --no-print-directory uninstall DESTDIR="$root/stage" PREFIX=/opt/micrograd-viz
[ -z "$(files_under "$root/stage")" ] || fail "after DESTDIR uninstall: $(files_under "$root/stage" | tr '\n' ' ')"
echo "check_install: ok (static binary, completions, man page, DESTDIR, uninstall)"
