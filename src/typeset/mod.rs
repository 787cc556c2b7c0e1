//! Typesetting: shapes, breaks and paginates the model into positioned pages (PDF only).
