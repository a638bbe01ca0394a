//! libFuzzer entry point: each input is decoded into a sequence of engine commands and run
//! by `queue_fuzz::run`, which panics (a crash libFuzzer saves) on any panic inside the
//! engine or any broken routing invariant.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| queue_fuzz::run(data));
