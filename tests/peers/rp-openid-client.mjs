// A relying party built on panva's openid-client (the OpenID-certified RP library), for
// Portico's tests of Portico as an OpenID Provider. It is an ordinary web app:
//   node rp-openid-client.mjs PORT ISSUER CLIENT_ID [CLIENT_SECRET]
//   GET /login?prompt=…&login_hint=…   -> to Portico's authorization endpoint (code + PKCE)
//   GET /callback                       -> exchanges the code, validates the ID token,
//                                          reads userinfo; answers JSON {claims, userinfo}
//   POST /refresh                       -> rotates the refresh token, then replays the old
//                                          one; answers JSON {rotated, reuse_error, after_reuse_error}
//   POST /revoke                        -> revokes the refresh token, then tries it
//   GET /logout                         -> to Portico's end-session endpoint
//   GET /bye                            -> where Portico sends the browser after logout
// Every failure answers 500 with the library's error, so a test sees why.
import http from 'node:http';
import * as client from 'openid-client';

const [port, issuer, clientId, clientSecret] = process.argv.slice(2);
const base = `http://127.0.0.1:${port}`;
const auth = clientSecret ? client.ClientSecretBasic(clientSecret) : client.None();
const config = await client.discovery(new URL(issuer), clientId, undefined, auth, {
  execute: [client.allowInsecureRequests],
});

const pending = new Map(); // state -> { verifier, nonce }
let session = null; // { tokens, claims }

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function redirect(res, to) {
  res.writeHead(302, { location: to.toString() });
  res.end();
}

function errorOf(e) {
  return { error: e.error ?? e.code ?? e.name, message: e.message };
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, base);
  try {
    if (url.pathname === '/login') {
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      pending.set(state, { verifier, nonce });
      const params = {
        redirect_uri: `${base}/callback`,
        scope: url.searchParams.get('scope') ?? 'openid profile email offline_access',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      };
      for (const extra of ['prompt', 'login_hint', 'max_age']) {
        if (url.searchParams.has(extra)) params[extra] = url.searchParams.get(extra);
      }
      return redirect(res, client.buildAuthorizationUrl(config, params));
    }
    if (url.pathname === '/callback') {
      const state = url.searchParams.get('state');
      const expected = pending.get(state);
      if (!expected) return json(res, 400, { error: 'unknown state' });
      pending.delete(state);
      if (url.searchParams.has('error')) {
        return json(res, 200, { authorization_error: url.searchParams.get('error') });
      }
      const tokens = await client.authorizationCodeGrant(config, url, {
        pkceCodeVerifier: expected.verifier,
        expectedState: state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      session = { tokens, claims };
      return json(res, 200, { claims, userinfo, scope: tokens.scope });
    }
    if (url.pathname === '/refresh' && session) {
      const old = session.tokens.refresh_token;
      const rotated = await client.refreshTokenGrant(config, old);
      const out = { rotated: rotated.refresh_token !== old, id_token: Boolean(rotated.id_token) };
      if (url.searchParams.get('replay') === '1') {
        try {
          await client.refreshTokenGrant(config, old);
          out.reuse_error = null;
        } catch (e) {
          out.reuse_error = errorOf(e).error;
        }
        try {
          await client.refreshTokenGrant(config, rotated.refresh_token);
          out.after_reuse_error = null;
        } catch (e) {
          out.after_reuse_error = errorOf(e).error;
        }
      } else {
        session.tokens = rotated;
      }
      return json(res, 200, out);
    }
    if (url.pathname === '/revoke' && session) {
      await client.tokenRevocation(config, session.tokens.refresh_token, { token_type_hint: 'refresh_token' });
      try {
        await client.refreshTokenGrant(config, session.tokens.refresh_token);
        return json(res, 200, { after_revoke_error: null });
      } catch (e) {
        return json(res, 200, { after_revoke_error: errorOf(e).error });
      }
    }
    if (url.pathname === '/try-refresh' && session) {
      try {
        const rotated = await client.refreshTokenGrant(config, session.tokens.refresh_token);
        session.tokens = rotated;
        return json(res, 200, { refresh_error: null });
      } catch (e) {
        return json(res, 200, { refresh_error: errorOf(e).error });
      }
    }
    if (url.pathname === '/logout' && session) {
      return redirect(res, client.buildEndSessionUrl(config, {
        id_token_hint: session.tokens.id_token,
        post_logout_redirect_uri: `${base}/bye`,
        state: 'bye-state',
      }));
    }
    if (url.pathname === '/bye') {
      return json(res, 200, { signed_out: true, state: url.searchParams.get('state') });
    }
    return json(res, 404, { error: 'not found' });
  } catch (e) {
    return json(res, 500, errorOf(e));
  }
});

server.listen(Number(port), '127.0.0.1', () => {
  console.log(`openid-client RP listening on ${base}`);
});
