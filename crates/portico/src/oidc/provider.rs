//! Talking to OpenID providers through `openidconnect`: discovery (cached, fetched again when
//! missing or when a token is signed by a key we do not know yet), the authorization URL with
//! PKCE (S256), `state` and `nonce`, and the code exchange with every ID-token check.

use std::sync::Arc;
use std::time::Duration;

use openidconnect::core::{
    CoreAuthPrompt, CoreAuthenticationFlow, CoreClient, CoreProviderMetadata, CoreUserInfoClaims,
};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, Scope, TokenResponse,
};
use secrecy::ExposeSecret;
use tokio::sync::RwLock;

use super::config::ProviderConfig;

/// Why a sign-in with a provider did not work; `reason()` is what the logs say.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    #[error("the provider cannot be reached: {0}")]
    Unreachable(String),
    /// The provider answered the code with an OAuth error (`invalid_grant`, say): the code
    /// was forged, replayed or expired, which is the client's doing, not a fault of ours.
    #[error("the provider refused the code: {0}")]
    Refused(String),
    /// The exchange failed in a way that is the provider's fault (an answer we cannot read).
    #[error("the code exchange failed: {0}")]
    Exchange(String),
    #[error("the provider sent no ID token")]
    NoIdToken,
    #[error("the ID token failed validation: {0}")]
    IdToken(String),
}

type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// What the provider told us about the person, once every check passed.
#[derive(Debug, Clone)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
}

/// The secrets of one authorization request, kept server-side until the answer comes.
#[derive(Debug)]
pub struct Started {
    pub url: url::Url,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// One configured provider and its discovery document, once fetched.
#[derive(Debug)]
pub struct Provider {
    pub config: ProviderConfig,
    metadata: RwLock<Option<Arc<CoreProviderMetadata>>>,
}

/// Every configured provider, and the HTTP client that reaches them.
#[derive(Debug, Clone)]
pub struct Providers {
    list: Arc<Vec<Provider>>,
    http: reqwest::Client,
}

#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error(transparent)]
    Request(#[from] reqwest::Error),
    #[error(transparent)]
    Response(#[from] axum::http::Error),
}

/// One HTTP exchange for `openidconnect`, over our reqwest client (no redirects followed).
async fn send(
    http: reqwest::Client,
    request: openidconnect::HttpRequest,
) -> Result<openidconnect::HttpResponse, HttpError> {
    let (parts, body) = request.into_parts();
    let response = http
        .request(parts.method, parts.uri.to_string())
        .headers(parts.headers)
        .body(body)
        .send()
        .await?;
    let mut answer = axum::http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        answer = answer.header(name, value);
    }
    let body = response.bytes().await?.to_vec();
    Ok(answer.body(body)?)
}

impl Providers {
    pub fn new(configs: &[ProviderConfig]) -> Self {
        crate::tls::install_crypto_provider();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        let list = configs
            .iter()
            .map(|config| Provider {
                config: config.clone(),
                metadata: RwLock::new(None),
            })
            .collect();
        Self {
            list: Arc::new(list),
            http,
        }
    }

    pub fn all(&self) -> &[Provider] {
        &self.list
    }

    pub fn get(&self, id: &str) -> Option<&Provider> {
        self.list.iter().find(|p| p.config.id == id)
    }

    /// Fetches every provider's discovery document; a provider that cannot be reached is
    /// logged and tried again when someone uses it.
    pub async fn discover_all(&self) {
        for provider in self.all() {
            match self.metadata(provider, true).await {
                Ok(_) => {
                    tracing::info!(provider = %provider.config.id, "OpenID provider discovered")
                }
                Err(e) => tracing::warn!(
                    provider = %provider.config.id,
                    issuer = %provider.config.issuer,
                    reason = %e,
                    "OpenID provider unreachable; its sign-in button will fail until it answers"
                ),
            }
        }
    }

    async fn metadata(
        &self,
        provider: &Provider,
        refresh: bool,
    ) -> Result<Arc<CoreProviderMetadata>, ProviderError> {
        if !refresh && let Some(m) = provider.metadata.read().await.as_ref() {
            return Ok(m.clone());
        }
        let issuer = IssuerUrl::new(provider.config.issuer.clone())
            .map_err(|e| ProviderError::Unreachable(e.to_string()))?;
        let http = self.http.clone();
        let fetched = CoreProviderMetadata::discover_async(issuer, &move |r| send(http.clone(), r))
            .await
            .map_err(|e| ProviderError::Unreachable(error_chain(&e)))?;
        let fetched = Arc::new(fetched);
        *provider.metadata.write().await = Some(fetched.clone());
        Ok(fetched)
    }

    fn client(
        provider: &Provider,
        metadata: &CoreProviderMetadata,
        redirect: &RedirectUrl,
    ) -> Client {
        let secret = provider
            .config
            .client_secret
            .as_ref()
            .map(|s| ClientSecret::new(s.expose_secret().to_owned()));
        CoreClient::from_provider_metadata(
            metadata.clone(),
            ClientId::new(provider.config.client_id.clone()),
            secret,
        )
        .set_redirect_uri(redirect.clone())
    }

