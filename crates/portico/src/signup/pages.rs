//! The sign-up pages. Handlers stay thin: parsing is in `form`, rules in `verification`,
//! `auth` and `sessions`.

use crate::http::csrf::CsrfToken;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::accounts::{self};
use crate::contact::regions::{self, RegionOption};
use crate::http::client::ClientInfo;
use crate::outbox::Message;
use crate::sessions::forms::CsrfForm;
use crate::signup::form::{FieldErrors, SignupForm};
use crate::signup::pending::{self, NewPending};
use crate::ui::PageResult;
use crate::ui::{Layout, render_html};
use crate::verification::challenges::Purpose;
use crate::verification::send::{self, Requester, SendCodeError};

#[derive(Template)]
#[template(path = "pages/signup/form.html")]
struct FormPage<'a> {
    layout: Layout<'a>,
    csrf: String,
    display_name: &'a str,
    address: &'a str,
    regions: Vec<RegionOption>,
    errors: FieldErrors,
    notice: Option<String>,
    /// The browser's time zone as the page's script filled it in (kept when the form comes
    /// back with errors).
    time_zone: &'a str,
    /// Passkeys work here: the form offers one instead of a password.
    passkeys_on: bool,
    use_passkey: bool,
}

pub(super) fn csrf_value(token: &CsrfToken) -> String {
    token.authenticity_token()
}

pub(super) fn requester(client: &ClientInfo) -> Requester {
    Requester {
        ip: client.ip,
        account_id: None,
    }
}

#[derive(Debug, Deserialize)]
pub struct PendingQuery {
    pub(super) p: Option<Uuid>,
}

/// `GET /signup` (`?p=` comes back from "use a different address", keeping the name).
pub async fn show_form(
    State(state): State<AppState>,
    token: CsrfToken,
    headers: HeaderMap,
    Query(q): Query<PendingQuery>,
) -> Response {
    let pending = match q.p {
        Some(id) => pending::find(&state.db, state.clock.now(), id)
            .await
            .ok()
            .flatten(),
        None => None,
    };
    let (name, address) = pending
        .as_ref()
        .map_or((String::new(), String::new()), |p| {
            (p.display_name.clone(), p.alias_value.clone())
        });
    let region = crate::signin::pages::default_region(&state, &headers);
    let page = FormPage {
        layout: Layout::new(&state, crate::i18n::t("signup-title")).with_script("js/time-zone.js"),
        csrf: csrf_value(&token),
        display_name: &name,
        address: &address,
        regions: regions::options(&region),
        errors: FieldErrors::default(),
        notice: None,
        passkeys_on: state.passkeys.is_some(),
        use_passkey: false,
        time_zone: "",
    };
    (token, render_html(&page)).into_response()
}

fn form_again(
    state: &AppState,
    token: CsrfToken,
    form: &SignupForm,
    errors: FieldErrors,
    notice: Option<String>,
) -> Response {
    let page = FormPage {
        layout: Layout::new(state, crate::i18n::t("signup-title")).with_script("js/time-zone.js"),
        csrf: csrf_value(&token),
        display_name: &form.display_name,
        address: &form.address,
        regions: regions::options(&form.region),
        errors,
        notice,
        passkeys_on: state.passkeys.is_some(),
        use_passkey: form.use_passkey.is_some(),
        time_zone: &form.time_zone,
    };
    (StatusCode::UNPROCESSABLE_ENTITY, token, render_html(&page)).into_response()
}

/// `POST /signup`: check the form, send the code, show the code page.
pub async fn start(
    State(state): State<AppState>,
    client: ClientInfo,
    CsrfForm {
        csrf: token,
        fields: form,
    }: CsrfForm<SignupForm>,
) -> PageResult {
    let valid = match form.validate(state.passkeys.is_some()) {
        Ok(valid) => valid,
        Err(errors) => return Ok(form_again(&state, token, &form, errors, None)),
    };
    // Hash before looking the address up, so a taken address takes as long as a free one.
    let password_hash = match &valid.password {
        Some(password) => Some(state.passwords.hash(password).await?),
        None => None,
    };
    let result = async {
        let mut tx = state.db.begin().await?;
        let taken = accounts::find_by_verified_alias(&mut tx, &valid.address)
            .await?
            .is_some();
        // A deleted account's address is held back for a while: no code, and (there being no
        // account to speak of) no notice either; the page reads the same.
        let held =
            crate::closing::store::held(&mut tx, &valid.address.normalized(), state.clock.now())
                .await?
                .is_some();
        let who = requester(&client);
        let issued = if taken || held {
            let notice = taken.then_some(&Message::SignupExists);
            send::send_notice_instead(
                &mut tx,
                &state,
                &who,
                Purpose::SignUp,
                &valid.address,
                notice,
            )
            .await?
        } else {
            send::send_code(&mut tx, &state, &who, Purpose::SignUp, &valid.address).await?
        };
        let new = NewPending {
            display_name: &valid.display_name,
            alias: &valid.address,
            password_hash: password_hash.as_deref(),
            challenge_id: issued.id,
            time_zone: crate::i18n::Zone::parse(&form.time_zone),
        };
        let id = pending::insert(&mut tx, state.clock.now(), &new).await?;
        tx.commit().await?;
        Ok::<_, SendCodeError>(id)
    }
    .await;
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/signup/verify?p={id}")).into_response()),
        // An SMS destination is the address field's fault; a limit is the form's.
        Err(e @ SendCodeError::SmsRefused(_)) => {
            let errors = FieldErrors {
                address: e.user_message(),
                ..FieldErrors::default()
            };
            Ok(form_again(&state, token, &form, errors, None))
        }
        Err(e) => match e.user_message() {
            Some(notice) => Ok(form_again(
                &state,
                token,
                &form,
                FieldErrors::default(),
                Some(notice),
            )),
            None => Err(e.failure().into()),
        },
    }
}
