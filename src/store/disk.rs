//! Free space on the disk a path lives on: a backup is not started when its copy would not
//! fit (a full disk would stop the book's own writes).

use std::path::Path;

/// Bytes free to an unprivileged writer on the file system holding `dir` (None: unknown).
#[cfg(unix)]
pub fn free_space(dir: &Path) -> Option<u64> {
    let st = rustix::fs::statvfs(dir).ok()?;
    Some(st.f_bavail.saturating_mul(st.f_frsize))
}

#[cfg(windows)]
pub fn free_space(dir: &Path) -> Option<u64> {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::Storage::FileSystem::GetDiskFreeSpaceExW;
    let wide: Vec<u16> = dir.as_os_str().encode_wide().chain(Some(0)).collect();
    let mut free = 0u64;
    // SAFETY: `wide` is a NUL-terminated path that outlives the call; the out pointer is a
    // valid u64 and the two others may be null (the API says so).
    let ok = unsafe {
        GetDiskFreeSpaceExW(
            wide.as_ptr(),
            &mut free,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    };
    (ok != 0).then_some(free)
}

#[cfg(not(any(unix, windows)))]
pub fn free_space(_dir: &Path) -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_temp_dir_has_some_free_space() {
        let free = super::free_space(&std::env::temp_dir()).expect("known");
        assert!(free > 0);
    }
}
