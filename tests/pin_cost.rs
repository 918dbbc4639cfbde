//! A real book's PINs are hashed at the production cost (Argon2id, 64 MiB, 3 passes, 1
//! lane): this test process never asks for the cheap one the other tests use.

use tiepdan::store::Store;
use tiepdan::store::pin::{PRODUCTION, current_cost};

#[test]
fn a_book_made_without_the_test_switch_hashes_at_the_production_cost() {
    assert_eq!(current_cost(), PRODUCTION);
    let mut store = Store::open_in_memory().unwrap();
    store
        .first_start(
            "UBND phường Ba Đình",
            "BD",
            "Nguyễn Thị Lan",
            "246810",
            "246810",
        )
        .unwrap();
    let h: String = store
        .inspect_one("SELECT pin_hash FROM officers WHERE id = 1", [])
        .unwrap();
    assert!(h.starts_with("$argon2id$v=19$m=65536,t=3,p=1$"), "{h}");
}
