//! Files on the ground floor: atomic writes, used by every stage that writes
//! (export, the gazetteer import, dedup's cluster table, merge, geocode).
//! Depends on nothing in the crate but the error type.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically (temporary file in the same folder,
/// flushed, then renamed over the target). A failed write leaves no partial file.
///
/// # Examples
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let p = dir.path().join("x.txt");
/// casualty_atlas::fsio::write_atomic(&p, b"hello").unwrap();
/// assert_eq!(std::fs::read(&p).unwrap(), b"hello");
/// ```
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Like [`write_atomic`], with a closure that streams into a buffered writer.
pub fn write_atomic_with<F>(path: &Path, fill: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let f = std::fs::File::create(&tmp)?;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
        fill(&mut w)?;
        w.flush()?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// Writes a CSV table atomically: the `header` row, then the records `fill`
/// writes (the frame every table writer shares).
///
/// # Examples
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let p = dir.path().join("t.csv");
/// casualty_atlas::fsio::write_csv(&p, &["a", "b"], |c| c.write_record(["1", "x,y"])).unwrap();
/// assert_eq!(std::fs::read_to_string(&p).unwrap(), "a,b\n1,\"x,y\"\n");
/// ```
pub fn write_csv<F>(path: &Path, header: &[&str], fill: F) -> Result<()>
where
    F: FnOnce(&mut csv::Writer<&mut dyn Write>) -> csv::Result<()>,
{
    let csv_err = |e: csv::Error| std::io::Error::other(e.to_string());
    write_atomic_with(path, |w| {
        let mut c = csv::Writer::from_writer(w);
        c.write_record(header).map_err(csv_err)?;
        fill(&mut c).map_err(csv_err)?;
        c.flush()
    })
}
