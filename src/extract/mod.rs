//! Articles → incidents. (Filled in by the extraction work.)
