#!/usr/bin/env bash
# Checks the --walkthrough page in a real browser (headless Chromium, from a file:// URL):
# the page's script honours #step=N, so each check loads one step, dumps the DOM the script
# made, and looks at the highlighted nodes, the grads shown, the step text and the counter;
# #play with a virtual time budget checks that playing advances and stops at the last step.
#
#   Scripts/check_browser.sh [BIN]                  BIN defaults to .build/debug/micrograd-viz
#   Scripts/check_browser.sh BIN --screenshot FILE  also save step 10 of the warm-up as a PNG
#
# Needs `chromium` (make deps). Prints "N passed, N failed"; exits 1 if any failed.
set -euo pipefail
BIN=$(realpath -m "${1:-$(dirname "$0")/../.build/debug/micrograd-viz}")
SHOT=""
if [ "${2:-}" = "--screenshot" ]; then SHOT=$(realpath -m "${3:?--screenshot needs a file}"); fi
command -v chromium >/dev/null || { echo "check_browser: chromium is not installed (make deps)" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0 failed=0

# chromium_at URL [FLAGS...]: runs headless Chromium on URL with its own profile; stderr (dbus noise) dropped.
chromium_at() {
    local url=$1; shift
    chromium --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
        --user-data-dir="$WORK/profile" "$@" "$url" 2>/dev/null
}

# dom PAGE STEP: the DOM of PAGE at #step=STEP, on one line (into $WORK/dom).
dom() { chromium_at "file://$WORK/$1#step=$2" --dump-dom | tr '\n' ' ' > "$WORK/dom"; }

# check WHAT PATTERN: passes when the last DOM matches the (Perl) regular expression PATTERN.
check() {
    if grep -qP -- "$2" "$WORK/dom"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $1 (no match for: $2)"
    fi
}

# node ID CLASSES TEXT: the picture's value node nID has exactly CLASSES and shows TEXT.
node() { check "n$1 is '$2' and shows '$3'" "<g id=\"node\d+\" class=\"node$2\">\s*<title>n$1</title>(?:(?!</g>).)*$3"; }

"$BIN" expr "e=a*b; d=e+c; L=d*f" a=2 b=-3 c=10 f=-2 --walkthrough "$WORK/w.html" >/dev/null 2>&1
size=$(wc -c < "$WORK/w.html")
if [ "$size" -lt 50000 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: warm-up page is $size bytes"; fi

# The warm-up: a b c f e d L are n0..n6; steps 1-7 forward, 8 the seed, 9-11 backward through L, d, e.
dom w.html 5
check "counter at step 5" 'id="counter">step 5 / 11<'
check "step 5 text" '<pre id="text">forward: e = a \* b = 2 \* -3 = -6'
node 4 " current" "data -6.0000"
node 5 " pending" "data \?"
node 6 " pending" "data \?"
node 0 "" "grad 0.0000"

dom w.html 8
check "seed text" '<pre id="text">backward: seed ∂L/∂L = 1'
node 6 " current changed" "grad 1.0000"
node 5 "" "grad 0.0000"

dom w.html 10
check "step 10 text" '∂L/∂c \+= ∂L/∂d · 1 = -2 · 1 = -2'
node 5 " current" "grad -2.0000"
node 2 " changed" "grad -2.0000"
node 4 " changed" "grad -2.0000"
node 0 "" "grad 0.0000"

dom w.html 11
check "counter at the last step" 'id="counter">step 11 / 11<'
check "step 11 text" '∂L/∂b \+= ∂L/∂e · a = -2 · 2 = -4'
node 4 " current" "grad -2.0000"
node 0 " changed" "grad 6.0000"
node 1 " changed" "grad -4.0000"
node 3 "" "grad 4.0000"

# Playing: 2.5 s of virtual time at 0.7 s a step is 3 steps on, still playing; 30 s ends at the last step.
chromium_at "file://$WORK/w.html#step=1&play" --virtual-time-budget=2500 --dump-dom | tr '\n' ' ' > "$WORK/dom"
check "playing advances" 'id="counter">step 4 / 11<'
check "still playing" 'id="play"[^>]*>❚❚ pause<'
chromium_at "file://$WORK/w.html#step=1&play" --virtual-time-budget=30000 --dump-dom | tr '\n' ' ' > "$WORK/dom"
check "playing stops at the end" 'id="counter">step 11 / 11<'
check "paused at the end" 'id="play"[^>]*>▶ play<'

# MLP(3,[4,4,1]): the page opens at its last and middle steps.
"$BIN" mlp 3,4,4,1 --walkthrough "$WORK/mlp.html" >/dev/null 2>&1
steps=$(grep -oP 'max="\K\d+' "$WORK/mlp.html" | head -1)
dom mlp.html "$steps"
check "MLP counter at the last step" "id=\"counter\">step $steps / $steps<"
check "MLP last step is backward" '<pre id="text">backward through '
dom mlp.html $((steps / 2))
check "MLP middle step" "id=\"counter\">step $((steps / 2)) / $steps<"

if [ -n "$SHOT" ]; then
    chromium_at "file://$WORK/w.html#step=10" --screenshot="$SHOT" --window-size=1200,700 >/dev/null
    echo "check_browser: wrote $SHOT"
fi

echo "check-browser: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
