//! Reads a manuscript folder into the model: configuration, import of sources, Markdown.
