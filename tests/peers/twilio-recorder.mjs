// A stand-in for Twilio's Messages API that answers like Twilio and remembers what it got.
// prism sits in front of it and checks every request against Twilio's own OpenAPI spec.
//   node twilio-recorder.mjs PORT
// Behaviour by recipient, after Twilio's test numbers: +15005550001 → 400 code 21211
// (invalid number), +15005550009 → 400 code 21614 (not a mobile number).
// Control: POST /__control/fail?status=500&count=2 makes the next 2 sends fail with 500.
// GET /__messages lists every send request received (including failed ones).
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";

const port = Number(process.argv[2] ?? 0);
const received = [];
let failures = { status: 0, count: 0 };

const invalid = {
  "+15005550001": [21211, "The 'To' number +15005550001 is not a valid phone number."],
  "+15005550009": [21614, "'To' number is not a valid mobile number"],
};

function json(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  const body = await readBody(req);
  if (req.method === "GET" && url.pathname === "/__messages") return json(res, 200, received);
  if (req.method === "POST" && url.pathname === "/__control/fail") {
    failures = { status: Number(url.searchParams.get("status") ?? 500), count: Number(url.searchParams.get("count") ?? 1) };
    return json(res, 200, failures);
  }
  const match = url.pathname.match(/^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Messages\.json$/);
  if (req.method !== "POST" || !match) return json(res, 404, { code: 20404, message: "The requested resource was not found", status: 404 });
  const form = Object.fromEntries(new URLSearchParams(body));
  const auth = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
  received.push({ accountSid: match[1], auth, form });
  if (failures.count > 0) {
    failures.count -= 1;
    return json(res, failures.status, { code: 20500, message: "Internal Server Error", more_info: "https://www.twilio.com/docs/errors/20500", status: failures.status });
  }
  if (invalid[form.To]) {
    const [code, message] = invalid[form.To];
    return json(res, 400, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status: 400 });
  }
  const now = new Date().toUTCString();
  const sid = "SM" + randomBytes(16).toString("hex");
  json(res, 201, {
    account_sid: match[1],
    api_version: "2010-04-01",
    body: form.Body,
    date_created: now,
    date_sent: null,
    date_updated: now,
    direction: "outbound-api",
    error_code: null,
    error_message: null,
    from: form.From ?? null,
    messaging_service_sid: form.MessagingServiceSid ?? null,
    num_media: "0",
    num_segments: "1",
    price: null,
    price_unit: "USD",
    sid,
    status: "queued",
    subresource_uris: { media: `/2010-04-01/Accounts/${match[1]}/Messages/${sid}/Media.json` },
    to: form.To,
    uri: `/2010-04-01/Accounts/${match[1]}/Messages/${sid}.json`,
  });
});

server.listen(port, "127.0.0.1", () => {
  console.log(`twilio-recorder listening on 127.0.0.1:${server.address().port}`);
});
