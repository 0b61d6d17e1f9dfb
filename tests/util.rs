//! Running the `gazette` binary in a fresh temporary folder.
#![allow(dead_code, unreachable_pub)] // each test module uses a different subset

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (where `data/` lives).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under `data/` of the repository, e.g. `data("sample/nato-mission-2021-10-31.txt")`.
pub fn data(rel: &str) -> PathBuf {
    repo().join("data").join(rel)
}

/// The output of one run of the binary.
#[derive(Debug)]
pub struct Run {
    /// Exit code (-1 when killed by a signal).
    pub code: i32,
    /// Everything printed on stdout.
    pub stdout: String,
    /// Everything printed on stderr.
    pub stderr: String,
}

/// A temporary working folder for one test; removed when dropped.
pub struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    /// Makes a new empty folder.
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("temporary folder"),
        }
    }

    /// The folder's path.
    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// Writes `contents` to `name` inside the folder (creating parent folders) and returns
    /// its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.tmp.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent folder");
        }
        std::fs::write(&path, contents).expect("write test file");
        path
    }

    /// A `gazette` command whose working directory is this folder.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_gazette"));
        cmd.current_dir(self.tmp.path());
        cmd.env_remove("RAYON_NUM_THREADS");
        cmd
    }

    /// Runs `gazette ARGS...` here and captures its output.
    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        run(self.command().args(args))
    }
}

/// Runs a prepared command and captures its output.
pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("run gazette");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
