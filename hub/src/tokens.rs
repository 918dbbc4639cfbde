//! Who asks for figures (issue 30): a token per district, or the province's, given by the
//! provincial administrator (`tiepdan-hub token --district D`), shown once and kept at the
//! hub as its SHA-256 only. A request carries it as `Authorization: Bearer …`; a district's
//! request runs in a transaction as the role `tiepdan_district` with `tiepdan.district` set
//! (`SET LOCAL`: it ends with the transaction), so PostgreSQL's row level security
//! (hub/migrations/0003_districts.sql) shows it its district's desks and rows only.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// Whose request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    Province,
    District(String),
}

fn digest(token: &str) -> String {
    Sha256::digest(token.trim().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new token for `district` (None: the province's): the token, to hand over once.
pub async fn issue(
    client: &tokio_postgres::Client,
    district: Option<&str>,
) -> anyhow::Result<String> {
    let district = district.map(tiepdan::domain::text::clean_line);
    anyhow::ensure!(
        district.as_deref().is_none_or(|d| !d.is_empty()),
        "district: required"
    );
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    client
        .execute(
            "INSERT INTO tokens (district, sha256) VALUES ($1, $2)",
            &[&district, &digest(&token)],
        )
        .await?;
    Ok(token)
}

/// Withdraw every token of `district` (None: the province's): how many.
pub async fn revoke(
    client: &tokio_postgres::Client,
    district: Option<&str>,
) -> anyhow::Result<u64> {
    let district = district.map(tiepdan::domain::text::clean_line);
    Ok(client
        .execute(
            "DELETE FROM tokens WHERE district IS NOT DISTINCT FROM $1",
            &[&district],
        )
        .await?)
}

/// The caller a token names (None: no such token).
pub async fn caller(
    client: &impl tokio_postgres::GenericClient,
    token: &str,
) -> Result<Option<Caller>, tokio_postgres::Error> {
    let row = client
        .query_opt(
            "SELECT district FROM tokens WHERE sha256 = $1",
            &[&digest(token)],
        )
        .await?;
    Ok(row.map(|r| match r.get::<_, Option<String>>(0) {
        Some(d) => Caller::District(d),
        None => Caller::Province,
    }))
}

/// Begin the request's transaction as `caller` sees the hub: a district's under its role
/// and setting (row level security applies), the province's as the service.
pub async fn scoped<'a>(
    client: &'a mut tokio_postgres::Client,
    caller: &Caller,
) -> Result<tokio_postgres::Transaction<'a>, tokio_postgres::Error> {
    let tx = client.build_transaction().read_only(true).start().await?;
    if let Caller::District(d) = caller {
        tx.batch_execute("SET LOCAL ROLE tiepdan_district").await?;
        tx.execute("SELECT set_config('tiepdan.district', $1, true)", &[d])
            .await?;
    }
    Ok(tx)
}
