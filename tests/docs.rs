//! The guides stay true to the code: the generated documents (key card, man pages) are what
//! their generator writes today, every key of the keymap is on the key card, every
//! subcommand is in the guides, and every relative link between the documents resolves.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tiepdan::app::keymap::{self, BINDINGS};
use tiepdan::i18n::Lang;

#[path = "../examples/docs.rs"]
#[allow(dead_code)]
mod generator;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn generated_documents_are_current() {
    let mut stale = vec![];
    for (path, text) in generator::generated() {
        let committed = std::fs::read_to_string(root().join(&path)).unwrap_or_default();
        if committed != text {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale, regenerate with `cargo run --example docs`: {stale:?}"
    );
    // And nothing in docs/man/ that the generator no longer writes.
    let written: Vec<PathBuf> = generator::generated().into_iter().map(|(p, _)| p).collect();
    for entry in std::fs::read_dir(root().join("docs/man")).expect("docs/man") {
        let name = Path::new("docs/man").join(entry.expect("entry").file_name());
        assert!(
            written.contains(&name),
            "{} is not generated",
            name.display()
        );
    }
}

/// The card's sections: title → its rows (key cells, what the key does).
fn card_sections(md: &str) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let mut current = None;
    for line in md.lines() {
        if let Some(t) = line.strip_prefix("## ") {
            current = Some(t.to_owned());
            out.entry(t.to_owned()).or_default();
        } else if line.starts_with("| `")
            && let Some(c) = &current
        {
            out.get_mut(c).expect("section").push(line.to_owned());
        }
    }
    out
}

#[test]
fn every_key_of_the_keymap_is_on_the_key_card() {
    let md = read("docs/phim-tat.md");
    let html = read("docs/phim-tat.html");
    let sections = card_sections(&md);
    let mut checked = 0;
    for b in BINDINGS.iter() {
        // A context's keys are under its title (the visit form's editing keys under the form's).
        let title = b.ctx.title().t(Lang::Vi);
        let rows = sections
            .get(title)
            .unwrap_or_else(|| panic!("no section {title} for {:?}", b.ctx));
        let help = b.help.t(Lang::Vi);
        let found = rows.iter().any(|row| {
            row.ends_with(&format!("| {help} |"))
                && b.keys.iter().all(|k| {
                    let label = keymap::key_label(k).replace('|', "\\|");
                    row.contains(&format!("`{label}`")) || row.contains(&format!("`` {label} ``"))
                })
        });
        assert!(
            found,
            "{:?} {:?} ({help}) is not on the key card under {title}",
            b.ctx, b.keys
        );
        assert!(html.contains(&format!("<td>{}</td>", html_escape(help))));
        checked += 1;
    }
    assert!(checked > 100, "the keymap has its keys ({checked})");
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Every subcommand path: `report`, `officer add`…
fn subcommands(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
    for s in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let path = format!("{prefix}{}", s.get_name());
        out.push(path.clone());
        subcommands(s, &format!("{path} "), out);
    }
}

const GUIDES: &[&str] = &[
    "README.md",
    "docs/huong-dan-su-dung.md",
    "docs/admin.md",
    "docs/developer.md",
    "docs/reference.md",
];

#[test]
fn every_subcommand_is_in_the_guides() {
    let mut paths = vec![];
    subcommands(&tiepdan::cli::help::command(Lang::En), "", &mut paths);
    assert!(paths.len() >= 18, "{paths:?}");
    // The officer's and the administrator's guides between them say how to use each.
    let guides = read("docs/huong-dan-su-dung.md") + &read("docs/admin.md");
    for p in &paths {
        assert!(
            guides.contains(&format!("tiepdan {p}")),
            "`tiepdan {p}` is in neither the officer's nor the administrator's guide"
        );
    }
}

/// A heading's anchor as GitHub makes it: lower case, punctuation dropped (letters of any
/// script, digits, `-` and `_` kept), spaces to `-`.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || *c == ' ')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors(md: &str) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = vec![];
    let mut fenced = false;
    for line in md.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        }
        if fenced {
            continue;
        }
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            let s = slug(&line[hashes..]);
            let n = seen.entry(s.clone()).or_insert(0);
            out.push(if *n == 0 {
                s.clone()
            } else {
                format!("{s}-{n}")
            });
            *n += 1;
        }
    }
    out
}

/// The targets of `[text](target)` and `![alt](target)` outside code.
fn links(md: &str) -> Vec<String> {
    let mut out = vec![];
    let mut fenced = false;
    for line in md.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        }
        if fenced {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("](") {
            rest = &rest[i + 2..];
            if let Some(end) = rest.find(')') {
                out.push(rest[..end].to_owned());
                rest = &rest[end..];
            }
        }
    }
    out
}

#[test]
fn relative_links_between_the_documents_resolve() {
    let mut docs: Vec<String> = GUIDES.iter().map(|s| s.to_string()).collect();
    docs.push("docs/phim-tat.md".into());
    let mut checked = 0;
    for doc in &docs {
        let md = read(doc);
        let dir = Path::new(doc).parent().expect("a folder");
        for target in links(&md) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, anchor) = match target.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (target.as_str(), None),
            };
            let rel = if file.is_empty() {
                PathBuf::from(doc)
            } else {
                dir.join(file)
            };
            let full = root().join(&rel);
            assert!(
                full.exists(),
                "{doc}: link to {target}: no {}",
                rel.display()
            );
            if let Some(a) = anchor {
                let text = std::fs::read_to_string(&full).expect("a document");
                assert!(
                    anchors(&text).iter().any(|h| h == a),
                    "{doc}: link to {target}: no heading #{a} in {}",
                    rel.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 30, "links checked: {checked}");
}

#[test]
fn the_slug_is_githubs() {
    assert_eq!(
        slug(" The journal, `check` and `audit`"),
        "the-journal-check-and-audit"
    );
    assert_eq!(
        slug(" 1. Cài đặt trên Linux — Installing on Linux"),
        "1-cài-đặt-trên-linux--installing-on-linux"
    );
}

#[test]
fn every_screenshot_of_the_officers_guide_is_generated() {
    let guide = read("docs/huong-dan-su-dung.md");
    let shots = read("examples/screenshots.rs");
    for target in links(&guide) {
        if let Some(name) = target
            .strip_prefix("../screenshots/")
            .and_then(|n| n.strip_suffix(".svg"))
        {
            assert!(
                shots.contains(&format!("\"{name}\"")),
                "{name}.svg is not written by examples/screenshots.rs"
            );
        }
    }
}
