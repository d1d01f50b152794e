#!/usr/bin/env bash
# Compiles the --format tikz --standalone figures with pdflatex alone: the warm-up and
# MLP(3,[4,4,1]) at --depth neuron. Each must compile, give a PDF of one page, and render to a
# PNG with pdftoppm. Then checks the --worksheet PDFs: one A4 page, fonts embedded, renders.
#
#   Scripts/check_tikz.sh [BIN] [--keep DIR]   BIN defaults to .build/debug/micrograd-viz;
#                                              --keep leaves the .tex, .pdf and .png in DIR
#
# Needs pdflatex (texlive-latex-base, texlive-pictures) and poppler-utils (make deps).
set -euo pipefail
BIN=$(realpath -m "${1:-$(dirname "$0")/../.build/debug/micrograd-viz}")
for tool in pdflatex pdfinfo pdftoppm; do
    command -v $tool >/dev/null || { echo "check_tikz: $tool is not installed (make deps)" >&2; exit 1; }
done
if [ "${2:-}" = "--keep" ]; then WORK=$(realpath -m "${3:?--keep needs a directory}"); mkdir -p "$WORK"; else
    WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT; fi
passed=0 failed=0
fail() { failed=$((failed + 1)); echo "FAIL: $1"; }

figure() {  # figure NAME ARGS...: writes NAME.tex with ARGS, compiles and renders it
    local name=$1; shift
    "$BIN" "$@" --out "$WORK/$name.tex" --standalone 2>/dev/null || { fail "$name: micrograd-viz failed"; return; }
    if ! (cd "$WORK" && pdflatex -interaction=nonstopmode -halt-on-error "$name.tex" > "$name.latex.log" 2>&1); then
        fail "$name: pdflatex failed: $(grep -m1 '^!' "$WORK/$name.latex.log")"; return
    fi
    local pages
    pages=$(pdfinfo "$WORK/$name.pdf" | awk '/^Pages:/ {print $2}')
    if [ "$pages" = 1 ]; then passed=$((passed + 1)); else fail "$name: $pages pages, not 1"; fi
    if pdftoppm -png -r 72 -singlefile "$WORK/$name.pdf" "$WORK/$name" && [ "$(wc -c < "$WORK/$name.png")" -gt 10000 ]; then
        passed=$((passed + 1))
    else
        fail "$name: pdftoppm did not render it"
    fi
    if grep -q "Overfull\|Missing character" "$WORK/$name.latex.log"; then fail "$name: text overflows or a character is missing"; else passed=$((passed + 1)); fi
}

figure warmup expr "e=a*b; d=e+c; L=d*f" a=2 b=-3 c=10 f=-2
figure mlp-neurons mlp 3,4,4,1 --depth neuron

# Worksheets (no LaTeX): one A4 page, fonts embedded, rendered by pdftoppm.
sheet() {  # sheet NAME ARGS...
    local name=$1; shift
    "$BIN" "$@" --worksheet "$WORK/$name.pdf" >/dev/null 2>&1 || { fail "$name: micrograd-viz failed"; return; }
    pdfinfo "$WORK/$name.pdf" | grep -qP '^Pages:\s+1$' && passed=$((passed + 1)) || fail "$name: not one page"
    pdfinfo "$WORK/$name.pdf" | grep -qP '^Page size:\s+5\d\d(\.\d+)? x 8[34]\d' && passed=$((passed + 1)) || fail "$name: not A4 portrait"
    pdffonts "$WORK/$name.pdf" | tail -n +3 | awk '$(NF-4) != "yes" {bad=1} END {exit bad}' && passed=$((passed + 1)) || fail "$name: a font is not embedded"
    pdftoppm -png -r 72 -singlefile "$WORK/$name.pdf" "$WORK/$name" && passed=$((passed + 1)) || fail "$name: pdftoppm did not render it"
}
sheet sheet expr "e=a*b; d=e+c; L=d*f" a=2 b=-3 c=10 f=-2
sheet key expr "e=a*b; d=e+c; L=d*f" a=2 b=-3 c=10 f=-2 --answers
sheet mlp-sheet mlp 3,4,4,1 --depth neuron

echo "check-tikz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
