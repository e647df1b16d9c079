"""A confidential relying party built on Authlib (Python), for Portico's tests of Portico as
an OpenID Provider: client_secret_basic at the token endpoint, PKCE, the ID token checked
with Authlib's own JOSE and OIDC claim rules against the published key set.

    python rp_authlib.py PORT ISSUER CLIENT_ID CLIENT_SECRET
    GET /login     -> to Portico's authorization endpoint
    GET /callback  -> exchanges the code; answers JSON {claims, userinfo}
"""

import json
import secrets
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey, jwt
from authlib.oidc.core import CodeIDToken

PORT, ISSUER, CLIENT_ID, CLIENT_SECRET = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
BASE = f"http://127.0.0.1:{PORT}"
META = requests.get(f"{ISSUER}/.well-known/openid-configuration", timeout=10).json()
PENDING = {}


def session():
    return OAuth2Session(
        CLIENT_ID,
        CLIENT_SECRET,
        scope="openid profile email",
        redirect_uri=f"{BASE}/callback",
        token_endpoint_auth_method="client_secret_basic",
        code_challenge_method="S256",
    )


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        try:
            if self.path.startswith("/login"):
                verifier = generate_token(48)
                nonce = secrets.token_urlsafe(16)
                uri, state = session().create_authorization_url(
                    META["authorization_endpoint"], nonce=nonce, code_verifier=verifier
                )
                PENDING[state] = (verifier, nonce)
                self.send_response(302)
                self.send_header("location", uri)
                self.end_headers()
                return
            if self.path.startswith("/callback"):
                url = BASE + self.path
                state = dict(
                    p.split("=", 1) for p in self.path.split("?", 1)[1].split("&")
                ).get("state")
                verifier, nonce = PENDING.pop(state)
                sess = session()
                sess.state = state
                token = sess.fetch_token(
                    META["token_endpoint"], authorization_response=url, code_verifier=verifier
                )
                keys = JsonWebKey.import_key_set(requests.get(META["jwks_uri"], timeout=10).json())
                claims = jwt.decode(
                    token["id_token"],
                    keys,
                    claims_cls=CodeIDToken,
                    claims_options={"iss": {"essential": True, "values": [ISSUER]}},
                    claims_params={
                        "nonce": nonce,
                        "client_id": CLIENT_ID,
                        "access_token": token["access_token"],
                    },
                )
                claims.validate(leeway=5)
                userinfo = sess.get(META["userinfo_endpoint"]).json()
                self.answer(200, {"claims": dict(claims), "userinfo": userinfo})
                return
            self.answer(404, {"error": "not found"})
        except Exception as e:  # every failure is the test's to read
            self.answer(500, {"error": type(e).__name__, "message": str(e)})


server = ThreadingHTTPServer(("127.0.0.1", int(PORT)), Handler)
print(f"authlib RP listening on {BASE}", flush=True)
server.serve_forever()
