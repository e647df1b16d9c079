//! `portico admin clients list|add|remove|rotate-secret`: the apps an operator registers
//! without editing the configuration file. A secret is printed once; only its hash is kept.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use sqlx::PgPool;

use super::config::{Alg, SubjectType};
use super::config::{Client, check, secret_hash_text};
use super::rules::SUPPORTED_SCOPES;
use super::store;

#[derive(Debug, clap::Subcommand)]
pub enum ClientsCommand {
    /// List every app: its id, name, kind, redirect URIs and where it is defined.
    List {
        /// One JSON array, for scripts (never a secret or its hash).
        #[arg(long)]
        json: bool,
    },
    /// Register an app; prints its client secret once (unless --public).
    Add(AddArgs),
    /// Remove an app: its grants, codes and tokens go with it.
    Remove {
        /// The app's client id.
        id: String,
    },
    /// Give a confidential app a new secret (printed once); the old one stops working.
    RotateSecret {
        /// The app's client id.
        id: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The client id the app will send (letters, digits, dots, dashes, underscores).
    #[arg(long)]
    pub id: String,
    /// The name people see on the chooser, consent and "Apps and services" pages.
    #[arg(long)]
    pub name: String,
    /// Where the app receives codes (repeat for several); matched exactly.
    #[arg(long = "redirect-uri", required = true)]
    pub redirect_uris: Vec<String>,
    /// Where the app may send people after signing out (repeat for several).
    #[arg(long = "post-logout-redirect-uri")]
    pub post_logout_redirect_uris: Vec<String>,
    /// A browser or native app: no secret, PKCE required.
    #[arg(long)]
    pub public: bool,
    /// Scopes the app may ask for (repeat); default: all of them.
    #[arg(long = "scope")]
    pub scopes: Vec<String>,
    /// The organisation's own app: people are not asked to consent.
    #[arg(long)]
    pub first_party: bool,
    /// `pairwise` (the default: a different subject per app) or `public`.
    #[arg(long, default_value = "pairwise")]
    pub subject_type: String,
    /// `ES256` (the default) or `RS256`.
    #[arg(long, default_value = "ES256")]
    pub signing_alg: String,
}

/// A new client secret: 256 random bits.
fn new_secret() -> (String, [u8; 32]) {
    let bytes: [u8; 32] = rand::random();
    let secret = URL_SAFE_NO_PAD.encode(bytes);
    let hash = Sha256::digest(secret.as_bytes()).into();
    (secret, hash)
}

/// Runs one command; what it prints is for the operator's terminal.
#[expect(
    clippy::print_stdout,
    reason = "admin commands report to the operator's terminal"
)]
pub async fn run(db: &PgPool, command: ClientsCommand) -> anyhow::Result<()> {
    let now = crate::clock::Clock::now(&crate::clock::SystemClock);
    match command {
        ClientsCommand::List { json: true } => {
            let clients = store::clients(db).await?;
            let listed: Vec<serde_json::Value> = clients
                .iter()
                .map(|(c, from_config)| {
                    serde_json::json!({
                        "id": c.id,
                        "name": c.name,
                        "public": c.is_public(),
                        "redirect_uris": c.redirect_uris,
                        "post_logout_redirect_uris": c.post_logout_redirect_uris,
                        "scopes": c.scopes,
                        "first_party": c.first_party,
                        "subject_type": c.subject_type.as_str(),
                        "signing_alg": c.signing_alg.as_str(),
                        "source": if *from_config { "configuration file" } else { "admin" },
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&listed)?);
        }
        ClientsCommand::List { json: false } => {
            let clients = store::clients(db).await?;
            if clients.is_empty() {
                println!("no apps are registered");
            }
            for (c, from_config) in clients {
                let kind = if c.is_public() {
                    "public"
                } else {
                    "confidential"
                };
                let source = if from_config {
                    "configuration file"
                } else {
                    "admin"
                };
                println!(
                    "{}\t{}\t{kind}\t{}\t{}\t{source}",
                    c.id,
                    c.name,
                    c.scopes.join(" "),
                    c.redirect_uris.join(" ")
                );
            }
        }
        ClientsCommand::Add(args) => {
            let subject_type = SubjectType::parse(&args.subject_type)
                .ok_or_else(|| anyhow::anyhow!("--subject-type must be pairwise or public"))?;
            let signing_alg = Alg::parse(&args.signing_alg)
                .ok_or_else(|| anyhow::anyhow!("--signing-alg must be ES256 or RS256"))?;
            let mut scopes = vec!["openid".to_owned()];
            let asked = if args.scopes.is_empty() {
                SUPPORTED_SCOPES.map(str::to_owned).to_vec()
            } else {
                args.scopes
            };
            for s in asked {
                if !scopes.contains(&s) {
                    scopes.push(s);
                }
            }
            let secret = (!args.public).then(new_secret);
            let client = Client {
                id: args.id,
                name: args.name.trim().to_owned(),
                secret_hash: secret.as_ref().map(|(_, hash)| *hash),
                redirect_uris: args.redirect_uris,
                post_logout_redirect_uris: args.post_logout_redirect_uris,
                scopes,
                first_party: args.first_party,
                subject_type,
                signing_alg,
            };
            check(&client).map_err(anyhow::Error::msg)?;
            let mut conn = db.acquire().await?;
            if store::client(&mut *conn, &client.id).await?.is_some() {
                anyhow::bail!("an app with id {:?} is already registered", client.id);
            }
            store::put_client(&mut conn, &client, false, now).await?;
            println!("registered {} ({})", client.id, client.name);
            if let Some((secret, _)) = secret {
                println!("client_secret: {secret}");
                println!("secret_hash:   {}", secret_hash_text(&secret));
                println!("The secret is shown once: store it in the app's settings now.");
            }
        }
        ClientsCommand::Remove { id } => {
            let mut conn = db.acquire().await?;
            let from_config = store::clients(&mut *conn)
                .await?
                .into_iter()
                .find(|(c, _)| c.id == id)
                .map(|(_, f)| f);
            match from_config {
                None => anyhow::bail!("no app has id {id:?}"),
                Some(true) => anyhow::bail!(
                    "{id:?} comes from the configuration file: remove its [[oidc_clients]] entry there"
                ),
                Some(false) => {
                    store::remove_client(&mut conn, &id).await?;
                    println!("removed {id}: its grants and tokens are gone");
                }
            }
        }
        ClientsCommand::RotateSecret { id } => {
            let (secret, hash) = new_secret();
            let mut conn = db.acquire().await?;
            let Some(client) = store::client(&mut *conn, &id).await? else {
                anyhow::bail!("no app has id {id:?}");
            };
            if client.is_public() {
                anyhow::bail!("{id:?} is a public app: it has no secret");
            }
            store::set_client_secret(&mut conn, &id, hash).await?;
            println!("client_secret: {secret}");
            println!("secret_hash:   {}", secret_hash_text(&secret));
            println!(
                "The old secret no longer works. If {id:?} is in the configuration file, put the new secret_hash there too, or the next start restores the old one."
            );
        }
    }
    Ok(())
}
