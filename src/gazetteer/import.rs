//! `gazetteer import`: builds a gazetteer folder from GeoNames country dumps
//! and admin polygons. (Filled in by the gazetteer work.)
