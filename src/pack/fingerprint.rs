//! A built-in pack's file is known by its length and this hash: build.rs
//! computes it when it compiles the pack, the library again when it meets
//! a file in the packs folder. One definition, compiled into both.

/// 64-bit FNV-1a.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
