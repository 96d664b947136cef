#!/usr/bin/env bash
# Measures OpsBot's resident memory (VmRSS / VmHWM of the host process, from /proc) on the embedded default,
# idle and under a realistic command load through the console API — the figures docs/DEPLOY.md sizes the
# Deployment's memory request and limit from.
#
#   manifests/kubernetes/measure-rss.sh [--rounds N] [--concurrency N] [--port N] [--no-build]
#
# Builds src/OpsBot in Release (unless --no-build), starts it with `dotnet run` on a free data folder and
# port, waits for /readyz, samples RSS (and CPU time) idle and a minute later, then runs N rounds of the command mix below (drills included,
# so triage sees real incidents) with C concurrent clients, sampling RSS after each round.
set -euo pipefail
cd "$(dirname "$0")/../.."

rounds=10
concurrency=4
port=5189
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "usage: $0 [--rounds N] [--concurrency N] [--port N] [--no-build]" >&2; exit 2 ;;
  esac
done

command -v curl >/dev/null || { echo "curl is missing (apt-get install curl)" >&2; exit 2; }
[ "$build" -eq 0 ] || dotnet build src/OpsBot -c Release --nologo -v quiet >/dev/null

data=$(mktemp -d)
log="$data/opsbot.log"
base="http://127.0.0.1:$port"
Storage__DataDirectory="$data" Console__Urls="$base" \
  dotnet run -c Release --no-build --project src/OpsBot >"$log" 2>&1 &
runner=$!
cleanup() {
  kill "$runner" 2>/dev/null || true
  [ -z "${host:-}" ] || kill "$host" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

for _ in $(seq 1 240); do
  curl -fs "$base/readyz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "$base/readyz" >/dev/null || { echo "OpsBot did not become ready; log:" >&2; cat "$log" >&2; exit 1; }
# `dotnet run` starts the host as its own process: measure that one, not the CLI.
host=$(pgrep -P "$runner" -f 'OpsBot' | head -1 || true)
[ -n "$host" ] || host=$(pgrep -f "bin/Release/net10.0/OpsBot" | head -1)

ticks=$(getconf CLK_TCK)
# Resident memory now and at its peak, and CPU time used so far (user + system) in seconds.
rss() {
  awk '/^VmRSS|^VmHWM/ { printf "%s %.1f MB  ", $1, $2 / 1024 }' "/proc/$host/status"
  awk -v hz="$ticks" '{ printf "CPU %.1f s", ($14 + $15) / hz }' "/proc/$host/stat"
  echo
}

command_json() { printf '{"text": "%s", "user": "%s", "channel": "rss-%s"}' "$1" "$2" "$3"; }
post() { curl -fs -o /dev/null -XPOST "$base/api/console/commands" -H 'content-type: application/json' -d "$(command_json "$1" alice "$2")" || echo "command failed: $1" >&2; }

# What an on-call SRE does during an incident, on each of the e-commerce scenarios.
mix=(
  "/k8s pods -A" "/k8s pods -n ecommerce-production --problems" "/k8s events -A --warnings" "/k8s nodes"
  "/k8s top pods -A" "/k8s top nodes" "/k8s hpa -A" "/k8s certs -A" "/triage ns/ecommerce-production"
  "/triage frontend -n ecommerce-production" "/k8s describe deploy frontend -n ecommerce-production"
  "/k8s rollout history deploy/frontend -n ecommerce-production" "/workflow list" "/audit --limit 50"
)
scenarios=(s01-frontend-memory-leak s03-flash-sale-hpa-at-max s05-jvm-heap-oom s07-tls-certificate-expired s10-node-lost s11-bad-release-5xx)

sleep 5
echo "idle (ready + 5 s):  $(rss)"
sleep 60
echo "idle (a minute later):  $(rss)"
for round in $(seq 1 "$rounds"); do
  started=$SECONDS
  scenario=${scenarios[$(( (round - 1) % ${#scenarios[@]} ))]}
  post "/drill start $scenario" "drill"
  post "/drill advance 10m" "drill"
  clients=()
  for client in $(seq 1 "$concurrency"); do
    (
      for text in "${mix[@]}"; do post "$text" "c$client"; done
      curl -fs -o /dev/null "$base/api/dashboard"
      curl -fs -o /dev/null "$base/metrics"
    ) &
    clients+=("$!")
  done
  wait "${clients[@]}"
  echo "round $round ($scenario, $((concurrency * ${#mix[@]})) commands, $((SECONDS - started)) s):  $(rss)"
done
echo "after $rounds rounds:  $(rss)"
