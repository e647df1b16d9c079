// A real OpenID provider for Portico's tests: panva's oidc-provider (OpenID Certified) with
// its development login pages, two test users, and clients that must use PKCE.
//   node oidc-provider.mjs PORT
// Issuer: http://127.0.0.1:PORT (always this spelling: `localhost` would be another issuer).
// Clients (confidential, client_secret_basic, native so that a loopback redirect URI may use
// any port, as RFC 8252 allows):
//   portico / portico-test-secret → http://127.0.0.1/oidc/callback
//   other   / other-test-secret   → the same; a second audience for tokens Portico must refuse
// Users (login / password):
//   alice / alice-password: alice@example.com, email_verified true, "Alice Example"
//   bob   / bob-password:   bob@example.com, email_verified false, "Bob Example"
// The development login page accepts any password on its own; a check in front of it
// refuses a wrong one with 403. A control endpoint makes the next ID token a bad one (see
// `tampered`).
import { createServer } from "node:http";
import * as querystring from "node:querystring";
import Provider from "oidc-provider";

const port = Number(process.argv[2] ?? 0);
const issuer = `http://127.0.0.1:${port}`;

const users = {
  alice: {
    password: "alice-password",
    claims: { email: "alice@example.com", email_verified: true, name: "Alice Example" },
  },
  bob: {
    password: "bob-password",
    claims: { email: "bob@example.com", email_verified: false, name: "Bob Example" },
  },
};

const client = (id, secret) => ({
  client_id: id,
  client_secret: secret,
  application_type: "native",
  redirect_uris: ["http://127.0.0.1/oidc/callback"],
  grant_types: ["authorization_code"],
  response_types: ["code"],
  token_endpoint_auth_method: "client_secret_basic",
});

const provider = new Provider(issuer, {
  clients: [client("portico", "portico-test-secret"), client("other", "other-test-secret")],
  pkce: { required: () => true },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["portico-test-peer-cookie-key"] },
  async findAccount(_ctx, id) {
    const user = users[id];
    if (!user) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...user.claims }) };
  },
});

// The password check: the development login form posts `prompt=login`, `login` and
// `password` to /interaction/:uid. The body read here is handed on as `request.body`,
// which oidc-provider accepts from upstream parsers.
provider.use(async (ctx, next) => {
  if (ctx.method === "POST" && /^\/interaction\/[^/]+$/.test(ctx.path)) {
    const chunks = [];
    for await (const chunk of ctx.req) chunks.push(chunk);
    const body = querystring.parse(Buffer.concat(chunks).toString("utf8"));
    if (body.prompt === "login" && users[body.login]?.password !== body.password) {
      ctx.status = 403;
      ctx.type = "html";
      ctx.body = "<!doctype html><title>Sign-in refused</title><p id=refused>Wrong login or password.</p>";
      return;
    }
    ctx.request.body = body;
  }
  await next();
});

// Tampering, for tests of the relying party: `POST /__control/tamper?mode=audience` (or
// `nonce`) makes the next token response carry an ID token that is genuinely signed by this
// provider but issued to the other client (or with another nonce).
let tamper = null;

async function tampered(body, mode) {
  const original = JSON.parse(Buffer.from(body.id_token.split(".")[1], "base64url").toString());
  const client = await provider.Client.find(mode === "audience" ? "other" : "portico");
  const token = new provider.IdToken({ sub: original.sub }, { client });
  token.scope = "openid";
  token.set("nonce", mode === "nonce" ? "not-the-nonce-that-was-sent" : original.nonce);
  return { ...body, id_token: await token.issue({ use: "idtoken" }) };
}

const handle = provider.callback();
const server = createServer((req, res) => {
  if (req.method === "POST" && req.url.startsWith("/__control/tamper")) {
    tamper = new URL(req.url, issuer).searchParams.get("mode");
    res.end("ok");
    return;
  }
  if (tamper && req.method === "POST" && req.url.startsWith("/token")) {
    const mode = tamper;
    tamper = null;
    const chunks = [];
    const end = res.end.bind(res);
    res.write = (chunk) => {
      chunks.push(Buffer.from(chunk));
      return true;
    };
    res.end = (chunk) => {
      if (chunk) chunks.push(Buffer.from(chunk));
      tampered(JSON.parse(Buffer.concat(chunks).toString()), mode)
        .then((body) => {
          const text = JSON.stringify(body);
          res.setHeader("content-length", Buffer.byteLength(text));
          end(text);
        })
        .catch((e) => {
          res.statusCode = 500;
          end(String(e));
        });
      return res;
    };
  }
  handle(req, res);
});
server.listen(port, "127.0.0.1", () => {
  console.log(`oidc-provider listening at ${issuer}`);
});
