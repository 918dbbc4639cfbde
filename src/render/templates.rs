//! Where a form's template comes from: the unit's own file `<form>.toml` in the templates
//! folder beside the book (`papers/templates/`), else the documented default shipped in
//! the binary. A unit starts from `tiepdan print --templates`, which writes the defaults
//! there to edit. A file that does not read is refused with its name and why — never
//! replaced silently by the default.

use std::path::{Path, PathBuf};

use crate::domain::paper::Form;
use crate::domain::paper::template::{Template, TemplateError, default_template, default_text};

/// The folder beside the book where papers are written.
pub fn papers_dir(book: &Path) -> PathBuf {
    book.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."))
        .join("papers")
}

/// The folder of a unit's own templates.
pub fn templates_dir(book: &Path) -> PathBuf {
    papers_dir(book).join("templates")
}

/// Why a unit's template was refused.
#[derive(Debug)]
pub enum LoadError {
    Io(PathBuf, std::io::Error),
    Template(PathBuf, TemplateError),
}

/// The template of `form`: the unit's own in `dir` when there is one, else the default.
pub fn load(dir: Option<&Path>, form: Form) -> Result<Template, LoadError> {
    let Some(dir) = dir else {
        return Ok(default_template(form));
    };
    let path = dir.join(format!("{}.toml", form.code()));
    match std::fs::read_to_string(&path) {
        Ok(text) => Template::parse(form, &text).map_err(|e| LoadError::Template(path, e)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(default_template(form)),
        Err(e) => Err(LoadError::Io(path, e)),
    }
}

/// Write the default templates into `dir` for a unit to edit (an existing file is kept);
/// returns the files written.
pub fn write_defaults(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut out = Vec::new();
    for f in Form::ALL {
        let path = dir.join(format!("{}.toml", f.code()));
        if path.exists() {
            continue;
        }
        let mut file = crate::exchange::files::PrivateFile::create(&path)?;
        std::io::Write::write_all(&mut file, default_text(*f).as_bytes())?;
        file.commit()?;
        out.push(path);
    }
    Ok(out)
}
