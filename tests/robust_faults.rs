//! Faults: a build killed with SIGKILL at any moment leaves every output either the
//! earlier file or the complete new one (never a partial file), and the next build
//! leaves no temporary file; a full disk and a read-only output folder give E501, not
//! a panic, and leave the earlier outputs as they were.

mod common;
mod robust_common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use robust_common::*;

const OUTPUTS: [&str; 3] = [
    "mir-reader.epub",
    "mir-reader-a5.pdf",
    "mir-reader.summary.toml",
];
const EARLIER: &[u8] = b"an output of an earlier build";

/// The real volume built once, for the bytes a finished build writes.
fn reference() -> &'static Vec<(String, Vec<u8>)> {
    static REFERENCE: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
    REFERENCE.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let run = edition(&["build", "--out", out.to_str().unwrap()]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        snapshot(&out)
    })
}

/// An output folder holding the earlier outputs.
fn earlier_outputs(out: &Path) {
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).unwrap();
    for name in OUTPUTS {
        std::fs::write(out.join(name), EARLIER).unwrap();
    }
}

fn is_temporary(name: &str) -> bool {
    name.starts_with(".edition-") && name.ends_with(".tmp")
}

/// Every output is the earlier file or the finished new one; anything else in the
/// folder is a temporary file. Returns how many outputs were replaced.
fn assert_whole(out: &Path, what: &str) -> usize {
    let reference = reference();
    let mut replaced = 0;
    for (name, bytes) in snapshot(out) {
        if is_temporary(&name) {
            continue;
        }
        let new = reference.iter().find(|(n, _)| *n == name).map(|(_, b)| b);
        assert!(new.is_some(), "{what}: unexpected file {name}");
        if bytes.as_slice() == EARLIER {
            continue;
        }
        assert!(
            Some(&bytes) == new,
            "{what}: {name} is neither the earlier output nor the finished one ({} bytes)",
            bytes.len()
        );
        replaced += 1;
    }
    for name in OUTPUTS {
        assert!(out.join(name).is_file(), "{what}: {name} disappeared");
    }
    replaced
}

fn spawn_build(out: &Path, env: &[(&str, &str)]) -> std::process::Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_edition"));
    cmd.args(["build", "--out", out.to_str().unwrap()])
        .current_dir(repo())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.spawn().expect("edition starts")
}

