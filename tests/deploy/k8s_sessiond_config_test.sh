#!/usr/bin/env bash
# Checks the sessiond configuration of the rendered overlays against the real binary:
#  - every USERSESSIONS_* variable the manifests set names a flag that `sessiond --help` lists
#    (sessiond ignores variables that match no flag, so a misspelt one would pass silently);
#  - sessiond starts with the dev overlay's configuration: its ConfigMap and generated Secrets,
#    with the mount paths moved into a temporary folder and the store replaced by SQLite, and
#    answers readiness on the health port.
#
# Usage: k8s_sessiond_config_test.sh SOURCE_DIR SESSIOND
# kubectl with kustomize 5 is needed as in k8s_manifests_test.sh (skip with 77 outside CI).
set -euo pipefail
source_dir="$1"
sessiond="$2"
buf="${source_dir}/node_modules/.bin/buf"

kubectl="${KUBECTL:-$(command -v kubectl || true)}"
kustomize_version=""
if [[ -n "${kubectl}" && -x "${kubectl}" ]]; then
  kustomize_version="$("${kubectl}" version --client -o json 2>/dev/null |
    sed -n 's/.*"kustomizeVersion": *"\(v[0-9][^"]*\)".*/\1/p' || true)"
fi
if [[ "${kustomize_version}" != v5.* ]]; then
  if [[ "${CI:-}" == "true" ]]; then echo "FAIL: kubectl with kustomize 5 not found"; exit 1; fi
  echo "SKIPPED: kubectl with kustomize 5 not found; install kubectl 1.27+ or set KUBECTL"
  exit 77
fi

work="$(mktemp -d)"
pid=""
cleanup() {
  if [[ -n "${pid}" ]]; then kill -TERM "${pid}" 2>/dev/null || true; wait "${pid}" 2>/dev/null || true; fi
  rm -rf "${work}"
}
trap cleanup EXIT

"${sessiond}" --help >"${work}/help"
for overlay in dev production; do
  "${kubectl}" kustomize "${source_dir}/deploy/k8s/overlays/${overlay}" |
    /usr/bin/python3 -c 'import json, sys, yaml; json.dump([d for d in yaml.safe_load_all(sys.stdin) if d], sys.stdout)' \
      >"${work}/${overlay}.json"
  # NAME=VALUE lines of the sessiond container's environment (ConfigMap and literal values), and
  # NAME=secret:SECRET/KEY for values from Secrets.
  node -e '
    const objects = JSON.parse(require("fs").readFileSync(0, "utf8"));
    for (const workload of objects.filter((o) => o.kind === "Deployment" || o.kind === "Job")) {
      for (const container of workload.spec.template.spec.containers) {
        for (const from of container.envFrom ?? []) {
          const map = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === from.configMapRef?.name);
          for (const [name, value] of Object.entries(map?.data ?? {})) console.log(`${name}=${value}`);
        }
        for (const env of container.env ?? []) {
          const ref = env.valueFrom?.secretKeyRef;
          console.log(ref ? `${env.name}=secret:${ref.name}/${ref.key}` : `${env.name}=${env.value ?? ""}`);
        }
      }
    }' <"${work}/${overlay}.json" | sort -u >"${work}/${overlay}.env"
  while IFS='=' read -r name _; do
    [[ "${name}" == USERSESSIONS_* ]] || { echo "FAIL ${overlay}: ${name} is not a USERSESSIONS_ variable"; exit 1; }
    flag="--$(tr 'A-Z_' 'a-z-' <<<"${name#USERSESSIONS_}")"
    grep -q -- "^  ${flag}=" "${work}/help" ||
      { echo "FAIL ${overlay}: ${name} matches no sessiond flag (${flag})"; exit 1; }
  done <"${work}/${overlay}.env"
  echo "ok   ${overlay}: every USERSESSIONS_* variable names a sessiond flag ($(wc -l <"${work}/${overlay}.env") variables)"
done

# Start sessiond as the dev Deployment would, with files under ${work}/root instead of /.
root="${work}/root"
node -e '
  const fs = require("fs");
  const [root] = process.argv.slice(1);
  const objects = JSON.parse(fs.readFileSync(0, "utf8"));
  const deployment = objects.find((o) => o.kind === "Deployment" && o.metadata.name === "sessiond");
  const pod = deployment.spec.template.spec;
  const container = pod.containers.find((c) => c.name === "sessiond");
  for (const mount of container.volumeMounts) {
    const volume = pod.volumes.find((v) => v.name === mount.name);
    fs.mkdirSync(root + mount.mountPath, { recursive: true });
    if (!volume.secret) continue;
    const secret = objects.find((o) => o.kind === "Secret" && o.metadata.name === volume.secret.secretName);
    for (const [key, value] of Object.entries(secret.data)) {
      fs.writeFileSync(`${root}${mount.mountPath}/${key}`, Buffer.from(value.replace(/\s+/g, ""), "base64"));
    }
  }' "${root}" <"${work}/dev.json"
env_args=()
while IFS='=' read -r name value; do
  case "${value}" in
    secret:*) continue ;;  # the store: replaced below
    /*) value="${root}${value}" ;;
  esac
  # Listen on loopback with free ports; the rest of the configuration is the overlay's.
  case "${name}" in
    USERSESSIONS_LISTEN | USERSESSIONS_HEALTH_LISTEN | USERSESSIONS_METRICS_LISTEN) value="127.0.0.1:0" ;;
  esac
  env_args+=("${name}=${value}")
done <"${work}/dev.env"
env "${env_args[@]}" USERSESSIONS_STORE="sqlite:${work}/sessions.db" "${sessiond}" 2>"${work}/log" &
pid=$!
health=""
for _ in $(seq 1 200); do
  health="$(sed -n 's/.*"health_listening":"\([^"]*\)".*/\1/p' "${work}/log" | head -n 1)"
  grep -q '"listening"' "${work}/log" && [[ -n "${health}" ]] && break
  kill -0 "${pid}" 2>/dev/null || { cat "${work}/log"; echo "FAIL sessiond exited with the dev configuration"; exit 1; }
  sleep 0.05
done
[[ -n "${health}" ]] || { cat "${work}/log"; echo "FAIL sessiond did not start with the dev configuration"; exit 1; }
grep -q '"metrics_listening"' "${work}/log" || { cat "${work}/log"; echo "FAIL metrics not enabled"; exit 1; }
ready="$("${buf}" curl --protocol grpc --http2-prior-knowledge -d '{"service":"usersessions.v1.SessionStore"}' \
  "http://${health}/grpc.health.v1.Health/Check")"
grep -q '"SERVING"' <<<"${ready}" || { echo "FAIL readiness: ${ready}"; cat "${work}/log"; exit 1; }
echo "ok   sessiond starts with the dev overlay's configuration and is ready on its health port"
