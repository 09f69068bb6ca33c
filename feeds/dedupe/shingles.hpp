// Word 5-shingles of a fingerprint text (DESIGN.md §7), the unit of near-duplicate detection.
// Dedupe stage; pure: text in, hashes out. It does not normalize: the fingerprint text is already
// NFKC-casefolded with tokens separated by single spaces and blocks by '\n'.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace synd {

inline constexpr int kShingleWords = 5;

// Hashes of every run of kShingleWords consecutive tokens of `fingerprint_text`, in text order
// (duplicates kept). A token is a run of bytes between spaces or newlines, except that each
// character of a script written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) is a token
// of its own; CJK punctuation separates tokens. Shingles run across block boundaries. A text
// with fewer than kShingleWords tokens (but at least one) yields one shingle of all its tokens;
// an empty text yields none. Deterministic across processes and machines.
std::vector<uint64_t> ShingleHashes(std::string_view fingerprint_text);

// The set form used for confirmation: the upper 32 bits of each shingle hash, sorted, unique.
std::vector<uint32_t> ShingleSet(const std::vector<uint64_t>& shingle_hashes);

}  // namespace synd
