#!/usr/bin/env bash
# Dumps what OpsBot's triage reads from a cluster into a folder that ClusterSim serves as recorded:
#
#   tools/dump-cluster.sh -o incident-42 [--context prod] [-n shop -n payments]
#   dotnet run --project src/OpsBot.ClusterSim -- --replay incident-42 [--at 2026-11-20T03:00:00Z]
#
# Layout: objects/KIND.json (kubectl get -o json, one List per kind and namespace), metrics/pods.json and
# metrics/nodes.json (metrics.k8s.io, when the cluster serves it), logs/NAMESPACE/POD/CONTAINER.log and
# CONTAINER.previous.log (kubectl logs --timestamps) for containers that are failing, restarting or not ready.
# Secrets are written without data and stringData, and without the last-applied annotation (which repeats them).
# Needs kubectl only (and bash, sed, mkdir): every read is a kubectl get or kubectl logs; a kind the cluster does
# not serve, or that the credentials may not read, is skipped with a warning.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: tools/dump-cluster.sh [-o DIR] [--context NAME] [--kubeconfig PATH] [-n NAMESPACE]... [--all-logs] [--no-logs] [--tail N]
  -o, --output DIR     folder to write (default: cluster-dump-YYYYMMDDTHHMMSSZ); must not exist or be empty
  --context NAME       kubeconfig context (default: the current one)
  --kubeconfig PATH    kubeconfig file (default: kubectl's)
  -n, --namespace NS   dump only these namespaces (repeatable; cluster-scoped kinds are always dumped); default: all
  --all-logs           logs of every container, not only failing/restarting/unready ones
  --no-logs            no logs at all
  --tail N             lines per log (default 2000)
USAGE
}

out=""
namespaces=()
kubectl_flags=()
logs="failing"
tail_lines=2000
while [ $# -gt 0 ]; do
  case "$1" in
    -o|--output) out="${2:?$1 needs a value}"; shift 2 ;;
    --context) kubectl_flags+=(--context "${2:?$1 needs a value}"); shift 2 ;;
    --kubeconfig) kubectl_flags+=(--kubeconfig "${2:?$1 needs a value}"); shift 2 ;;
    -n|--namespace) namespaces+=("${2:?$1 needs a value}"); shift 2 ;;
    --all-logs) logs="all"; shift ;;
    --no-logs) logs="none"; shift ;;
    --tail)
      tail_lines="${2:?$1 needs a value}"
      [[ "$tail_lines" =~ ^[0-9]+$ ]] || { echo "error: --tail needs a number, not '$tail_lines'" >&2; exit 2; }
      shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

out="${out:-cluster-dump-$(date -u +%Y%m%dT%H%M%SZ)}"
if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
  echo "error: $out exists and is not empty" >&2
  exit 2
fi

k() { kubectl ${kubectl_flags[@]+"${kubectl_flags[@]}"} "$@"; }
warn() { echo "warning: $*" >&2; }

served="$(k api-resources -o name 2>/dev/null)" || { echo "error: kubectl api-resources failed: is the cluster reachable with these credentials?" >&2; exit 1; }
is_served() { grep -qxF "$1" <<<"$served"; }

mkdir -p "$out/objects"

# Namespaced kinds, then cluster-scoped ones: what triage reads. Secrets are handled apart.
namespaced_kinds=(
  pods events deployments.apps replicasets.apps statefulsets.apps daemonsets.apps jobs.batch cronjobs.batch
  horizontalpodautoscalers.autoscaling services endpoints endpointslices.discovery.k8s.io
  ingresses.networking.k8s.io persistentvolumeclaims configmaps poddisruptionbudgets.policy
  certificates.cert-manager.io
)
cluster_kinds=(namespaces nodes persistentvolumes storageclasses.storage.k8s.io)

