//! `tiepdan-hub serve --listen ADDR --db URL` and `tiepdan-hub enroll --desk CODE --unit UNIT
//! --district D --key HEX` (a provincial administrator enrolls a desk's Ed25519 public key,
//! under its district).

use std::net::SocketAddr;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "tiepdan-hub",
    version,
    about = "The provincial hub of tiepdan desks"
)]
struct Cli {
    /// The hub's PostgreSQL database (`host=/run/postgresql dbname=tiepdan_hub` or
    /// `postgresql://user@host/db`).
    #[arg(long, global = true, env = "TIEPDAN_HUB_DB", value_name = "URL")]
    db: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the desks' batches over HTTP.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
    },
    /// Give a district (or the province) a token for the figures: shown once, kept hashed.
    Token {
        /// The district the token sees (as enrolled).
        #[arg(
            long,
            required_unless_present = "province",
            conflicts_with = "province"
        )]
        district: Option<String>,
        /// The province's token: every district.
        #[arg(long)]
        province: bool,
        /// Withdraw every token of that district (or of the province) instead.
        #[arg(long)]
        revoke: bool,
    },
    /// Enroll a desk's Ed25519 public key (or replace it).
    Enroll {
        /// The desk's code (as in its book).
        #[arg(long)]
        desk: String,
        /// The desk's unit.
        #[arg(long)]
        unit: String,
        /// The district the unit belongs to (its figures and rows are that district's).
        #[arg(long)]
        district: String,
        /// The desk's public key, 64 hex digits.
        #[arg(long)]
        key: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(db) = cli.db else {
        eprintln!("tiepdan-hub: --db URL (or TIEPDAN_HUB_DB) is required");
        return ExitCode::from(2);
    };
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("tiepdan-hub: {e}");
            return ExitCode::FAILURE;
        }
    };
    let done = rt.block_on(async {
        match cli.command {
            Command::Serve { listen } => tiepdan_hub::server::run(listen, &db).await,
            Command::Token {
                district,
                province: _,
                revoke,
            } => {
                let pool = tiepdan_hub::server::pool(&db)?;
                tiepdan_hub::server::migrate(&pool).await?;
                let client = pool.get().await?;
                let whose = district.as_deref().unwrap_or("the province");
                if revoke {
                    let n = tiepdan_hub::tokens::revoke(&client, district.as_deref()).await?;
                    println!("revoked {n} token(s) of {whose}");
                } else {
                    let t = tiepdan_hub::tokens::issue(&client, district.as_deref()).await?;
                    eprintln!("a token for {whose} (shown once; the hub keeps its hash):");
                    println!("{t}");
                }
                Ok(())
            }
            Command::Enroll {
                desk,
                unit,
                district,
                key,
            } => {
                let pool = tiepdan_hub::server::pool(&db)?;
                tiepdan_hub::server::migrate(&pool).await?;
                let client = pool.get().await?;
                tiepdan_hub::batches::enroll(&client, &desk, &unit, &district, &key).await?;
                println!("enrolled desk {desk} ({unit}, {district})");
                Ok(())
            }
        }
    });
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tiepdan-hub: {e:#}");
            ExitCode::FAILURE
        }
    }
}
