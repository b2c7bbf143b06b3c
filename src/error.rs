//! The library's error type: one variant per way a run can fail, each naming
//! the file (and line or field) involved.

use std::path::PathBuf;

/// Everything that can stop a stage. Bad *records* are not errors: they go to
/// the rejects list and the run goes on; these are for files and settings.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be opened, read or written.
    #[error("{}: {}", path.display(), io_sentence(cause))]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause (said in [`io_sentence`]'s words, not repeated as a
        /// source: the message says it once).
        cause: std::io::Error,
    },
    /// A CSV file could not be parsed at all (not one bad row: the whole file).
    #[error("{path}: {message}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A JSON or GeoJSON document is invalid.
    #[error("{path}: invalid JSON/GeoJSON: {message}")]
    Json {
        /// The file.
        path: PathBuf,
        /// What went wrong, with line and column when known.
        message: String,
    },
    /// A file's contents are well-formed but unusable (no name field, empty, ...).
    #[error("{path}: {message}")]
    BadFile {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A setting given by the user is invalid.
    #[error("{0}")]
    Usage(String),
    /// No input gave a single usable record: nothing was written. One line
    /// per unusable input, each with its reason (and a hint when one helps).
    #[error("no input gave a usable record; nothing written\n  {}", .0.join("\n  "))]
    NothingUsable(Vec<String>),
    /// A chart could not be drawn.
    #[error("chart {path}: {message}")]
    Chart {
        /// The chart file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

/// An I/O error as one clause saying what to do, without the OS error's
/// number repeated (the path is given by the caller).
pub fn io_sentence(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "does not exist: check the path",
        K::PermissionDenied => {
            "permission denied: choose a path you may read and write, or fix its permissions"
        }
        K::AlreadyExists => "a file of that name is in the way: remove it or choose another path",
        K::IsADirectory => "is a directory: give a file inside it",
        K::NotADirectory => "a part of this path is a file, not a folder: choose another path",
        K::StorageFull => "the disk is full: free some space or choose another folder",
        K::ReadOnlyFilesystem => "the file system is read-only: choose another folder",
        K::InvalidData => "is not valid UTF-8 text: re-save it as UTF-8",
        _ => return e.to_string(),
    };
    what.to_string()
}

impl Error {
    /// Shorthand for an [`Error::Io`].
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            cause: source,
        }
    }

    /// Shorthand for an [`Error::BadFile`].
    pub fn bad_file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::BadFile {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
