//! Personal data: a new book is readable by its owner only. Best effort on every platform:
//! opening the book never fails on it.
//!
//! - Unix: mode 0600. SQLite gives the `-wal` and `-shm` files it makes beside the book the
//!   book's own mode.
//! - Windows: a protected DACL with a single entry, the current user with full control:
//!   nothing is inherited from the folder (Administrators, other users of a shared folder).
//!   SQLite on Windows gives its `-wal` and `-shm` files the folder's permissions, so
//!   `journal_like_book` gives them the book's DACL once they exist (each time the book is
//!   opened for writing; `%APPDATA%`, the default folder, is the user's own meanwhile).
//! - The folder tiepdan makes for a new book: 0700 on Unix (`open.rs`); on Windows the same
//!   DACL, inherited by what is made in it (so the `-wal` and `-shm` are the owner's from
//!   the start there).

use std::path::Path;

/// Make a new book readable (and writable) by its owner only.
pub fn restrict(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    #[cfg(windows)]
    let _ = win::restrict_to_current_user(path, false);
    #[cfg(not(any(unix, windows)))]
    let _ = path;
}

/// Make a folder new books are made in readable by its owner only (on Unix its 0700 is given
/// when it is made); on Windows the entry is inherited by the files and folders made in it.
pub fn restrict_dir(dir: &Path) {
    #[cfg(windows)]
    let _ = win::restrict_to_current_user(dir, true);
    #[cfg(not(windows))]
    let _ = dir;
}

/// Give SQLite's `-wal` and `-shm` files beside the book the book's permissions (SQLite
/// does so itself on Unix).
pub fn journal_like_book(path: &Path) {
    #[cfg(windows)]
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let side = Path::new(&side);
        if side.exists() {
            let _ = win::copy_dacl(path, side);
        }
    }
    #[cfg(not(windows))]
    let _ = path;
}

#[cfg(windows)]
mod win {
    use std::io;
    use std::os::windows::ffi::OsStrExt;
    use std::path::Path;
    use std::ptr::{null, null_mut};

    use windows_sys::Win32::Foundation::{CloseHandle, ERROR_SUCCESS, HANDLE, LocalFree};
    use windows_sys::Win32::Security::Authorization::{
        EXPLICIT_ACCESS_W, GetNamedSecurityInfoW, NO_MULTIPLE_TRUSTEE, SE_FILE_OBJECT, SET_ACCESS,
        SetEntriesInAclW, SetNamedSecurityInfoW, TRUSTEE_IS_SID, TRUSTEE_IS_USER, TRUSTEE_W,
    };
    use windows_sys::Win32::Security::{
        ACL, DACL_SECURITY_INFORMATION, GetTokenInformation, NO_INHERITANCE,
        PROTECTED_DACL_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR,
        SUB_CONTAINERS_AND_OBJECTS_INHERIT, TOKEN_QUERY, TOKEN_USER, TokenUser,
    };
    use windows_sys::Win32::Storage::FileSystem::FILE_ALL_ACCESS;
    use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

    /// A NUL-terminated UTF-16 path (Vietnamese letters and all).
    fn wide(path: &Path) -> Vec<u16> {
        path.as_os_str().encode_wide().chain(Some(0)).collect()
    }

    fn check(code: u32) -> io::Result<()> {
        if code == ERROR_SUCCESS {
            Ok(())
        } else {
            Err(io::Error::from_raw_os_error(code as i32))
        }
    }