    /// The authorization URL to send the browser to, and the secrets to keep.
    /// With `fresh_login`, the provider is asked to sign the person in again even if it
    /// remembers them (`prompt=login`): linking and confirming must prove it anew.
    pub async fn start(
        &self,
        provider: &Provider,
        redirect: &RedirectUrl,
        fresh_login: bool,
    ) -> Result<Started, ProviderError> {
        let metadata = self.metadata(provider, false).await?;
        let client = Self::client(provider, &metadata, redirect);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge);
        for scope in provider.config.scopes.iter().filter(|s| *s != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        if fresh_login {
            request = request.add_prompt(CoreAuthPrompt::Login);
        }
        let (url, state, nonce) = request.url();
        Ok(Started {
            url,
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Exchanges `code` (with the PKCE verifier) and checks the ID token: signature, issuer,
    /// audience, expiry and `nonce`.
    pub async fn finish(
        &self,
        provider: &Provider,
        redirect: &RedirectUrl,
        code: &str,
        pkce_verifier: &str,
        nonce: &str,
    ) -> Result<Identity, ProviderError> {
        let metadata = self.metadata(provider, false).await?;
        let client = Self::client(provider, &metadata, redirect);
        let http = self.http.clone();
        let tokens = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| ProviderError::Exchange(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
            .request_async(&move |r| send(http.clone(), r))
            .await
            .map_err(|e| match e {
                openidconnect::RequestTokenError::ServerResponse(refusal) => {
                    ProviderError::Refused(refusal.to_string())
                }
                openidconnect::RequestTokenError::Request(e) => {
                    ProviderError::Unreachable(error_chain(&e))
                }
                other => ProviderError::Exchange(error_chain(&other)),
            })?;
        let id_token = tokens.id_token().ok_or(ProviderError::NoIdToken)?;
        let nonce = Nonce::new(nonce.to_owned());
        let verified = match id_token.claims(&client.id_token_verifier(), &nonce) {
            Ok(claims) => Ok(claims.clone()),
            Err(first) => {
                // A key we have not seen: the provider may have rotated its keys. Fetch them
                // again, once, and check again.
                let metadata = self.metadata(provider, true).await?;
                let client = Self::client(provider, &metadata, redirect);
                id_token
                    .claims(&client.id_token_verifier(), &nonce)
                    .cloned()
                    .map_err(|_| first)
            }
        };
        let claims = verified.map_err(|e| ProviderError::IdToken(error_chain(&e)))?;
        let mut identity = Identity {
            issuer: claims.issuer().as_str().to_owned(),
            subject: claims.subject().as_str().to_owned(),
            email: claims.email().map(|e| e.as_str().to_owned()),
            email_verified: claims.email_verified().unwrap_or(false),
            name: claims
                .name()
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().to_owned()),
        };
        if identity.email.is_none() || identity.name.is_none() {
            // Providers that keep ID tokens small serve the profile at `userinfo`; its
            // `sub` must be the ID token's.
            let http = self.http.clone();
            let subject = claims.subject().clone();
            let request = client.user_info(tokens.access_token().clone(), Some(subject));
            // Without a userinfo endpoint, the ID token is all there is.
            if let Ok(request) = request {
                let info: Result<CoreUserInfoClaims, _> =
                    request.request_async(&move |r| send(http.clone(), r)).await;
                match info {
                    Ok(info) => {
                        if identity.email.is_none() {
                            identity.email = info.email().map(|e| e.as_str().to_owned());
                            identity.email_verified = info.email_verified().unwrap_or(false);
                        }
                        if identity.name.is_none() {
                            identity.name = info
                                .name()
                                .and_then(|n| n.get(None))
                                .map(|n| n.as_str().to_owned());
                        }
                    }
                    Err(e) => tracing::warn!(
                        provider = %provider.config.id,
                        reason = %error_chain(&e),
                        "userinfo failed; going on with the ID token's claims"
                    ),
                }
            }
        }
        Ok(identity)
    }

    /// Checks an ID token on its own (the tests use it on tokens from a real provider).
    pub async fn verify_id_token(
        &self,
        provider: &Provider,
        redirect: &RedirectUrl,
        id_token: &str,
        nonce: &str,
    ) -> Result<String, ProviderError> {
        let metadata = self.metadata(provider, false).await?;
        let client = Self::client(provider, &metadata, redirect);
        let token: openidconnect::core::CoreIdToken = id_token
            .parse()
            .map_err(|e: serde_json::Error| ProviderError::IdToken(e.to_string()))?;
        let claims = token
            .claims(&client.id_token_verifier(), &Nonce::new(nonce.to_owned()))
            .map_err(|e| ProviderError::IdToken(error_chain(&e)))?;
        Ok(claims.subject().as_str().to_owned())
    }

    /// The issuer as discovered (what the `iss` of answers must be).
    pub async fn issuer(&self, provider: &Provider) -> Result<String, ProviderError> {
        Ok(self
            .metadata(provider, false)
            .await?
            .issuer()
            .as_str()
            .to_owned())
    }
}

/// An error and its causes on one line, for the logs.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
