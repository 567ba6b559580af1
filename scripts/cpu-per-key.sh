#!/bin/bash
# CPU time the app's main thread (and the whole process) spends per cursor
# move, read from /proc/<pid>/task/<tid>/schedstat around 300 keys (j and k
# in turn, 20 ms apart) sent through tmux. Unlike a bench, this is the
# running app with cold caches between keys, its syscalls and its threads.
#
#   cargo build --release && scripts/cpu-per-key.sh target/release/dutygrid 80x24
#
# Runs in a temporary home and records folder; the real home is never read.
set -euo pipefail
bin=$(realpath "$1"); size=${2:-80x24}; keys=${3:-300}
width=${size%x*}; height=${size#*x}; session=cpu-per-key-$$
home=$(mktemp -d); mkdir -p "$home/r"; chmod 700 "$home" "$home/r"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$home"' EXIT
tmux new -d -s "$session" -x "$width" -y "$height" \
    "exec env HOME=$home DUTYGRID_RECORDS=$home/r DUTYGRID_CONFIG=$home/none.ron $bin run --at '2026-11-27 10:00'"
sleep 1.5
pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
main() { awk '{print $1}' "/proc/$pid/task/$pid/schedstat"; }
all() { local sum=0; for t in /proc/"$pid"/task/*; do sum=$((sum + $(awk '{print $1}' "$t/schedstat"))); done; echo "$sum"; }
main0=$(main); all0=$(all)
for _ in $(seq 1 $((keys / 2))); do
    tmux send-keys -t "$session" j; sleep 0.02
    tmux send-keys -t "$session" k; sleep 0.02
done
sleep 0.3
main1=$(main); all1=$(all)
echo "$size: main thread $(((main1 - main0) / keys / 1000)) µs/key, whole process $(((all1 - all0) / keys / 1000)) µs/key"
