#!/bin/bash
# Idle resident memory of one OpsBot build: starts the simulator (once, reused), starts OpsBot.dll against it,
# waits for /readyz plus 5 s, prints VmRSS and the smaps_rollup split (anonymous, shmem = JIT'd code and stubs,
# private clean = our assemblies' touched pages, shared clean = the shared framework), then stops the bot.
# Compare builds side by side, alternating, several times: one figure on a shared machine means little.
#   bench/scripts/idle-rss.sh /path/to/OpsBot.dll [ENV=VALUE ...]
# Requires: a Release build of src/OpsBot.ClusterSim in this repository; curl.
set -euo pipefail
DLL=$(realpath "$1"); shift
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${IDLE_RSS_DIR:-/tmp/opsbot-idle-rss}; mkdir -p "$WORK"
SIMCFG=$WORK/sim.kubeconfig
if ! [ -f "$WORK/sim.pid" ] || ! kill -0 "$(cat "$WORK/sim.pid")" 2>/dev/null; then
  rm -f "$SIMCFG"
  dotnet "$ROOT/src/OpsBot.ClusterSim/bin/Release/net10.0/OpsBot.ClusterSim.dll" --kubeconfig "$SIMCFG" >"$WORK/sim.log" 2>&1 &
  echo $! > "$WORK/sim.pid"
  for _ in $(seq 60); do [ -f "$SIMCFG" ] && break; sleep 1; done
fi
PORT=$((20000 + RANDOM % 10000)); DATA=$(mktemp -d)
env Kubernetes__Kubeconfig="$SIMCFG" Console__Urls="http://127.0.0.1:$PORT" Storage__DataDirectory="$DATA" \
    Logging__LogLevel__Default=Warning "$@" bash -c "cd '$(dirname "$DLL")' && exec dotnet '$DLL'" >"$WORK/bot.log" 2>&1 &
BOT=$!
for _ in $(seq 240); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.5; done
sleep 5
if ! kill -0 $BOT 2>/dev/null; then echo "the bot exited; see $WORK/bot.log" >&2; exit 1; fi
echo "$(grep VmRSS /proc/$BOT/status | tr -s ' \t' ' ') | $(grep -E '^(Anonymous|Pss_Shmem|Private_Clean|Shared_Clean)' /proc/$BOT/smaps_rollup | tr -s ' ' | tr '\n' ' ')"
kill $BOT; wait $BOT 2>/dev/null || true; rm -rf "$DATA"