/// After a killed build, the next build finishes, writes the new outputs and removes
/// every temporary file.
fn assert_next_build_cleans(out: &Path) {
    let run = edition(&["build", "--out", out.to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let now = snapshot(out);
    assert!(
        now.iter().all(|(n, _)| !is_temporary(n)),
        "a temporary file survived the next build: {:?}",
        now.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    assert!(
        &now == reference(),
        "the next build's outputs differ from a clean build's"
    );
}

#[test]
fn killed_at_any_moment_the_outputs_stay_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    reference();
    let mut replaced_total = 0;
    for ms in [0, 10, 30, 50, 100, 150, 200, 300, 500, 800, 1200] {
        earlier_outputs(&out);
        let mut child = spawn_build(&out, &[]);
        std::thread::sleep(Duration::from_millis(ms));
        let _ = child.kill(); // SIGKILL; an error means it had finished already
        let _ = child.wait();
        replaced_total += assert_whole(&out, &format!("killed after {ms} ms"));
    }
    // Some kills came before the writing (nothing replaced); the last ones may come after.
    eprintln!("outputs replaced across the kills: {replaced_total}");
    assert_next_build_cleans(&out);
}

#[test]
fn killed_between_writing_and_renaming() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    reference();
    earlier_outputs(&out);
    let mut child = spawn_build(&out, &[("EDITION_TEST_WRITE_FAULT", "pause-before-rename")]);
    let start = Instant::now();
    // Wait until both temporary files are written (the build then pauses 5 s).
    loop {
        let temporaries = snapshot(&out)
            .into_iter()
            .filter(|(n, _)| is_temporary(n))
            .count();
        if temporaries == OUTPUTS.len() {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the build never wrote its temporary files"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before its pause"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("the paused build is still running");
    let _ = child.wait();
    assert_eq!(assert_whole(&out, "killed before renaming"), 0);
    for name in OUTPUTS {
        assert_eq!(std::fs::read(out.join(name)).unwrap(), EARLIER);
    }
    assert_next_build_cleans(&out);
}

/// Whether this process may mount file systems (root with CAP_SYS_ADMIN).
fn mount(dir: &Path, options: &str) -> bool {
    std::fs::create_dir_all(dir).unwrap();
    Command::new("mount")
        .args(["-t", "tmpfs", "-o", options, "tmpfs", dir.to_str().unwrap()])
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

#[test]
fn full_disk_on_a_tiny_tmpfs() {
    if !is_root() {
        // Without root no file system can be mounted: the fault injection of
        // tests/robust_bad.rs (full_disk_by_fault_injection) covers the same path.
        eprintln!("not root: the real full disk is not tried (see full_disk_by_fault_injection)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert!(
        mount(&out, "size=64k"),
        "running as root but `mount -t tmpfs` failed: the test needs CAP_SYS_ADMIN"
    );
    let _guard = Mounted(out.clone());
    earlier_outputs(&out);
    let run = edition(&["build", "--out", out.to_str().unwrap()]);
    let stderr = refused(&run, 1);
    assert!(
        stderr.contains("[E501]") && stderr.contains("no space left"),
        "{stderr}"
    );
    for name in OUTPUTS {
        assert_eq!(std::fs::read(out.join(name)).unwrap(), EARLIER, "{name}");
    }
    let left: Vec<String> = snapshot(&out).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        left.len(),
        OUTPUTS.len(),
        "temporary files left on a full disk: {left:?}"
    );
}

#[test]
fn read_only_output_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    earlier_outputs(&out);
    let _guard = if is_root() {
        // Root writes through permissions: a read-only file system is the real test.
        let guard = Mounted(out.clone());
        assert!(
            mount(&out, "size=1m"),
            "running as root but `mount -t tmpfs` failed: the test needs CAP_SYS_ADMIN"
        );
        earlier_outputs_in_place(&out);
        let remount = Command::new("mount")
            .args(["-o", "remount,ro", out.to_str().unwrap()])
            .status()
            .unwrap();
        assert!(remount.success(), "remounting read-only failed");
        Some(guard)
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
        None
    };
    let run = edition(&["build", "--out", out.to_str().unwrap()]);
    let stderr = refused(&run, 1);
    assert!(stderr.contains("[E501]"), "{stderr}");
    assert!(
        stderr.contains("read-only file system") || stderr.contains("permission denied"),
        "{stderr}"
    );
    for name in OUTPUTS {
        assert_eq!(std::fs::read(out.join(name)).unwrap(), EARLIER, "{name}");
    }
    #[cfg(unix)]
    if !is_root() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// The earlier outputs written into `out` as it is (a freshly mounted file system).
fn earlier_outputs_in_place(out: &Path) {
    for name in OUTPUTS {
        std::fs::write(out.join(name), EARLIER).unwrap();
    }
}

/// Outputs are staged as soon as they are made (the EPUB while the PDF is drawn): a
/// build that fails after that (a character no font has is found by the typesetting)
/// removes what it staged and leaves the earlier outputs as they were.
#[test]
fn a_failed_build_leaves_no_staged_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    earlier_outputs(&out);
    let run = edition(&[
        "build",
        "--manuscript",
        "tests/fixtures/bad/glyph-missing",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    let left = snapshot(&out);
    assert_eq!(
        left.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        {
            let mut names = OUTPUTS.to_vec();
            names.sort();
            names
        },
        "only the earlier outputs are left"
    );
    assert!(left.iter().all(|(_, bytes)| bytes.as_slice() == EARLIER));
}
