//! Reading manuscript files: paths confined to the manuscript folder, UTF-8 checked, a
//! leading BOM dropped and CRLF line ends normalised, every file registered with the
//! diagnostics' [`Sources`].

use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, FileId, Sources, Span, codes};

/// A file read into [`Sources`].
#[derive(Debug, Clone, Copy)]
pub struct ReadFile {
    pub file: FileId,
}

/// Where a path came from in the manuscript, for diagnostics about it.
#[derive(Debug, Clone, Copy)]
pub struct PathOrigin {
    pub span: Option<Span>,
}

/// Checks that `rel` stays inside `root` (no absolute path, no `..`, no symlink leading
/// out) and returns the full path.
pub fn confined(root: &Path, rel: &str, origin: PathOrigin) -> Result<PathBuf, Diagnostic> {
    let p = Path::new(rel);
    let escapes = p.is_absolute()
        || p.components().any(|c| {
            matches!(
                c,
                Component::ParentDir | Component::RootDir | Component::Prefix(_)
            )
        });
    if escapes {
        return Err(Diagnostic::new(
            codes::PATH_OUTSIDE,
            format!("`{rel}` is not a path inside the manuscript folder"),
        )
        .at_opt(origin.span));
    }
    let full = root.join(p);
    if let (Ok(real), Ok(real_root)) = (full.canonicalize(), root.canonicalize())
        && !real.starts_with(&real_root)
    {
        return Err(Diagnostic::new(
            codes::PATH_OUTSIDE,
            format!("`{rel}` leads outside the manuscript folder (through a symbolic link)"),
        )
        .at_opt(origin.span)
        .hint("copy the file into the manuscript folder instead of linking to it"));
    }
    Ok(full)
}

/// Reads a text file under `root` and registers it as `name` (its path relative to the
/// manuscript, shown in diagnostics).
pub fn read_text(
    root: &Path,
    rel: &str,
    origin: PathOrigin,
    sources: &mut Sources,
) -> Result<ReadFile, Diagnostic> {
    let full = confined(root, rel, origin)?;
    let bytes = std::fs::read(&full).map_err(|e| {
        let code = if e.kind() == std::io::ErrorKind::NotFound {
            codes::SOURCE_MISSING
        } else {
            codes::FILE_UNREADABLE
        };
        Diagnostic::new(code, format!("cannot read `{rel}`: {}", io_reason(&e))).at_opt(origin.span)
    })?;
    let text = decode(&bytes).map_err(|offset| {
        let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
        let column = offset - bytes[..offset].iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1) + 1;
        Diagnostic::new(
            codes::NOT_UTF8,
            format!("`{rel}` is not valid UTF-8: byte 0x{:02X} at line {line}, column {column}", bytes[offset]),
        )
        .at_opt(origin.span)
        .hint("re-save the file as UTF-8; a single byte above 0x7F before a letter usually means Latin-1 or Windows-1252 (convert with `iconv -f WINDOWS-1252 -t UTF-8`)")
    })?;
    let file = sources.add(rel.replace('\\', "/"), &full, text);
    Ok(ReadFile { file })
}

/// UTF-8 text with a leading BOM removed and CRLF/CR line ends made LF.
pub fn decode(bytes: &[u8]) -> Result<String, usize> {
    let text = std::str::from_utf8(bytes).map_err(|e| e.valid_up_to())?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_normalises() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb\rc").unwrap(), "a\nb\nc");
        assert_eq!(decode(b"ok\xFFno"), Err(2));
    }

    #[test]
    fn paths_are_confined() {
        let root = Path::new("/tmp");
        let o = PathOrigin { span: None };
        assert!(confined(root, "../etc/passwd", o).is_err());
        assert!(confined(root, "/etc/passwd", o).is_err());
        assert!(confined(root, "sources/a.txt", o).is_ok());
    }
}
