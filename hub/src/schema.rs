//! The hub's schema: SQL files in hub/migrations applied in order at start, each once, each
//! recorded with its SHA-256 in `hub_schema`; a landed file is never edited (a changed one
//! stops the hub rather than run on a schema it does not know).

use sha2::{Digest, Sha256};
use tokio_postgres::Client;

/// The files, in order.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_hub.sql", include_str!("../migrations/0001_hub.sql")),
    (
        "0002_report.sql",
        include_str!("../migrations/0002_report.sql"),
    ),
    (
        "0003_districts.sql",
        include_str!("../migrations/0003_districts.sql"),
    ),
    (
        "0004_removals.sql",
        include_str!("../migrations/0004_removals.sql"),
    ),
];

fn digest(sql: &str) -> String {
    Sha256::digest(sql.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Bring the database to the newest schema (one transaction a file).
pub async fn migrate(client: &mut Client) -> anyhow::Result<()> {
    client
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS hub_schema (
                 name text PRIMARY KEY,
                 sha256 text NOT NULL,
                 applied_at timestamptz NOT NULL DEFAULT now())",
        )
        .await?;
    for (name, sql) in MIGRATIONS {
        let tx = client.transaction().await?;
        // One hub at a time migrates.
        tx.batch_execute("LOCK TABLE hub_schema IN EXCLUSIVE MODE")
            .await?;
        let held = tx
            .query_opt("SELECT sha256 FROM hub_schema WHERE name = $1", &[name])
            .await?;
        match held {
            Some(row) => {
                let h: String = row.get(0);
                anyhow::ensure!(
                    h == digest(sql),
                    "hub schema {name} was changed after it was applied"
                );
            }
            None => {
                tx.batch_execute(sql).await?;
                tx.execute(
                    "INSERT INTO hub_schema (name, sha256) VALUES ($1, $2)",
                    &[name, &digest(sql)],
                )
                .await?;
            }
        }
        tx.commit().await?;
    }
    Ok(())
}
