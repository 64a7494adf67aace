//! The hash of a wire name and where its probe starts in a field table's slots: the generator
//! (which depends on this crate) lays out each struct's slots with it, and the read loop looks
//! names up with it, so the two cannot differ.

/// A hash of a wire name, eight bytes at a time (little-endian, so the same on every machine).
#[inline]
pub fn name_hash(name: &str) -> u64 {
    fn mix(hash: u64, word: u64) -> u64 {
        let hash = (hash ^ word).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        hash ^ (hash >> 29)
    }
    let mut words = name.as_bytes().chunks_exact(8);
    let mut hash = name.len() as u64;
    for word in &mut words {
        hash = mix(
            hash,
            u64::from_le_bytes(word.try_into().unwrap_or_default()),
        );
    }
    let tail = words.remainder();
    if !tail.is_empty() {
        let word = tail
            .iter()
            .rev()
            .fold(0u64, |word, &b| word << 8 | u64::from(b));
        hash = mix(hash, word);
    }
    hash
}

/// The first slot probed for `name` in a table of `len` slots (a power of two, not zero).
#[inline]
pub fn first_slot(name: &str, len: usize) -> usize {
    (name_hash(name) >> 32) as usize & (len - 1)
}
