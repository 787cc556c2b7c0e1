//! Writing outputs safely: to a temporary file in the target folder, then renamed.
