// PreparedArticle: an article with everything dedupe needs computed up front — shingle set,
// MinHash signature, band keys, identity keys — so that the CPU work can run off the store
// writer's thread. Dedupe stage; pure and thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/dedupe/minhash.hpp"
#include "feeds/model/article.hpp"

namespace synd {

struct ArticleSketch {
  std::vector<uint32_t> shingles;             // ShingleSet of the fingerprint text
  std::optional<MinHashSignature> signature;  // nullopt for a text without tokens
  BandKeys bands{};                           // ComputeBandKeys(*signature) when there is one
};

// Everything the merger needs of one article, computed ahead (on any thread) so the store's
// writer thread only decides and writes.
struct PreparedArticle {
  Article article;  // article.fingerprint holds the hex fingerprint
  ArticleSketch sketch;
  std::vector<std::string> identity_keys;  // IdentityKeys(article)
  std::string article_json;                // SerializeArticle(article): the stored revision
  // The feeds the article belongs to (data.feeds of its event); when unset the merger asks
  // MergeOptions::feeds_of.
  std::optional<std::vector<std::string>> feeds;
};

// Shingles, signature and band keys of a fingerprint text.
ArticleSketch SketchFingerprintText(std::string_view fingerprint_text);

// Sketch, identity keys and JSON form; `feeds` stays unset.
// REQUIRES: article.fingerprint is the hex fingerprint of `fingerprint_text`.
PreparedArticle PrepareArticle(Article article, std::string_view fingerprint_text);

// The shingle set of an article as SketchFingerprintText(FingerprintText(article)) has it: how
// a stored story's set is recomputed when a near-duplicate candidate needs confirming.
std::vector<uint32_t> ArticleShingleSet(const Article& article);

}  // namespace synd
