//! The hash of a wire name: compiled into the generator, which sorts each struct's field table
//! by it, and embedded into the generated runtime, which looks names up by it, so the two cannot
//! differ.

/// FNV-1a (64 bits) of a wire name.
pub fn name_hash(name: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}
