#!/usr/bin/env bash
# A tester's trial of the long-open screen (issue 13): the cockpit is open on a book and suspended
# (Ctrl-Z, as a laptop lid or a forgotten terminal would leave it) while two shells import and log
# through several checkpoints; then it is resumed, logs one more outcome and quits. `cockpit doctor`
# counts the book before and after: nothing anyone wrote may be lost.
#
#   bash tools/trial_long_open_screen.sh [WORKDIR]     (needs tmux; uses the `cockpit` on PATH)
set -euo pipefail
work="${1:-$(mktemp -d)}"
book="$work/book"
export COCKPIT_NOW="2026-11-23T10:00:00-05:00"
rm -rf "$book"; mkdir -p "$work"
cockpit --book "$book" demo --prospects 2000 --seed 11 >/dev/null
counts() { cockpit --book "$book" doctor | head -1; }
echo "before:  $(counts)"

csv() {  # $1 file, $2 area code: 2500 new people, one bulk import each (a checkpoint)
    python3 - "$1" "$2" <<'PY'
import csv, sys
area = int(sys.argv[2])
first = area * 10000
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["First Name", "Last Name", "Company", "Phone", "Email"])
    for n in range(first, first + 2500):
        w.writerow([f"Trial{n}", "Person", f"Co {n}", f"+1 {area} 555 {n % 10000:04d}", f"t{n}@trial{n}.example"])
PY
}
csv "$work/a.csv" 212; csv "$work/b.csv" 312; csv "$work/c.csv" 415

tmux kill-session -t trial 2>/dev/null || true
tmux new -d -s trial -x 100 -y 30 "bash --norc"
tmux send-keys -t trial "export COCKPIT_NOW=$COCKPIT_NOW; cockpit --book $book" Enter
for _ in $(seq 50); do tmux capture-pane -pt trial | grep -q "Today's calls (" && break; sleep 0.2; done
tmux send-keys -t trial v; sleep 1
# Stopped as Ctrl-Z or a sleeping laptop stops it (the screen binds no suspend key of its own).
screen_pid=$(pgrep -n -f "cockpit --book $book$")
kill -STOP "$screen_pid" && echo "screen:  stopped (SIGSTOP), pid $screen_pid"

ids=$(cockpit --book "$book" agenda --json | python3 -c "import json,sys; print(' '.join(i['id'] for i in json.load(sys.stdin)['today'][:12]))")
shell() {  # one shell: an import (checkpoint), then voicemails on the first prospects of the day
    cockpit --book "$book" import "$1" >/dev/null
    for id in $ids; do cockpit --book "$book" log "$id" v >/dev/null 2>&1 || true; done
    cockpit --book "$book" import "$2" >/dev/null
}
shell "$work/a.csv" "$work/c.csv" & one=$!
shell "$work/b.csv" "$work/c.csv" & two=$!
wait $one $two
echo "shells:  $(counts)"
# The reference: the same demo and the same files imported one after another, by one process.
serial="$work/serial"; rm -rf "$serial"
cockpit --book "$serial" demo --prospects 2000 --seed 11 >/dev/null
for f in a b c c; do cockpit --book "$serial" import "$work/$f.csv" >/dev/null; done
echo "serial:  $(cockpit --book "$serial" doctor | head -1)"

tmux send-keys -t trial "fg" Enter; sleep 3  # as after Ctrl-Z: the shell gives it the terminal again
tmux send-keys -t trial r; sleep 2
tmux send-keys -t trial n; sleep 3
tmux capture-pane -pt trial | grep -E "logged|Logging|Not |Undid" | head -2 | sed "s/^/bar:     /"
tmux send-keys -t trial q; sleep 2
echo "after:   $(counts)"
cockpit --book "$book" doctor | tail -1
tmux kill-session -t trial 2>/dev/null || true
