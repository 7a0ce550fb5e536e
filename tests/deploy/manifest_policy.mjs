// The deployment policy of sessiond, checked on rendered manifests (a JSON array on stdin):
//   node manifest_policy.mjs OVERLAY < objects.json   exit 0 when every rule holds, else 1
//   node manifest_policy.mjs --self-test              breaks a good render in known ways and
//                                                     checks that each break is reported
// OVERLAY is "dev" or "production"; a few rules depend on it (replica counts, TLS, spreading).
import { readFileSync } from "node:fs";

const WORKLOADS = new Set(["Deployment", "StatefulSet", "Job", "DaemonSet", "CronJob"]);
const SERVER = "sessiond";

// "20s", "1m30s", "500ms" (the absl durations of USERSESSIONS_DRAIN_TIMEOUT) in seconds.
function durationSeconds(text) {
  const units = { h: 3600, m: 60, s: 1, ms: 0.001 };
  let total = 0;
  let rest = String(text);
  const part = /^(\d+(?:\.\d+)?)(ms|h|m|s)/;
  if (rest === "0") return 0;
  while (rest.length > 0) {
    const match = part.exec(rest);
    if (!match) return NaN;
    total += Number(match[1]) * units[match[2]];
    rest = rest.slice(match[0].length);
  }
  return total;
}

function podSpecOf(object) {
  if (object.kind === "CronJob") return object.spec.jobTemplate.spec.template.spec;
  return object.spec.template.spec;
}
function podLabelsOf(object) {
  if (object.kind === "CronJob") return object.spec.jobTemplate.spec.template.metadata?.labels ?? {};
  return object.spec.template.metadata?.labels ?? {};
}
function selects(matchLabels, labels) {
  const entries = Object.entries(matchLabels ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}
function secretsReferencedBy(pod) {
  const names = (pod.volumes ?? []).map((v) => v.secret?.secretName);
  for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
    for (const env of container.env ?? []) names.push(env.valueFrom?.secretKeyRef?.name);
    for (const from of container.envFrom ?? []) names.push(from.secretRef?.name);
  }
  return names.filter(Boolean);
}
function portNumber(address) {
  return Number(String(address).slice(String(address).lastIndexOf(":") + 1));
}

