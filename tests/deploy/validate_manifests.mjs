// Validates every object of rendered manifests (a JSON array, from stdin) against the Kubernetes
// OpenAPI schemas shipped by npm's kubernetes-models. Exit 0 when all validate; 1 otherwise,
// printing each failure. An object whose apiVersion/kind has no model fails too.
import { readFileSync } from "node:fs";

const objects = JSON.parse(readFileSync(0, "utf8"));
if (!Array.isArray(objects) || objects.length === 0) {
  console.error("validate: no objects on stdin");
  process.exit(1);
}

let failures = 0;
for (const object of objects) {
  const name = `${object.kind}/${object.metadata?.name}`;
  let Model;
  try {
    ({ [object.kind]: Model } = await import(`kubernetes-models/${object.apiVersion}/${object.kind}`));
  } catch (error) {
    console.error(`FAIL ${name}: no schema for ${object.apiVersion} ${object.kind}`);
    failures++;
    continue;
  }
  // kustomize wraps long base64 values over lines; the API server's decoder skips line breaks,
  // the schema's "byte" format does not.
  if (object.kind === "Secret" && object.data) {
    for (const key of Object.keys(object.data)) object.data[key] = object.data[key].replace(/\s+/g, "");
  }
  try {
    new Model(object).validate();
    console.log(`ok   ${name} (${object.apiVersion})`);
  } catch (error) {
    console.error(`FAIL ${name}: ${error.message}`);
    failures++;
  }
}
if (failures > 0) {
  console.error(`validate: ${failures} of ${objects.length} objects failed`);
  process.exit(1);
}
console.log(`validate: all ${objects.length} objects match the Kubernetes schemas`);
