//! EPUB 3 writer: XHTML, OPF, nav and NCX from the model, packaged with the zip crate.
