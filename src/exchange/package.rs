//! A desk's package as a file (issue 27, merging desks): one header line that names it,
//! `tiepdan-package 1`, then the package as one JSON document (`store::Package`: the head,
//! the journal segment, the records, the desk's signature). `tiepdan import` knows a
//! package by its header line; anything else is an old book.

use std::io::{Read, Write};
use std::path::Path;

use crate::store::Package;

/// The first line of a package file.
pub const HEADER: &str = "tiepdan-package 1";

/// Does this file begin like a package?
pub fn is_package(path: &Path) -> bool {
    let mut head = [0u8; HEADER.len()];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == *HEADER.as_bytes())
}

/// Write a package: the header line, the JSON, a last newline.
pub fn write(out: &mut impl Write, p: &Package) -> std::io::Result<()> {
    out.write_all(HEADER.as_bytes())?;
    out.write_all(b"\n")?;
    serde_json::to_writer(&mut *out, p)?;
    out.write_all(b"\n")
}

/// Why a package file does not read.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// No package header.
    NotPackage,
    /// The JSON does not read as a package.
    Json(serde_json::Error),
}

/// Read a package (not yet checked: `Package::verify`).
pub fn read(bytes: &[u8]) -> Result<Package, ReadError> {
    let rest = bytes
        .strip_prefix(HEADER.as_bytes())
        .and_then(|r| r.strip_prefix(b"\n"))
        .ok_or(ReadError::NotPackage)?;
    serde_json::from_slice(rest).map_err(ReadError::Json)
}

/// Read a package file.
pub fn read_file(path: &Path) -> Result<(Package, Vec<u8>), ReadError> {
    let bytes = std::fs::read(path).map_err(ReadError::Io)?;
    Ok((read(&bytes)?, bytes))
}