// Returns the list of violations, each "rule: detail".
export function check(objects, overlay) {
  const problems = [];
  const fail = (rule, detail) => problems.push(`${rule}: ${detail}`);
  const byKind = (kind) => objects.filter((o) => o.kind === kind);

  // --- every workload ---------------------------------------------------------------------------
  for (const workload of objects.filter((o) => WORKLOADS.has(o.kind))) {
    const name = `${workload.kind}/${workload.metadata.name}`;
    const pod = podSpecOf(workload);
    const podSecurity = pod.securityContext ?? {};
    if (podSecurity.seccompProfile?.type !== "RuntimeDefault") {
      fail("seccomp", `${name} must use the RuntimeDefault seccomp profile`);
    }
    if (pod.automountServiceAccountToken !== false) {
      fail("service-account-token", `${name} must not mount an API token`);
    }
    for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
      const where = `${name} container ${container.name}`;
      const security = container.securityContext ?? {};
      const image = container.image ?? "";
      const lastSegment = image.slice(image.lastIndexOf("/") + 1);
      if (!image.includes("@sha256:") && !lastSegment.includes(":")) {
        fail("pinned-image", `${where} uses an untagged image ${image}`);
      } else if (/:latest(@|$)/.test(lastSegment)) {
        fail("pinned-image", `${where} uses the latest tag (${image})`);
      }
      for (const kind of ["requests", "limits"]) {
        for (const resource of ["cpu", "memory"]) {
          if (!container.resources?.[kind]?.[resource]) {
            fail("resources", `${where} has no ${kind}.${resource}`);
          }
        }
      }
      if ((security.runAsNonRoot ?? podSecurity.runAsNonRoot) !== true) {
        fail("non-root", `${where} must set runAsNonRoot`);
      }
      const uid = security.runAsUser ?? podSecurity.runAsUser;
      if (uid === undefined || uid === 0) {
        fail("non-root", `${where} must run as a numeric non-zero runAsUser`);
      }
      if (security.readOnlyRootFilesystem !== true) {
        fail("read-only-root", `${where} must set readOnlyRootFilesystem`);
      }
      if (security.allowPrivilegeEscalation !== false) {
        fail("privilege-escalation", `${where} must set allowPrivilegeEscalation: false`);
      }
      if (!(security.capabilities?.drop ?? []).includes("ALL")) {
        fail("capabilities", `${where} must drop ALL capabilities`);
      }
      if (security.privileged) fail("privileged", `${where} must not be privileged`);
      if (workload.kind !== "Job" && workload.kind !== "CronJob") {
        for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
          if (!container[probe]) fail("probes", `${where} has no ${probe}`);
        }
      }
    }
  }

  // --- the sessiond Deployment ------------------------------------------------------------------
  const deployments = byKind("Deployment").filter((d) => d.metadata.name === SERVER);
  if (deployments.length !== 1) {
    fail("deployment", `expected one Deployment ${SERVER}, found ${deployments.length}`);
    return problems;
  }
  const deployment = deployments[0];
  const pod = podSpecOf(deployment);
  const podLabels = podLabelsOf(deployment);
  const container = pod.containers.find((c) => c.name === SERVER);
  if (!container) {
    fail("deployment", `no container named ${SERVER}`);
    return problems;
  }
  if (!selects(deployment.spec.selector.matchLabels, podLabels)) {
    fail("selector", "the Deployment's selector does not match its pod labels");
  }

  // Flags come from the ConfigMap named by envFrom.
  const configName = (container.envFrom ?? []).map((e) => e.configMapRef?.name).find(Boolean);
  const config = byKind("ConfigMap").find((c) => c.metadata.name === configName)?.data;
  if (!config) {
    fail("config", `the ConfigMap ${configName} named by envFrom is not rendered`);
    return problems;
  }
  const envNames = new Set([
    ...Object.keys(config),
    ...(container.env ?? []).map((e) => e.name),
  ]);
  if (!envNames.has("USERSESSIONS_STORE")) fail("config", "USERSESSIONS_STORE is not set");
  const storeRef = (container.env ?? []).find((e) => e.name === "USERSESSIONS_STORE");
  if (!storeRef?.valueFrom?.secretKeyRef) {
    fail("secrets", "USERSESSIONS_STORE must come from a Secret (it holds the database password)");
  }
  for (const [flag, volumeMountPrefix] of [
    ["USERSESSIONS_AUTH_TOKENS_FILE", "auth tokens"],
    ["USERSESSIONS_PAGE_TOKEN_SECRET_FILE", "page-token secret"],
  ]) {
    const path = config[flag];
    const mount = (container.volumeMounts ?? []).find((m) => path?.startsWith(`${m.mountPath}/`));
    const volume = mount && (pod.volumes ?? []).find((v) => v.name === mount.name);
    if (!volume?.secret) {
      fail("secrets", `${flag} must name a file on a mounted Secret (${volumeMountPrefix})`);
    } else if (mount.subPath) {
      fail("secrets", `${flag}: a subPath mount never sees Secret rotation`);
    }
  }
  if (config.USERSESSIONS_GEOIP_DB) {
    const mount = (container.volumeMounts ?? []).find((m) =>
      config.USERSESSIONS_GEOIP_DB.startsWith(`${m.mountPath}/`));
    if (!mount) fail("geoip", "USERSESSIONS_GEOIP_DB is not on a mounted volume");
  }

  // Probes: native gRPC on the plaintext health port, with the DESIGN's service names.
  const healthPort = portNumber(config.USERSESSIONS_HEALTH_LISTEN ?? "");
  if (!healthPort) fail("probes", "USERSESSIONS_HEALTH_LISTEN is not set");
  const expectProbe = (probe, services) => {
    const grpc = container[probe]?.grpc;
    if (!grpc) return fail("probes", `${probe} must be a native gRPC probe`);
    if (grpc.port !== healthPort) {
      fail("probes", `${probe} must use the --health-listen port ${healthPort}, not ${grpc.port}`);
    }
    if (!services.includes(grpc.service ?? "")) {
      fail("probes", `${probe} checks service "${grpc.service ?? ""}"; expected ${services.join(" or ")}`);
    }
  };
  expectProbe("readinessProbe", ["", "usersessions.v1.SessionStore"]);
  expectProbe("livenessProbe", ["liveness"]);
  expectProbe("startupProbe", ["liveness"]);

  // Ports declared and consistent with the listen flags.
  const containerPorts = Object.fromEntries((container.ports ?? []).map((p) => [p.name, p.containerPort]));
  for (const [name, flag] of [["grpc", "USERSESSIONS_LISTEN"], ["health", "USERSESSIONS_HEALTH_LISTEN"],
    ["metrics", "USERSESSIONS_METRICS_LISTEN"]]) {
    if (!config[flag]) fail("ports", `${flag} is not set`);
    else if (containerPorts[name] !== portNumber(config[flag])) {
      fail("ports", `container port ${name} (${containerPorts[name]}) differs from ${flag}`);
    }
  }

  // Graceful termination outlasts the preStop pause plus the drain.
  const drain = durationSeconds(config.USERSESSIONS_DRAIN_TIMEOUT ?? "20s");
  const preStop = container.lifecycle?.preStop?.exec?.command ?? [];
  const pause = preStop.at(-2)?.endsWith("sleep") ? Number(preStop.at(-1)) : 0;
  const grace = pod.terminationGracePeriodSeconds ?? 30;
  if (!(grace > drain + pause)) {
    fail("termination", `terminationGracePeriodSeconds ${grace} must exceed the drain ${drain}s + preStop ${pause}s`);
  }

  // Services, PDB, NetworkPolicy and HPA all point at these pods.
  const services = byKind("Service").filter((s) => s.metadata.name.startsWith(SERVER));
  if (services.length === 0) fail("service", "no Service for sessiond");
  for (const service of services) {
    if (!selects(service.spec.selector, podLabels)) {
      fail("service", `Service ${service.metadata.name} does not select the sessiond pods`);
    }
  }
  const main = services.find((s) => s.metadata.name === SERVER);
  const servicePorts = new Set((main?.spec.ports ?? []).map((p) => p.targetPort));
  for (const port of ["grpc", "metrics"]) {
    if (!servicePorts.has(port) && !servicePorts.has(containerPorts[port])) {
      fail("service", `Service ${SERVER} does not expose the ${port} port`);
    }
  }
  const pdbs = byKind("PodDisruptionBudget");
  if (pdbs.length === 0) fail("pdb", "no PodDisruptionBudget");
  for (const pdb of pdbs) {
    if (!selects(pdb.spec.selector?.matchLabels, podLabels)) {
      fail("pdb", `PodDisruptionBudget ${pdb.metadata.name} does not select the sessiond pods`);
    }
  }
  const policies = byKind("NetworkPolicy").filter((p) => selects(p.spec.podSelector?.matchLabels, podLabels));
  if (policies.length === 0) fail("network-policy", "no NetworkPolicy selects the sessiond pods");
  const allowedPorts = new Map();
  for (const policy of policies) {
    for (const rule of policy.spec.ingress ?? []) {
      for (const port of rule.ports ?? []) allowedPorts.set(port.port, rule.from ?? []);
    }
  }
  const grpcFrom = allowedPorts.get(containerPorts.grpc) ?? allowedPorts.get("grpc");
  if (!grpcFrom || grpcFrom.length === 0 || grpcFrom.some((peer) => !peer.podSelector?.matchLabels)) {
    fail("network-policy", "the gRPC port must be open only to labelled client pods");
  }
  const metricsFrom = allowedPorts.get(containerPorts.metrics) ?? allowedPorts.get("metrics");
  if (!metricsFrom || metricsFrom.length === 0 || metricsFrom.some((peer) => !peer.podSelector?.matchLabels)) {
    fail("network-policy", "the metrics port must be open only to labelled Prometheus pods");
  }
  for (const hpa of byKind("HorizontalPodAutoscaler")) {
    if (hpa.spec.scaleTargetRef.kind !== "Deployment" || hpa.spec.scaleTargetRef.name !== SERVER) {
      fail("hpa", `HorizontalPodAutoscaler ${hpa.metadata.name} does not scale the sessiond Deployment`);
    }
    if (!(hpa.spec.minReplicas >= 1 && hpa.spec.minReplicas <= hpa.spec.maxReplicas)) {
      fail("hpa", "minReplicas must be between 1 and maxReplicas");
    }
  }

  // The migration Job runs `sessiond migrate` with the server's image and store.
  const migrations = byKind("Job").filter((job) =>
    podSpecOf(job).containers.some((c) => (c.args ?? []).includes("migrate")));
  if (migrations.length !== 1) {
    fail("migration", `expected one Job running \`sessiond migrate\`, found ${migrations.length}`);
  } else {
    const migrate = podSpecOf(migrations[0]).containers[0];
    if (migrate.image !== container.image) {
      fail("migration", `the migration Job runs ${migrate.image}, the Deployment ${container.image}`);
    }
    const jobStore = (migrate.env ?? []).find((e) => e.name === "USERSESSIONS_STORE");
    if (jobStore?.valueFrom?.secretKeyRef?.name !== storeRef?.valueFrom?.secretKeyRef?.name) {
      fail("migration", "the migration Job must use the Deployment's store Secret");
    }
  }

  // Every Secret the workloads reference is rendered in dev (generated), and external in
  // production (created out of band).
  const renderedSecrets = new Set(byKind("Secret").map((s) => s.metadata.name));
  if (overlay === "dev") {
    for (const workload of objects.filter((o) => WORKLOADS.has(o.kind))) {
      for (const name of secretsReferencedBy(podSpecOf(workload))) {
        if (!renderedSecrets.has(name)) {
          fail("secrets", `${workload.metadata.name} references Secret ${name}, which dev does not generate`);
        }
      }
    }
  }

  // --- per overlay --------------------------------------------------------------------------------
  if (overlay === "dev") {
    if (deployment.spec.replicas !== 1) fail("dev", "the dev overlay runs one replica");
    const database = byKind("StatefulSet").find((s) => (s.spec.volumeClaimTemplates ?? []).length > 0);
    if (!database) fail("dev", "the dev overlay needs a database StatefulSet with a PVC");
    if (byKind("HorizontalPodAutoscaler").length > 0) fail("dev", "no autoscaler on a laptop cluster");
  } else if (overlay === "production") {
    if (!(deployment.spec.replicas >= 3)) fail("production", "production runs at least 3 replicas");
    for (const hpa of byKind("HorizontalPodAutoscaler")) {
      if (!(hpa.spec.minReplicas >= 3)) fail("production", "the autoscaler keeps at least 3 replicas");
    }
    const spread = (pod.topologySpreadConstraints ?? []).some((c) => selects(c.labelSelector?.matchLabels, podLabels));
    const anti = (pod.affinity?.podAntiAffinity ? true : false);
    if (!spread && !anti) fail("production", "replicas must be spread (topologySpreadConstraints or anti-affinity)");
    for (const flag of ["USERSESSIONS_TLS_CERT", "USERSESSIONS_TLS_KEY"]) {
      const mount = (container.volumeMounts ?? []).find((m) => config[flag]?.startsWith(`${m.mountPath}/`));
      const volume = mount && (pod.volumes ?? []).find((v) => v.name === mount.name);
      if (!volume?.secret) fail("production", `${flag} must name a file on a mounted Secret`);
    }
    if (byKind("StatefulSet").length > 0) fail("production", "production uses an external database");
  }
  return problems;
}

