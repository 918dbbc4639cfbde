//! `tiepdan demo`: a realistic, reproducible demo database (being written).
