// Static check of docker-compose.yml, since no Docker engine runs where the tests do:
// the services exist, ports bind to loopback only, PostgreSQL has a health check that
// portico waits for, and the build context has a Dockerfile.
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const require = createRequire(resolve("tests/peers/package.json"));
const yaml = require("js-yaml");

const file = process.argv[2] ?? "docker-compose.yml";
const compose = yaml.load(readFileSync(file, "utf8"));
const problems = [];
const services = compose?.services ?? {};

for (const name of ["portico", "postgres", "maildev"]) {
  if (!services[name]) problems.push(`service "${name}" is missing`);
}
for (const [name, service] of Object.entries(services)) {
  for (const port of service.ports ?? []) {
    const text = typeof port === "string" ? port : `${port.host_ip ?? ""}:${port.published}`;
    if (!text.startsWith("127.0.0.1:")) problems.push(`${name}: port "${text}" is not bound to 127.0.0.1`);
  }
}
const postgres = services.postgres ?? {};
if (!String(postgres.image ?? "").startsWith("postgres:16")) problems.push("postgres: image should be postgres:16");
if (!postgres.healthcheck?.test) problems.push("postgres: no health check");
const portico = services.portico ?? {};
if (portico.depends_on?.postgres?.condition !== "service_healthy") {
  problems.push("portico: must wait for postgres to be healthy (depends_on.postgres.condition)");
}
const env = portico.environment ?? {};
for (const key of ["DATABASE_URL", "PORTICO_BIND", "PORTICO_ENV"]) {
  if (!(key in env)) problems.push(`portico: environment lacks ${key}`);
}
const context = join(dirname(file), portico.build?.context ?? ".");
const dockerfile = join(context, portico.build?.dockerfile ?? "Dockerfile");
if (!existsSync(dockerfile)) problems.push(`portico: ${dockerfile} does not exist`);

if (problems.length) {
  console.error(`${file}:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`${file}: ${Object.keys(services).length} services, checks passed`);
