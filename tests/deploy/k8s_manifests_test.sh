#!/usr/bin/env bash
# Renders every kustomize overlay of deploy/k8s and checks it.
#
# Usage: k8s_manifests_test.sh render|schema|policy SOURCE_DIR
#   render  every overlay renders with `kubectl kustomize`
#   schema  every rendered object validates against the Kubernetes schemas (kubernetes-models)
#   policy  the deployment policy holds (manifest_policy.mjs), and the policy check itself
#           reports each of a set of deliberate breaks
#
# kubectl must bundle kustomize 5 (kubectl 1.27 or later; Debian 12's kubernetes-client is too
# old and is not used). Set KUBECTL to pick one. Without it the test is skipped (exit 77), except
# under CI=true, where that is a failure.
set -euo pipefail
mode="$1"
source_dir="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
overlays=(dev production)

kubectl="${KUBECTL:-$(command -v kubectl || true)}"
kustomize_version=""
if [[ -n "${kubectl}" && -x "${kubectl}" ]]; then
  kustomize_version="$("${kubectl}" version --client -o json 2>/dev/null |
    sed -n 's/.*"kustomizeVersion": *"\(v[0-9][^"]*\)".*/\1/p' || true)"
fi
if [[ "${kustomize_version}" != v5.* ]]; then
  reason="kubectl with kustomize 5 not found (kubectl: ${kubectl:-none}, kustomize: ${kustomize_version:-none})"
  if [[ "${CI:-}" == "true" ]]; then
    echo "FAIL: ${reason}; the CI machine image provides it at /usr/bin/kubectl"
    exit 1
  fi
  echo "SKIPPED: ${reason}; install kubectl 1.27+ (not Debian's kubernetes-client) or set KUBECTL"
  exit 77
fi
python="/usr/bin/python3"
"${python}" -c 'import yaml' 2>/dev/null || { echo "python3-yaml is missing: run scripts/install-deps"; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

for overlay in "${overlays[@]}"; do
  dir="${source_dir}/deploy/k8s/overlays/${overlay}"
  if ! "${kubectl}" kustomize "${dir}" >"${work}/${overlay}.yaml" 2>"${work}/${overlay}.err"; then
    cat "${work}/${overlay}.err"
    echo "FAIL ${overlay}: kubectl kustomize ${dir} failed"
    exit 1
  fi
  "${python}" -c 'import json, sys, yaml; json.dump([d for d in yaml.safe_load_all(sys.stdin) if d], sys.stdout)' \
    <"${work}/${overlay}.yaml" >"${work}/${overlay}.json"
  count="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).length)' <"${work}/${overlay}.json")"
  [[ "${count}" -gt 0 ]] || { echo "FAIL ${overlay}: rendered no objects"; exit 1; }
  case "${mode}" in
    render) echo "ok   ${overlay}: ${count} objects rendered with kustomize ${kustomize_version}" ;;
    schema) node "${here}/validate_manifests.mjs" <"${work}/${overlay}.json" ;;
    policy)
      node "${here}/manifest_policy.mjs" "${overlay}" <"${work}/${overlay}.json"
      node "${here}/manifest_policy.mjs" --self-test "${overlay}" <"${work}/${overlay}.json"
      ;;
    *) echo "unknown mode ${mode}"; exit 2 ;;
  esac
done
echo "${mode}: all overlays passed"
