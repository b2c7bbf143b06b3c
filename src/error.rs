//! The library's error type: one variant per way a run can fail, each naming
//! the file (and line or field) involved.

use std::path::PathBuf;

/// Everything that can stop a stage. Bad *records* are not errors: they go to
/// the rejects list and the run goes on; these are for files and settings.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be opened, read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
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
    /// A chart could not be drawn.
    #[error("chart {path}: {message}")]
    Chart {
        /// The chart file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

impl Error {
    /// Shorthand for an [`Error::Io`].
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
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
