// Passkeys: runs the browser's WebAuthn prompt for the forms marked `data-passkey` and sends
// its answer as the form's `credential` field, in an ordinary form post. A module loaded from
// the portal itself: the Content-Security-Policy needs no inline script.
//   data-passkey="create"  the options in data-options (adding a passkey)
//   data-passkey="get"     the options in data-options (confirming it's you)
//   data-passkey="sign-in" the options fetched from data-options-url (signing in), and the
//                          browser's passkey autofill on the alias field where it has one

const decode = (text) => {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bytes = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "="));
  return Uint8Array.from(bytes, (c) => c.charCodeAt(0)).buffer;
};
const encode = (buffer) =>
  btoa(String.fromCharCode(...new Uint8Array(buffer)))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
// The library writes absent options as null, which the browser's dictionaries refuse.
const clean = (value) => JSON.parse(JSON.stringify(value, (_, v) => (v === null ? undefined : v)));
const ids = (list) => (list || []).map((c) => ({ ...c, id: decode(c.id) }));

function creationOptions(json) {
  if (PublicKeyCredential.parseCreationOptionsFromJSON) {
    return PublicKeyCredential.parseCreationOptionsFromJSON(json);
  }
  return { ...json, challenge: decode(json.challenge), user: { ...json.user, id: decode(json.user.id) },
    excludeCredentials: ids(json.excludeCredentials) };
}

function requestOptions(json) {
  if (PublicKeyCredential.parseRequestOptionsFromJSON) {
    return PublicKeyCredential.parseRequestOptionsFromJSON(json);
  }
  return { ...json, challenge: decode(json.challenge), allowCredentials: ids(json.allowCredentials) };
}

function answer(credential) {
  const r = credential.response;
  const out = { id: credential.id, rawId: encode(credential.rawId), type: credential.type,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: { clientDataJSON: encode(r.clientDataJSON) } };
  if (r.attestationObject) {
    out.response.attestationObject = encode(r.attestationObject);
    out.response.transports = r.getTransports ? r.getTransports() : [];
  } else {
    out.response.authenticatorData = encode(r.authenticatorData);
    out.response.signature = encode(r.signature);
    if (r.userHandle) out.response.userHandle = encode(r.userHandle);
  }
  return out;
}

function send(form, credential, ceremony) {
  if (ceremony) form.elements.ceremony.value = ceremony;
  form.elements.credential.value = JSON.stringify(answer(credential));
  form.submit();
}

function say(form, error) {
  const box = document.getElementById("passkey-error");
  if (!box || error.name === "AbortError") return;
  // The page gives the words in its language (data-* on the box).
  const words = box.dataset;
  box.textContent = {
    NotAllowedError: words.notAllowed,
    InvalidStateError: words.invalidState,
  }[error.name] || `${words.other} (${error.message})`;
  box.hidden = false;
  box.focus?.();
}

async function signIn(form, mediation, signal) {
  const body = new URLSearchParams({ authenticity_token: form.elements.authenticity_token.value });
  const reply = await fetch(form.dataset.optionsUrl, { method: "POST", body, credentials: "same-origin" });
  if (!reply.ok) throw new Error(`the portal answered ${reply.status}`);
  const { ceremony, options } = await reply.json();
  const publicKey = requestOptions(clean(options.publicKey));
  const credential = await navigator.credentials.get({ publicKey, mediation, signal });
  if (credential) send(form, credential, ceremony);
}

let autofill = null;

for (const form of document.querySelectorAll("form[data-passkey]")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const kind = form.dataset.passkey;
      if (kind === "sign-in") {
        autofill?.abort();
        await signIn(form, undefined, undefined);
        return;
      }
      const options = clean(JSON.parse(form.dataset.options));
      const credential = kind === "create"
        ? await navigator.credentials.create({ publicKey: creationOptions(options.publicKey) })
        : await navigator.credentials.get({ publicKey: requestOptions(options.publicKey) });
      send(form, credential, null);
    } catch (error) {
      say(form, error);
    }
  });
}

// Passkey autofill: the browser offers the passkeys it holds for this site in the alias
// field's suggestions (conditional mediation), where it can.
const signInForm = document.querySelector('form[data-passkey="sign-in"]');
if (signInForm && window.PublicKeyCredential?.isConditionalMediationAvailable
    && await PublicKeyCredential.isConditionalMediationAvailable()) {
  autofill = new AbortController();
  signIn(signInForm, "conditional", autofill.signal).catch(() => {});
}