    /// The current user's TOKEN_USER (its SID inside), in a buffer aligned for it.
    pub(super) fn current_user() -> io::Result<Vec<u64>> {
        let mut token: HANDLE = null_mut();
        // SAFETY: the pseudo-handle of this process; `token` is written on success.
        if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) } == 0 {
            return Err(io::Error::last_os_error());
        }
        let mut needed = 0u32;
        // SAFETY: a size query (no buffer), then a buffer of at least `needed` bytes.
        let buf = unsafe {
            GetTokenInformation(token, TokenUser, null_mut(), 0, &mut needed);
            let mut buf = vec![0u64; (needed as usize).div_ceil(8).max(1)];
            let ok = GetTokenInformation(
                token,
                TokenUser,
                buf.as_mut_ptr().cast(),
                (buf.len() * 8) as u32,
                &mut needed,
            );
            let err = io::Error::last_os_error();
            CloseHandle(token);
            if ok == 0 {
                return Err(err);
            }
            buf
        };
        Ok(buf)
    }

    /// The DACL of a private file or folder: one entry, the current user with full control
    /// (for a folder, inherited by the files and folders made in it). Freed when dropped.
    pub(super) struct OwnerOnly {
        pub(super) acl: *mut ACL,
    }

    impl OwnerOnly {
        pub(super) fn new(folder: bool) -> io::Result<OwnerOnly> {
            let user = current_user()?;
            // SAFETY: `user` holds a TOKEN_USER written by Windows; SetEntriesInAclW copies
            // the SID into the new ACL.
            let sid = unsafe { (*user.as_ptr().cast::<TOKEN_USER>()).User.Sid };
            let access = EXPLICIT_ACCESS_W {
                grfAccessPermissions: FILE_ALL_ACCESS,
                grfAccessMode: SET_ACCESS,
                grfInheritance: if folder {
                    SUB_CONTAINERS_AND_OBJECTS_INHERIT
                } else {
                    NO_INHERITANCE
                },
                Trustee: TRUSTEE_W {
                    pMultipleTrustee: null_mut(),
                    MultipleTrusteeOperation: NO_MULTIPLE_TRUSTEE,
                    TrusteeForm: TRUSTEE_IS_SID,
                    TrusteeType: TRUSTEE_IS_USER,
                    ptstrName: sid.cast(),
                },
            };
            let mut acl: *mut ACL = null_mut();
            // SAFETY: one valid entry, no old ACL; the new one is ours to LocalFree.
            check(unsafe { SetEntriesInAclW(1, &access, null(), &mut acl) })?;
            Ok(OwnerOnly { acl })
        }
    }

    impl Drop for OwnerOnly {
        fn drop(&mut self) {
            // SAFETY: allocated by SetEntriesInAclW, freed once.
            unsafe { LocalFree(self.acl.cast()) };
        }
    }

    pub(super) fn restrict_to_current_user(path: &Path, folder: bool) -> io::Result<()> {
        let owner_only = OwnerOnly::new(folder)?;
        // SAFETY: a valid ACL, alive for the call.
        unsafe { set_dacl(path, owner_only.acl) }
    }

    /// Give `to` the DACL of `from`, protected (nothing inherited from its folder).
    pub(super) fn copy_dacl(from: &Path, to: &Path) -> io::Result<()> {
        let mut dacl: *mut ACL = null_mut();
        let mut sd: PSECURITY_DESCRIPTOR = null_mut();
        let from = wide(from);
        // SAFETY: `dacl` points into `sd`, freed with LocalFree once set on `to`.
        unsafe {
            check(GetNamedSecurityInfoW(
                from.as_ptr(),
                SE_FILE_OBJECT,
                DACL_SECURITY_INFORMATION,
                null_mut(),
                null_mut(),
                &mut dacl,
                null_mut(),
                &mut sd,
            ))?;
            let done = set_dacl(to, dacl);
            LocalFree(sd);
            done
        }
    }

    /// # Safety
    /// `acl` is a valid ACL.
    unsafe fn set_dacl(path: &Path, acl: *const ACL) -> io::Result<()> {
        let path = wide(path);
        // SAFETY: a NUL-terminated path and a valid ACL (the caller's word).
        check(unsafe {
            SetNamedSecurityInfoW(
                path.as_ptr(),
                SE_FILE_OBJECT,
                DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                null_mut(),
                null_mut(),
                acl,
                null(),
            )
        })
    }
}

#[cfg(all(test, windows))]
mod tests {
    use std::ptr::null_mut;

    use windows_sys::Win32::Foundation::LocalFree;
    use windows_sys::Win32::Security::Authorization::{GetNamedSecurityInfoW, SE_FILE_OBJECT};
    use windows_sys::Win32::Security::{
        ACCESS_ALLOWED_ACE, ACL, DACL_SECURITY_INFORMATION, EqualSid, GetAce,
        GetSecurityDescriptorControl, PSECURITY_DESCRIPTOR, SE_DACL_PROTECTED,
        SUB_CONTAINERS_AND_OBJECTS_INHERIT, TOKEN_USER,
    };
    use windows_sys::Win32::Storage::FileSystem::FILE_ALL_ACCESS;
    use windows_sys::Win32::System::LibraryLoader::{GetModuleHandleA, GetProcAddress};

