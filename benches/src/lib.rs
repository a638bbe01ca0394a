//! Benchmarks and the naive baseline router (filled by the benchmarks issue).
