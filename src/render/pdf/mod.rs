//! PDF writer: walks the positioned pages of `typeset` and writes them with krilla.