    use super::*;

    /// Does `acl` hold exactly one entry: allow the current user everything, with these
    /// inheritance flags?
    fn current_user_alone(acl: *const ACL, flags: u8) -> bool {
        let user = win::current_user().unwrap();
        // SAFETY: test-only reads of an ACL Windows made.
        unsafe {
            let sid = (*user.as_ptr().cast::<TOKEN_USER>()).User.Sid;
            let mut ace: *mut core::ffi::c_void = null_mut();
            (*acl).AceCount == 1 && GetAce(acl, 0, &mut ace) != 0 && {
                let ace = ace.cast::<ACCESS_ALLOWED_ACE>();
                (*ace).Header.AceType == 0 // ACCESS_ALLOWED_ACE_TYPE
                        && (*ace).Header.AceFlags == flags
                        && (*ace).Mask == FILE_ALL_ACCESS
                        && EqualSid(std::ptr::addr_of_mut!((*ace).SidStart).cast(), sid) != 0
            }
        }
    }

    /// (the DACL is protected from inheritance, it holds the current user alone)
    fn dacl_of(path: &Path) -> (bool, bool) {
        use std::os::windows::ffi::OsStrExt;
        let wide: Vec<u16> = path.as_os_str().encode_wide().chain(Some(0)).collect();
        let mut dacl: *mut ACL = null_mut();
        let mut sd: PSECURITY_DESCRIPTOR = null_mut();
        // SAFETY: test-only reads of a descriptor Windows allocates, then frees.
        unsafe {
            let code = GetNamedSecurityInfoW(
                wide.as_ptr(),
                SE_FILE_OBJECT,
                DACL_SECURITY_INFORMATION,
                null_mut(),
                null_mut(),
                &mut dacl,
                null_mut(),
                &mut sd,
            );
            assert_eq!(code, 0);
            let (mut control, mut revision) = (0u16, 0u32);
            GetSecurityDescriptorControl(sd, &mut control, &mut revision);
            let found = (
                control & SE_DACL_PROTECTED != 0,
                current_user_alone(dacl, 0),
            );
            LocalFree(sd);
            found
        }
    }

    /// Wine keeps no file DACL (it answers from the Unix mode), so the files are checked on
    /// Windows only; the DACL itself is checked everywhere.
    fn under_wine() -> bool {
        // SAFETY: looking up an export by name; ntdll is always loaded.
        unsafe {
            let ntdll = GetModuleHandleA(c"ntdll.dll".as_ptr().cast());
            GetProcAddress(ntdll, c"wine_get_version".as_ptr().cast()).is_some()
        }
    }

    #[test]
    fn the_private_dacl_names_the_current_user_alone() {
        let file = win::OwnerOnly::new(false).unwrap();
        assert!(current_user_alone(file.acl, 0));
        // A folder's entry goes to the files and folders made in it.
        let folder = win::OwnerOnly::new(true).unwrap();
        assert!(current_user_alone(
            folder.acl,
            SUB_CONTAINERS_AND_OBJECTS_INHERIT as u8
        ));
    }

    #[test]
    fn a_restricted_file_is_the_current_users_alone_and_its_journal_too() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("sổ tiếp dân");
        std::fs::create_dir_all(&dir).unwrap();
        let book = dir.join("tiepdan.sqlite3");
        std::fs::write(&book, b"").unwrap();
        win::restrict_to_current_user(&book, false).unwrap();
        let wal = dir.join("tiepdan.sqlite3-wal");
        std::fs::write(&wal, b"").unwrap();
        journal_like_book(&book);
        if under_wine() {
            eprintln!("under Wine: file DACLs are not kept, not checked");
            return;
        }
        assert_eq!(dacl_of(&book), (true, true));
        assert_eq!(dacl_of(&wal), (true, true));
    }
}
