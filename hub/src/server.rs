//! The hub's HTTP service (axum): `POST /v1/batches` takes a desk's batch (a package, see
//! batches.rs), `GET /v1/desks/{code}/ack` gives the last entry the hub holds of a desk.
//! Replies are JSON (`tiepdan::exchange::hub`: the desk reads the same types).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tiepdan::exchange::hub::{AckReply, Refusal, RefusalReason};
use tokio_postgres::NoTls;

use crate::batches::{self, BatchError};
use crate::report::Seeds;

/// The largest batch the hub reads (a desk's whole first sync of a year is a few batches of
/// this).
pub const BODY_LIMIT: usize = 256 * 1024 * 1024;

/// A pool of connections to the hub's database (`host=… dbname=…` or `postgresql://…`).
pub fn pool(db: &str) -> anyhow::Result<Pool> {
    let config: tokio_postgres::Config = db.parse()?;
    let manager = Manager::from_config(
        config,
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    Ok(Pool::builder(manager).max_size(16).build()?)
}

/// Bring the hub's database to its schema.
pub async fn migrate(pool: &Pool) -> anyhow::Result<()> {
    let mut client = pool.get().await?;
    crate::schema::migrate(&mut client).await
}

/// What every request reaches: the database, and the rules a new book holds (the report's).
#[derive(Clone)]
pub struct Hub {
    pub pool: Pool,
    pub seeds: Arc<Seeds>,
}

impl axum::extract::FromRef<Hub> for Pool {
    fn from_ref(h: &Hub) -> Pool {
        h.pool.clone()
    }
}

/// The service's routes.
pub fn router(pool: Pool) -> anyhow::Result<axum::Router> {
    let hub = Hub {
        pool,
        seeds: Arc::new(Seeds::load()?),
    };
    Ok(axum::Router::new()
        .route("/v1/batches", post(post_batch))
        .route("/v1/desks/{code}/ack", get(get_ack))
        .route("/v1/report", get(crate::figures::get_report))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(hub))
}

/// Serve on a listener until the process stops.
pub async fn serve(listener: tokio::net::TcpListener, pool: Pool) -> anyhow::Result<()> {
    axum::serve(listener, router(pool)?).await?;
    Ok(())
}

/// Bind `addr`, migrate, serve.
pub async fn run(addr: SocketAddr, db: &str) -> anyhow::Result<()> {
    let pool = pool(db)?;
    migrate(&pool).await?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    eprintln!(
        "tiepdan-hub: listening on http://{}",
        listener.local_addr()?
    );
    serve(listener, pool).await
}

struct Failure(BatchError);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        match self.0 {
            BatchError::Refused(status, r) => (
                StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
                Json(r),
            )
                .into_response(),
            BatchError::Db(e) => {
                eprintln!("tiepdan-hub: database: {e}");
                (StatusCode::SERVICE_UNAVAILABLE, format!("database: {e}")).into_response()
            }
        }
    }
}

pub(crate) fn unavailable(e: impl std::fmt::Display) -> Response {
    eprintln!("tiepdan-hub: {e}");
    (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response()
}

async fn post_batch(State(pool): State<Pool>, body: Bytes) -> Response {
    // The signature and the chain's hashes: CPU work, off the async threads.
    let checked = match tokio::task::spawn_blocking(move || batches::check(&body)).await {
        Ok(c) => c,
        Err(e) => return unavailable(e),
    };
    let p = match checked {
        Ok(p) => p,
        Err(e) => return Failure(e).into_response(),
    };
    let mut client = match pool.get().await {
        Ok(c) => c,
        Err(e) => return unavailable(e),
    };
    match batches::take(&mut client, &p).await {
        Ok(reply) => {
            eprintln!(
                "tiepdan-hub: desk {} batch {}–{}: {} new entries, {} removed, {} conflicts",
                reply.desk,
                p.head.first_seq,
                p.head.last_seq,
                reply.entries_new,
                reply.records_removed,
                reply.conflicts.len()
            );
            Json(reply).into_response()
        }
        Err(e) => {
            if let BatchError::Refused(_, r) = &e {
                eprintln!(
                    "tiepdan-hub: desk {} batch {}–{} refused: {:?} {}",
                    p.head.desk, p.head.first_seq, p.head.last_seq, r.reason, r.detail
                );
            }
            Failure(e).into_response()
        }
    }
}

async fn get_ack(State(pool): State<Pool>, Path(code): Path<String>) -> Response {
    let client = match pool.get().await {
        Ok(c) => c,
        Err(e) => return unavailable(e),
    };
    match batches::ack(&client, &code).await {
        Ok(Some(ack)) => Json(AckReply { desk: code, ack }).into_response(),
        Ok(None) => (
            StatusCode::NOT_FOUND,
            Json(Refusal {
                reason: RefusalReason::NotEnrolled { desk: code },
                detail: String::new(),
            }),
        )
            .into_response(),
        Err(e) => Failure(e).into_response(),
    }
}
