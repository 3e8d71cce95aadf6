// Validates EventBridge's deploy files offline, with the schemas of the tools that will read them:
//   compose.yaml            against the Compose Specification's JSON Schema (compose-spec.json, vendored: see README.md)
//   Kubernetes manifests    each object against the Kubernetes API schemas (kubernetes-models' validate())
//   Dockerfile              with dockerfile-utils (the Docker language server's checks)
// Usage: node validate.mjs [file ...]   (paths relative to the repository; default: every deploy file)
// Prints "ok <file>" or "problem <file>: <what>" per file; exit 0 when all are valid, 1 otherwise, 2 when a file is missing.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import Ajv from 'ajv';
import { validate as validateDockerfile } from 'dockerfile-utils';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const defaults = [
  'deploy/compose/compose.yaml',
  'deploy/kubernetes/eventbridge.yaml',
  'deploy/kubernetes/secret.example.yaml',
  'deploy/docker/Dockerfile',
];

function composeProblems(text) {
  // Compose files use YAML merge keys (<<: *worker), a YAML 1.1 feature the 1.2 parser needs to be told about.
  const document = YAML.parse(text, { merge: true });
  const schema = JSON.parse(fs.readFileSync(path.join(here, 'compose-spec.json'), 'utf8'));
  delete schema.$schema; // draft-07, which Ajv speaks by default; the file names it by a URL Ajv does not know
  const check = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
  return check(document) ? [] : check.errors.map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
}

async function kubernetesProblems(text) {
  const problems = [];
  const documents = YAML.parseAllDocuments(text);
  for (const document of documents) {
    if (document.errors.length > 0) {
      problems.push(...document.errors.map((e) => e.message));
      continue;
    }
    const object = document.toJS();
    if (!object) continue;
    const where = `${object.kind ?? '?'} ${object.metadata?.name ?? '?'}`;
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
      problems.push(`${where}: apiVersion and kind are required`);
      continue;
    }
    let model;
    try {
      model = (await import(`kubernetes-models/${object.apiVersion}/${object.kind}`))[object.kind];
    } catch {
      problems.push(`${where}: no Kubernetes schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new model(object).validate();
    } catch (error) {
      problems.push(`${where}: ${error.message}`);
    }
  }
  return problems;
}

function dockerfileProblems(text) {
  return validateDockerfile(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
}

async function problemsOf(file, text) {
  if (path.basename(file) === 'Dockerfile') return dockerfileProblems(text);
  if (/(^|\/)compose[^/]*\.ya?ml$/.test(file)) return composeProblems(text);
  if (/\.ya?ml$/.test(file)) return kubernetesProblems(text);
  return [`not a file this validator knows (Dockerfile, compose*.yaml, Kubernetes *.yaml)`];
}

const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : defaults;
let failed = false;
for (const file of files) {
  const full = path.resolve(root, file);
  if (!fs.existsSync(full)) {
    process.stdout.write(`missing ${file}\n`);
    process.exit(2);
  }
  const problems = await problemsOf(file, fs.readFileSync(full, 'utf8'));
  if (problems.length === 0) process.stdout.write(`ok ${file}\n`);
  for (const problem of problems) {
    failed = true;
    process.stdout.write(`problem ${file}: ${problem}\n`);
  }
}
process.exit(failed ? 1 : 0);
