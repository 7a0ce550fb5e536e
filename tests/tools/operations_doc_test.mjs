// Runs the `buf curl` session of docs/operations.md ("Inspect with buf curl") against a live
// sessiond and compares every output with the one printed in the doc, so that the doc cannot rot.
//
//   node operations_doc_test.mjs DOC URL           check; exit 1 on any difference
//   node operations_doc_test.mjs DOC URL --print   print the live outputs (to refresh the doc)
//
// Each ```sh block of the section holds one `buf curl` command (lines starting with # are
// comments, and every block must show the grpcurl form in one) and is followed by a fenced block
// with its output. Commands run in order with the doc's http://127.0.0.1:50051 replaced by URL and
// `buf` taken from PATH. Values that differ on every run (session ids and keys, times, page
// tokens) are compared by shape only; session ids in later commands are replaced by the live ids
// that the same position returned earlier.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";

const [docPath, url, mode] = process.argv.slice(2);
const DOC_URL = "http://127.0.0.1:50051";
const VOLATILE = new Set(["sessionKey", "createTime", "lastActivityTime", "expireTime", "nextPageToken"]);

const doc = readFileSync(docPath, "utf8");
const start = doc.indexOf("\n## Inspect with buf curl");
if (start < 0) throw new Error("docs/operations.md has no section \"Inspect with buf curl\"");
const end = doc.indexOf("\n## ", start + 1);
const section = doc.slice(start, end < 0 ? undefined : end);

// [{command, grpcurl, expected}] from the fenced blocks of the section.
const blocks = [...section.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2] }));
const steps = [];
for (let i = 0; i < blocks.length; i++) {
  if (blocks[i].lang !== "sh") continue;
  const lines = blocks[i].body.split("\n");
  const command = lines.filter((l) => !l.startsWith("#")).join("\n").replace(/\\\n\s*/g, " ").trim();
  const grpcurl = lines.filter((l) => l.startsWith("# grpcurl")).join("\n");
  const output = blocks[i + 1];
  if (!command.startsWith("buf curl ")) throw new Error(`not a buf curl command: ${command}`);
  if (!output || output.lang === "sh") throw new Error(`no output block after: ${command}`);
  steps.push({ command, grpcurl, expected: output.body.trimEnd() });
}
if (steps.length === 0) throw new Error("found no buf curl commands");

// Replaces volatile values by their shape; session ids by a stable alias per run.
function normalize(value, ids) {
  if (Array.isArray(value)) return value.map((v) => normalize(v, ids));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => {
      if (VOLATILE.has(key)) return [key, `<${key}:${typeof v}>`];
      if (key === "sessionId") {
        if (!ids.has(v)) ids.set(v, `<session ${ids.size + 1}>`);
        return [key, ids.get(v)];
      }
      return [key, normalize(v, ids)];
    }));
  }
  return value;
}
function parse(text) {
  try {
    return { json: JSON.parse(text) };
  } catch {
    return { text: text.trimEnd() };
  }
}
// Walks two parsed outputs in parallel, mapping each doc session id to the live one.
function learnIds(docValue, liveValue, map) {
  if (Array.isArray(docValue) && Array.isArray(liveValue)) {
    docValue.forEach((v, i) => learnIds(v, liveValue[i], map));
  } else if (docValue && liveValue && typeof docValue === "object" && typeof liveValue === "object") {
    for (const key of Object.keys(docValue)) {
      if (key === "sessionId" && typeof liveValue[key] === "string") map.set(docValue[key], liveValue[key]);
      else learnIds(docValue[key], liveValue[key], map);
    }
  }
}

const docIds = new Map();  // doc session id -> live session id
const docAliases = new Map();
const liveAliases = new Map();
let failures = 0;
for (const step of steps) {
  let command = step.command.split(DOC_URL).join(url);
  for (const [docId, liveId] of docIds) command = command.split(docId).join(liveId);
  const run = spawnSync("bash", ["-c", command], { encoding: "utf8" });
  const live = (run.stdout + run.stderr).trimEnd();
  if (mode === "--print") {
    console.log(`$ ${command}\n${live}\n`);
  }
  const expected = parse(step.expected);
  const actual = parse(live);
  if (expected.json !== undefined && actual.json !== undefined) learnIds(expected.json, actual.json, docIds);
  const same = expected.json !== undefined
    ? isDeepStrictEqual(normalize(expected.json, docAliases), normalize(actual.json ?? live, liveAliases))
    : expected.text === actual.text;
  const name = step.command.replace(/.*\//, "").replace(/'.*$/, "").slice(0, 60) || step.command;
  if (!step.grpcurl) {
    console.error(`FAIL ${step.command}: the doc gives no grpcurl form beside it`);
    failures++;
  } else if (!same) {
    console.error(`FAIL ${command}\n--- doc\n${step.expected}\n--- live (exit ${run.status})\n${live}`);
    failures++;
  } else {
    console.log(`ok   ${name} (exit ${run.status})`);
  }
}
if (failures > 0) {
  console.error(`operations doc: ${failures} of ${steps.length} commands differ from the doc`);
  process.exit(1);
}
console.log(`operations doc: all ${steps.length} buf curl outputs match the live server`);
