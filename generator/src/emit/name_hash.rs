//! The hash of a wire name and where its probe starts in a field table's slots: compiled into
//! the generator, which lays out each struct's slots with it, and embedded into the generated
//! runtime, which looks names up with it, so the two cannot differ.

/// A hash of a wire name, eight bytes at a time (little-endian, so the same on every machine).
pub fn name_hash(name: &str) -> u64 {
    let mut hash = name.len() as u64;
    for chunk in name.as_bytes().chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        hash = (hash ^ u64::from_le_bytes(word)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        hash ^= hash >> 29;
    }
    hash
}

/// The first slot probed for `name` in a table of `len` slots (a power of two, not zero).
pub fn first_slot(name: &str, len: usize) -> usize {
    (name_hash(name) >> 32) as usize & (len - 1)
}
