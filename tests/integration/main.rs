//! Integration tests (one binary).

mod extract;
