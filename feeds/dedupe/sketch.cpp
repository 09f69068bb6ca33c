#include "feeds/dedupe/sketch.hpp"

#include "feeds/dedupe/canonical_url.hpp"
#include "feeds/dedupe/event_payload.hpp"
#include "feeds/dedupe/shingles.hpp"
#include "feeds/model/article_json.hpp"

namespace synd {

ArticleSketch SketchFingerprintText(std::string_view fingerprint_text) {
  ArticleSketch sketch;
  const std::vector<uint64_t> hashes = ShingleHashes(fingerprint_text);
  sketch.shingles = ShingleSet(hashes);
  sketch.signature = ComputeMinHash(hashes);
  if (sketch.signature) sketch.bands = ComputeBandKeys(*sketch.signature);
  return sketch;
}

PreparedArticle PrepareArticle(Article article, std::string_view fingerprint_text) {
  PreparedArticle p;
  p.sketch = SketchFingerprintText(fingerprint_text);
  p.identity_keys = IdentityKeys(article);
  p.article_json = SerializeArticle(article);
  p.event_fields = EventArticleFields(article);
  p.article = std::move(article);
  return p;
}

std::vector<uint8_t> ShingleSetBytes(const std::vector<uint32_t>& shingles) {
  std::vector<uint8_t> out(shingles.size() * 4);
  uint8_t* p = out.data();
  for (uint32_t v : shingles) {
    *p++ = static_cast<uint8_t>(v);
    *p++ = static_cast<uint8_t>(v >> 8);
    *p++ = static_cast<uint8_t>(v >> 16);
    *p++ = static_cast<uint8_t>(v >> 24);
  }
  return out;
}

std::optional<std::vector<uint32_t>> ShingleSetFromBytes(const std::vector<uint8_t>& bytes) {
  if (bytes.size() % 4 != 0) return std::nullopt;
  std::vector<uint32_t> out(bytes.size() / 4);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<uint32_t>(bytes[i * 4]) | static_cast<uint32_t>(bytes[i * 4 + 1]) << 8 |
             static_cast<uint32_t>(bytes[i * 4 + 2]) << 16 |
             static_cast<uint32_t>(bytes[i * 4 + 3]) << 24;
  }
  return out;
}

}  // namespace synd