// Each mutation breaks one rule of a passing render; the check must report that rule. A third
// element limits a mutation to one overlay.
const MUTATIONS = [
  ["probes", (o) => { delete server(o).readinessProbe; }],
  ["probes", (o) => { server(o).livenessProbe.grpc.service = "usersessions.v1.SessionStore"; }],
  ["probes", (o) => { server(o).startupProbe.grpc.port = 50051; }],
  ["resources", (o) => { delete server(o).resources.limits; }],
  ["non-root", (o) => { delete server(o).securityContext.runAsNonRoot; delete deploymentOf(o).spec.template.spec.securityContext.runAsNonRoot; }],
  ["read-only-root", (o) => { server(o).securityContext.readOnlyRootFilesystem = false; }],
  ["capabilities", (o) => { server(o).securityContext.capabilities.drop = ["NET_RAW"]; }],
  ["pinned-image", (o) => { server(o).image = "usersessions/sessiond:latest"; }],
  ["pinned-image", (o) => { server(o).image = "registry.example.com:5000/usersessions/sessiond"; }],
  ["pdb", (o) => { o.find((x) => x.kind === "PodDisruptionBudget").spec.selector.matchLabels = { app: "other" }; }],
  ["service", (o) => { o.find((x) => x.kind === "Service" && x.metadata.name === SERVER).spec.selector = { app: "other" }; }],
  ["network-policy", (o) => { for (const p of o.filter((x) => x.kind === "NetworkPolicy")) p.spec.podSelector = { matchLabels: { app: "other" } }; }],
  ["termination", (o) => { deploymentOf(o).spec.template.spec.terminationGracePeriodSeconds = 20; }],
  ["migration", (o) => { o.find((x) => x.kind === "Job").spec.template.spec.containers[0].image = "usersessions/sessiond:0.0.9"; }],
  ["secrets", (o) => { server(o).volumeMounts.find((m) => m.name === "auth-tokens").subPath = "tokens"; }],
  ["secrets", (o) => { server(o).env.find((e) => e.name === "USERSESSIONS_STORE").valueFrom.secretKeyRef.name = "missing"; }, "dev"],
];
function deploymentOf(objects) {
  return objects.find((o) => o.kind === "Deployment" && o.metadata.name === SERVER);
}
function server(objects) {
  return deploymentOf(objects).spec.template.spec.containers.find((c) => c.name === SERVER);
}