# scopes: "-A" or one "-n NS" per namespace; file suffixes follow.
scopes=()
if [ ${#namespaces[@]} -eq 0 ]; then scopes=("-A"); else for ns in "${namespaces[@]}"; do scopes+=("$ns"); done; fi
scope_args() { if [ "$1" = "-A" ]; then echo "-A"; else echo "-n $1"; fi; }
scope_suffix() { if [ "$1" = "-A" ]; then echo ""; else echo ".$1"; fi; }

dump() { # resource file [kubectl scope flags...]
  local resource="$1" file="$2"; shift 2
  if ! is_served "$resource"; then
    warn "the cluster does not serve $resource: skipped"
    return 0
  fi
  if ! k get "$resource" "$@" -o json > "$file.tmp" 2> "$file.err"; then
    warn "kubectl get $resource $*: $(tr '\n' ' ' < "$file.err")(skipped)"
    rm -f "$file.tmp" "$file.err"
    return 0
  fi
  rm -f "$file.err"
  mv "$file.tmp" "$file"
}

for kind in "${namespaced_kinds[@]}"; do
  for scope in "${scopes[@]}"; do
    # shellcheck disable=SC2046
    dump "$kind" "$out/objects/${kind%%.*}$(scope_suffix "$scope").json" $(scope_args "$scope")
  done
done
for kind in "${cluster_kinds[@]}"; do
  dump "$kind" "$out/objects/${kind%%.*}.json"
done

# Secrets: data and stringData removed by kubectl itself before anything reaches the disk (and the last-applied
# annotation, which would repeat them); the empty annotations map that leaves behind is dropped again.
for scope in "${scopes[@]}"; do
  file="$out/objects/secrets$(scope_suffix "$scope").yaml"
  # shellcheck disable=SC2046
  if ! names="$(k get secrets $(scope_args "$scope") -o name 2>/dev/null)"; then
    warn "kubectl get secrets $(scope_args "$scope"): not allowed or failed (skipped)"
    continue
  fi
  [ -n "$names" ] || continue
  # shellcheck disable=SC2046
  k get secrets $(scope_args "$scope") -o json \
    | k patch --local -f - --type merge -p '{"data":null,"stringData":null}' -o json \
    | k annotate --local -f - kubectl.kubernetes.io/last-applied-configuration- -o yaml \
    | sed '/^  annotations: {}$/d' > "$file.tmp"
  mv "$file.tmp" "$file"
done

# Metrics (kubectl top's source), when metrics-server or the like runs.
if is_served pods.metrics.k8s.io; then
  mkdir -p "$out/metrics"
  for scope in "${scopes[@]}"; do
    # shellcheck disable=SC2046
    dump pods.metrics.k8s.io "$out/metrics/pods$(scope_suffix "$scope").json" $(scope_args "$scope")
  done
  dump nodes.metrics.k8s.io "$out/metrics/nodes.json"
fi

# Logs of the containers worth reading: restarted, waiting, terminated other than Completed, or (app containers)
# not ready — current run and, after a restart, the previous one. With --all-logs every container's.
# shellcheck disable=SC2016 # a Go template, not shell: $ns and $pod are template variables
template='{{range .items}}{{$ns := .metadata.namespace}}{{$pod := .metadata.name}}{{range .status.initContainerStatuses}}{{$ns}} {{$pod}} {{.name}} init {{.restartCount}} {{.ready}} {{if .state.waiting}}waiting{{else if .state.terminated}}{{.state.terminated.reason}}{{else}}running{{end}}{{"\n"}}{{end}}{{range .status.containerStatuses}}{{$ns}} {{$pod}} {{.name}} app {{.restartCount}} {{.ready}} {{if .state.waiting}}waiting{{else if .state.terminated}}{{.state.terminated.reason}}{{else}}running{{end}}{{"\n"}}{{end}}{{end}}'
log_count=0
if [ "$logs" != "none" ] && is_served pods; then
  for scope in "${scopes[@]}"; do
    # shellcheck disable=SC2046
    if ! statuses="$(k get pods $(scope_args "$scope") -o go-template="$template" 2>/dev/null)"; then
      warn "kubectl get pods $(scope_args "$scope"): failed, no logs (skipped)"
      continue
    fi
    while read -r ns pod container role restarts ready state; do
      [ -n "${ns:-}" ] || continue
      wanted=false
      if [ "$logs" = "all" ] || [ "$restarts" != "0" ] || [ "$state" = "waiting" ] \
        || { [ "$state" != "running" ] && [ "$state" != "Completed" ]; } \
        || { [ "$role" = "app" ] && [ "$ready" != "true" ]; } \
        || { [ "$role" = "init" ] && [ "$state" = "running" ]; }; then
        wanted=true
      fi
      [ "$wanted" = true ] || continue
      dir="$out/logs/$ns/$pod"
      mkdir -p "$dir"
      if k logs -n "$ns" "$pod" -c "$container" --timestamps --tail="$tail_lines" > "$dir/$container.log" 2>/dev/null; then
        log_count=$((log_count + 1))
      else
        rm -f "$dir/$container.log"
      fi
      if [ "$restarts" != "0" ]; then
        if k logs -n "$ns" "$pod" -c "$container" --previous --timestamps --tail="$tail_lines" > "$dir/$container.previous.log" 2>/dev/null; then
          log_count=$((log_count + 1))
        else
          rm -f "$dir/$container.previous.log"
        fi
      fi
      rmdir "$dir" 2>/dev/null || true
    done <<<"$statuses"
  done
fi

files=$(find "$out" -type f | wc -l | tr -d ' ')
echo "dumped $files files ($log_count logs) to $out"
echo "replay: dotnet run --project src/OpsBot.ClusterSim -- --replay $out"
