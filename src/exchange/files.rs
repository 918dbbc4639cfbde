//! Files that leave the book are the owner's only: written beside their name under a
//! temporary one (0600 on Unix), then moved into place in one step, so a reader never sees
//! half a file and a failure leaves nothing behind.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file being written; `commit` moves it into place, dropping it removes it.
pub struct PrivateFile {
    file: Option<File>,
    tmp: PathBuf,
    target: PathBuf,
}

impl PrivateFile {
    /// Start writing what will become `target` (its folder must exist).
    pub fn create(target: &Path) -> std::io::Result<PrivateFile> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "tiepdan".into());
        let tmp = target.with_file_name(format!(".{name}.{}.part", std::process::id()));
        let mut o = OpenOptions::new();
        o.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
        let file = o.open(&tmp)?;
        Ok(PrivateFile {
            file: Some(file),
            tmp,
            target: target.to_owned(),
        })
    }

    /// Everything written: flushed to disk and moved into place (replacing `target`).
    pub fn commit(mut self) -> std::io::Result<()> {
        if let Some(f) = self.file.take() {
            f.sync_all()?;
        }
        std::fs::rename(&self.tmp, &self.target)
    }
}

impl Write for PrivateFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(std::io::Error::other("closed")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for PrivateFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_appears_whole_and_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("sổ.csv");
        let mut f = PrivateFile::create(&target).unwrap();
        f.write_all(b"a,b\n").unwrap();
        assert!(!target.exists());
        f.commit().unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"a,b\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        // Dropped unfinished: nothing left, the old file untouched.
        let mut g = PrivateFile::create(&target).unwrap();
        g.write_all(b"half").unwrap();
        drop(g);
        assert_eq!(std::fs::read(&target).unwrap(), b"a,b\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
