//! The EPUB container (OCF): a zip with `mimetype` stored first and uncompressed, then
//! `META-INF/container.xml` and the package files, all with fixed timestamps and
//! permissions so that two builds are byte-identical.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The folder inside the zip that holds the package (OPF, documents, stylesheet).
pub const PACKAGE_DIR: &str = "EPUB";

/// The package document's path inside the zip, as `container.xml` names it.
pub const OPF_PATH: &str = "EPUB/package.opf";

/// OCF requires this exact content, stored first and uncompressed, so that tools can
/// identify the file from its first bytes.
const MIMETYPE: &str = "application/epub+zip";

/// Unix permissions of every entry (`rw-r--r--`): fixed, not taken from the machine.
const FILE_MODE: u32 = 0o644;

/// Deflate level 4: for the volume's documents (620 KB of XHTML) level 6, zlib's default,
/// is 6% smaller (9 KB, under 1% of the EPUB, whose fonts and cover are stored) for
/// about half as much time again, and level 9 another 0.4% for three times the time.
/// Fixed, so that the bytes do not depend on the zip crate's default.
const DEFLATE_LEVEL: i64 = 4;

/// How a file is stored in the zip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    Deflate,
    /// For data that is compressed already (images).
    Store,
}

/// One file of the package, with its path relative to [`PACKAGE_DIR`] (or, for the
/// reading systems' own files, a path starting `META-INF/`).
#[derive(Debug, Clone)]
pub struct PackageFile {
    pub path: String,
    pub bytes: Bytes,
    pub compression: Compression,
}

/// A package file's bytes: made for the package, or shared with what owns them (the
/// heading faces are the typesetter's font files: written into the zip from there, not
/// copied first).
#[derive(Debug, Clone)]
pub enum Bytes {
    Made(Vec<u8>),
    Shared(std::sync::Arc<Vec<u8>>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Made(v) => v,
            Bytes::Shared(v) => v,
        }
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(v: Vec<u8>) -> Bytes {
        Bytes::Made(v)
    }
}

impl From<String> for Bytes {
    fn from(s: String) -> Bytes {
        Bytes::Made(s.into_bytes())
    }
}

/// The zip bytes of the EPUB: `mimetype`, `META-INF/container.xml`, then `files` in the
/// order given.
#[cfg(test)]
fn package(files: Vec<PackageFile>) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut package = Package::new(0)?;
    for f in files {
        package.add(f)?;
    }
    package.finish()
}

/// An EPUB zip being written: `mimetype` and `META-INF/container.xml` first, then each
/// file as it is added (deflated and dropped at once, so a large book's documents never
/// wait in memory all together).
pub struct Package {
    zip: ZipWriter<Cursor<Vec<u8>>>,
    stored: SimpleFileOptions,
    deflated: SimpleFileOptions,
}

impl Package {
    /// A package whose zip is expected to take about `size_hint` bytes: its buffer is
    /// made that large at once rather than grown by doubling (each step a copy of all so
    /// far, and up to twice the memory).
    pub fn new(size_hint: usize) -> Result<Package, zip::result::ZipError> {
        // 1980-01-01 00:00, the earliest zip timestamp: no clock reaches the output.
        let time = DateTime::default();
        let stored = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .last_modified_time(time)
            .unix_permissions(FILE_MODE);
        let deflated = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(DEFLATE_LEVEL))
            .last_modified_time(time)
            .unix_permissions(FILE_MODE);
        let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(size_hint)));
        zip.start_file("mimetype", stored)?;
        zip.write_all(MIMETYPE.as_bytes())?;
        zip.start_file("META-INF/container.xml", deflated)?;
        zip.write_all(container_xml().as_bytes())?;
        Ok(Package {
            zip,
            stored,
            deflated,
        })
    }

    /// Adds `file`: reading-system files (`META-INF/…`) beside container.xml, the rest
    /// inside the package's folder.
    pub fn add(&mut self, file: PackageFile) -> Result<(), zip::result::ZipError> {
        let options = match file.compression {
            Compression::Deflate => self.deflated,
            Compression::Store => self.stored,
        };
        let name = if file.path.starts_with("META-INF/") {
            file.path
        } else {
            format!("{PACKAGE_DIR}/{}", file.path)
        };
        self.zip.start_file(name, options)?;
        self.zip
            .write_all(&file.bytes)
            .map_err(zip::result::ZipError::from)
    }

    /// The zip's bytes.
    pub fn finish(self) -> Result<Vec<u8>, zip::result::ZipError> {
        Ok(self.zip.finish()?.into_inner())
    }
}

/// `META-INF/container.xml`: points reading systems at the package document.
fn container_xml() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n\
         <rootfiles>\n\
         <rootfile full-path=\"{OPF_PATH}\" media-type=\"application/oebps-package+xml\"/>\n\
         </rootfiles>\n\
         </container>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mimetype_is_first_and_stored() {
        let bytes = package(vec![PackageFile {
            path: "a.xhtml".into(),
            bytes: b"<x/>".to_vec().into(),
            compression: Compression::Deflate,
        }])
        .unwrap();
        // Local file header: signature, then at offset 8 the method (0 = stored), at 26
        // the name length and at 28 the extra length; the name starts at 30.
        assert_eq!(&bytes[0..4], b"PK\x03\x04");
        assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), 0);
        assert_eq!(
            u16::from_le_bytes([bytes[28], bytes[29]]),
            0,
            "no extra field before mimetype"
        );
        assert_eq!(&bytes[30..38], b"mimetype");
        assert_eq!(&bytes[38..58], MIMETYPE.as_bytes());
    }

    #[test]
    fn packaging_is_deterministic() {
        let files = vec![PackageFile {
            path: "a.xhtml".into(),
            bytes: b"<x/>".repeat(100).into(),
            compression: Compression::Deflate,
        }];
        assert_eq!(package(files.clone()).unwrap(), package(files).unwrap());
    }
}
