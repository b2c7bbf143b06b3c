//! Extraction on the fixture articles.
