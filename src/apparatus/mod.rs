//! The editorial apparatus.
pub mod anchor;
pub mod fold;
