//! The provider's machine-facing documents: discovery, the key set, and userinfo.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use openidconnect::core::{
    CoreClaimName, CoreClientAuthMethod, CoreGrantType, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
    CoreResponseType, CoreSubjectIdentifierType,
};
use openidconnect::{
    AdditionalProviderMetadata, AuthUrl, EmptyAdditionalClaims, IssuerUrl, JsonWebKeySetUrl,
    ProviderMetadata, ResponseTypes, Scope, TokenUrl, UserInfoClaims, UserInfoUrl,
};
use serde::{Deserialize, Serialize};

use super::rules::SUPPORTED_SCOPES;
use super::store;
use super::tokens::{self, token_hash};
use crate::app::AppState;
use crate::ui::internal_error;

/// What discovery says beyond the crate's core fields.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PorticoMetadata {
    pub code_challenge_methods_supported: Vec<String>,
    pub revocation_endpoint: String,
    pub revocation_endpoint_auth_methods_supported: Vec<String>,
    pub end_session_endpoint: String,
    pub authorization_response_iss_parameter_supported: bool,
    pub prompt_values_supported: Vec<String>,
}

impl AdditionalProviderMetadata for PorticoMetadata {}

type Metadata = ProviderMetadata<
    PorticoMetadata,
    openidconnect::core::CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    openidconnect::core::CoreClaimType,
    CoreGrantType,
    openidconnect::core::CoreJweContentEncryptionAlgorithm,
    openidconnect::core::CoreJweKeyManagementAlgorithm,
    openidconnect::core::CoreJsonWebKey,
    openidconnect::core::CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

fn metadata(state: &AppState) -> Result<Metadata, url::ParseError> {
    let base = super::issuer(state);
    let at = |path: &str| format!("{base}{path}");
    let auth_methods = vec![
        CoreClientAuthMethod::ClientSecretBasic,
        CoreClientAuthMethod::ClientSecretPost,
        CoreClientAuthMethod::None,
    ];
    let metadata = Metadata::new(
        IssuerUrl::new(base.clone())?,
        AuthUrl::new(at("/oauth2/authorize"))?,
        JsonWebKeySetUrl::new(at("/oauth2/jwks"))?,
        vec![ResponseTypes::new(vec![CoreResponseType::Code])],
        vec![
            CoreSubjectIdentifierType::Pairwise,
            CoreSubjectIdentifierType::Public,
        ],
        vec![
            CoreJwsSigningAlgorithm::EcdsaP256Sha256,
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        ],
        PorticoMetadata {
            code_challenge_methods_supported: vec!["S256".to_owned()],
            revocation_endpoint: at("/oauth2/revoke"),
            revocation_endpoint_auth_methods_supported: vec![
                "client_secret_basic".to_owned(),
                "client_secret_post".to_owned(),
                "none".to_owned(),
            ],
            end_session_endpoint: at("/oauth2/logout"),
            authorization_response_iss_parameter_supported: true,
            prompt_values_supported: ["none", "login", "consent", "select_account"]
                .map(str::to_owned)
                .to_vec(),
        },
    )
    .set_token_endpoint(Some(TokenUrl::new(at("/oauth2/token"))?))
    .set_userinfo_endpoint(Some(UserInfoUrl::new(at("/oauth2/userinfo"))?))
    .set_scopes_supported(Some(
        SUPPORTED_SCOPES.map(|s| Scope::new(s.to_owned())).to_vec(),
    ))
    .set_response_modes_supported(Some(vec![openidconnect::core::CoreResponseMode::Query]))
    .set_grant_types_supported(Some(vec![
        CoreGrantType::AuthorizationCode,
        CoreGrantType::RefreshToken,
    ]))
    .set_token_endpoint_auth_methods_supported(Some(auth_methods))
    .set_claims_supported(Some(
        [
            "sub",
            "iss",
            "aud",
            "exp",
            "iat",
            "auth_time",
            "nonce",
            "acr",
            "amr",
            "sid",
            "name",
            "email",
            "email_verified",
            "phone_number",
            "phone_number_verified",
        ]
        .map(|c| CoreClaimName::new(c.to_owned()))
        .to_vec(),
    ))
    .set_request_parameter_supported(Some(false))
    .set_request_uri_parameter_supported(Some(false))
    .set_claims_parameter_supported(Some(false));
    Ok(metadata)
}

fn cacheable_json(body: &impl Serialize, max_age: u32) -> Response {
    let mut response = axum::Json(body).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("public, max-age={max_age}")) {
        response.headers_mut().insert(header::CACHE_CONTROL, v);
    }
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

/// `GET /.well-known/openid-configuration`
pub async fn discovery(State(state): State<AppState>) -> Response {
    match metadata(&state) {
        Ok(m) => cacheable_json(&m, 3600),
        Err(e) => internal_error(e),
    }
}

/// `GET /oauth2/jwks`: every published key. Apps may cache it for an hour; a key is
/// published a week before it signs.
pub async fn jwks(State(state): State<AppState>) -> Response {
    match state
        .idp_keys
        .get(&state.db, &state.keys, state.clock.now())
        .await
    {
        Ok(keys) => cacheable_json(&CoreJsonWebKeySet::new(keys.published.clone()), 3600),
        Err(super::keys::KeyError::Database(e)) => internal_error(e),
        Err(e) => internal_error(crate::ui::InternalError::detail(e.to_string())),
    }
}

/// A refusal at the userinfo endpoint (RFC 6750 §3).
fn bearer_refusal(error: &'static str) -> Response {
    let mut response = (
        StatusCode::UNAUTHORIZED,
        axum::Json(serde_json::json!({ "error": error })),
    )
        .into_response();
    let challenge = format!("Bearer realm=\"portico\", error=\"{error}\"");
    if let Ok(v) = HeaderValue::from_str(&challenge) {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    response
}

/// `GET|POST /oauth2/userinfo` with `Authorization: Bearer`.
pub async fn userinfo(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
    else {
        let mut response = StatusCode::UNAUTHORIZED.into_response();
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"portico\""),
        );
        *response.body_mut() = axum::body::Body::from("{}");
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        return response;
    };
    let now = state.clock.now();
    let mut conn = match state.db.acquire().await {
        Ok(c) => c,
        Err(e) => return internal_error(e),
    };
    let family = match store::access_token(&mut *conn, &token_hash(token), now).await {
        Ok(Some(f)) => f,
        Ok(None) => return bearer_refusal("invalid_token"),
        Err(e) => return internal_error(e),
    };
    let Ok(Some(client)) = store::client(&mut *conn, &family.client_id).await else {
        return bearer_refusal("invalid_token");
    };
    let subject = match tokens::subject_for(&mut conn, family.account_id, &client).await {
        Ok(s) => s,
        Err(e) => return internal_error(e),
    };
    let claims = match store::claims(&mut *conn, family.account_id).await {
        Ok(Some(c)) => c,
        Ok(None) => return bearer_refusal("invalid_token"),
        Err(e) => return internal_error(e),
    };
    let body = UserInfoClaims::new(
        tokens::standard_claims(&subject, &family.scopes, &claims),
        EmptyAdditionalClaims {},
    );
    let mut response = axum::Json(body).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
