#!/usr/bin/env bash
# Regenerates docs/screenshot.svg from a real run of
# the demo: tmux draws prscope, `capture-pane -e` keeps its colours, and
# freeze (github.com/charmbracelet/freeze) renders that ANSI text.
# Run it after changing what the UI draws:  scripts/screenshot.sh
set -euo pipefail
cd "$(dirname "$0")/.."

command -v tmux >/dev/null || { echo "screenshot.sh needs tmux" >&2; exit 1; }
freeze=${FREEZE:-$(command -v freeze || true)}
if [ -z "$freeze" ]; then
  go install github.com/charmbracelet/freeze@v0.2.2
  freeze="$(go env GOPATH)/bin/freeze"
fi

work=$(mktemp -d)
session="prscope-shot-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/prscope" ./cmd/prscope

# A fresh cache, so the demo draws what a first run draws.
tmux new-session -d -s "$session" -x 160 -y 45 \
  "env COLORTERM=truecolor TERM=xterm-256color $work/prscope --demo --no-mouse --cache-dir $work/cache"
sleep 3
# The story of #11: down the timeline to the re-pushed verifier patch.
for _ in $(seq 1 6); do tmux send-keys -t "$session" j; sleep 0.2; done
sleep 1
tmux capture-pane -e -p -t "$session" > "$work/screen.ansi"
tmux send-keys -t "$session" q

# SVG: a browser draws it with its own fonts, which have every glyph
# prscope uses (freeze's PNG font lacks a few, such as ↳).
"$freeze" --language ansi --window --padding 20 --margin 0 --font.size 13 \
  --background "#1e1e2e" -o docs/screenshot.svg "$work/screen.ansi"
echo "wrote docs/screenshot.svg"
