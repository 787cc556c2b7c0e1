//! Writers of the finished outputs: `epub` from the model, `pdf` from laid-out pages.

pub mod epub;
pub mod pdf;
