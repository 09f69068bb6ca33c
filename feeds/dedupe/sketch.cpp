#include "feeds/dedupe/sketch.hpp"

#include "feeds/dedupe/canonical_url.hpp"
#include "feeds/dedupe/fingerprint.hpp"
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
  p.article = std::move(article);
  return p;
}

std::vector<uint32_t> ArticleShingleSet(const Article& article) {
  return ShingleSet(ShingleHashes(FingerprintText(article)));
}

}  // namespace synd