function selfTest(objects, overlay) {
  let failures = 0;
  const baseline = check(objects, overlay);
  if (baseline.length > 0) {
    console.error(`self-test: the unmodified ${overlay} render must pass, got:\n  ${baseline.join("\n  ")}`);
    return 1;
  }
  for (const [rule, mutate, only] of MUTATIONS) {
    if (only && only !== overlay) continue;
    const copy = structuredClone(objects);
    mutate(copy);
    const problems = check(copy, overlay);
    if (problems.some((p) => p.startsWith(`${rule}:`))) {
      console.log(`ok   breaking ${rule} is reported: ${problems.find((p) => p.startsWith(`${rule}:`))}`);
    } else {
      console.error(`FAIL breaking ${rule} (${mutate.toString().slice(0, 80)}) was not reported; got ${JSON.stringify(problems)}`);
      failures++;
    }
  }
  return failures > 0 ? 1 : 0;
}

const args = process.argv.slice(2);
const objects = JSON.parse(readFileSync(0, "utf8"));
if (args[0] === "--self-test") {
  process.exit(selfTest(objects, args[1] ?? "dev"));
}
const overlay = args[0];
if (overlay !== "dev" && overlay !== "production") {
  console.error("usage: node manifest_policy.mjs dev|production < objects.json");
  process.exit(2);
}
const problems = check(objects, overlay);
for (const problem of problems) console.error(`FAIL ${problem}`);
if (problems.length > 0) process.exit(1);
console.log(`policy: ${overlay} passes every rule (${objects.length} objects)`);
