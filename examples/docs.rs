//! Write the guides' generated documents from the code:
//!
//! ```sh
//! cargo run --example docs
//! ```
//!
//! - `docs/phim-tat.md` and `docs/phim-tat.html`: the key card, from the keymap table
//!   (`src/app/keymap/bindings/`), like the `?` help;
//! - `docs/man/tiepdan.1` and one page per subcommand (`tiepdan-report.1`…): the man pages,
//!   rendered by `clap_mangen` from the clap definitions with their Vietnamese help.
//!
//! `tests/docs.rs` fails when a committed file differs from what this writes.

use std::path::{Path, PathBuf};

use tiepdan::i18n::Lang;

/// Every generated document: its path under the repository, and its text.
pub fn generated() -> Vec<(PathBuf, String)> {
    let mut out = vec![
        (
            PathBuf::from("docs/phim-tat.md"),
            tiepdan::ui::key_card::markdown(Lang::Vi),
        ),
        (
            PathBuf::from("docs/phim-tat.html"),
            tiepdan::ui::key_card::html(Lang::Vi),
        ),
    ];
    man_pages(&tiepdan::cli::help::command_for_man(Lang::Vi), &mut out);
    out
}

/// The man page of `cmd` and of each of its subcommands.
fn man_pages(cmd: &clap::Command, out: &mut Vec<(PathBuf, String)>) {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut roff = vec![];
    man.render(&mut roff).expect("render a man page");
    let roff = String::from_utf8(roff).expect("UTF-8 roff");
    out.push((
        Path::new("docs/man").join(man.get_filename()),
        vietnamese_sections(&roff),
    ));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages(sub, out);
    }
}

/// clap_mangen names its fixed sections in English; the pages are Vietnamese.
fn vietnamese_sections(roff: &str) -> String {
    roff.lines()
        .map(|l| match l {
            ".SH NAME" => ".SH TÊN",
            ".SH SYNOPSIS" => ".SH CÁCH DÙNG",
            ".SH DESCRIPTION" => ".SH MÔ TẢ",
            ".SH OPTIONS" => ".SH TÙY CHỌN",
            ".SH SUBCOMMANDS" | ".SH Lệnh" => ".SH LỆNH",
            ".SH VERSION" => ".SH PHIÊN BẢN",
            other => other,
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

#[allow(dead_code)]
fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, text) in generated() {
        let full = root.join(&path);
        std::fs::create_dir_all(full.parent().expect("a folder")).expect("docs folder");
        std::fs::write(&full, text).expect("write a generated document");
        println!("{}", path.display());
    }
}
