// Test support for the merger: articles prepared as the pipeline prepares them, a real SQLite
// store in a temp dir, and files applied in their own transaction.
#pragma once

#include <gtest/gtest.h>
#include <xxhash.h>

#include <cctype>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "feeds/dedupe/merger.hpp"
#include "feeds/store/sqlite_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace synd::testing {

// Stands in for the parser's FingerprintText on ASCII test text: lower case, single spaces,
// blocks by newlines.
inline std::string SimpleFingerprintText(const Article& a) {
  std::string out;
  auto add = [&](const std::string& text) {
    if (!out.empty()) out += '\n';
    bool space = false;
    for (unsigned char c : text) {
      if (std::isspace(c)) {
        space = true;
        continue;
      }
      if (space && !out.empty() && out.back() != '\n') out += ' ';
      space = false;
      out += static_cast<char>(std::tolower(c));
    }
  };
  add(a.title);
  for (const std::string& s : a.summary) add(s);
  for (const Block& b : a.body) add(b.text);
  return out;
}

inline std::string HexOf(std::string_view text) {
  const XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

inline PreparedArticle Prepare(Article a) {
  const std::string text = SimpleFingerprintText(a);
  a.fingerprint = HexOf(text);
  return PrepareArticle(std::move(a), text);
}

// `n` pseudo-random words from a 5,000-word vocabulary, the same for the same seed.
inline std::string Words(uint32_t seed, int n) {
  std::mt19937 rng(seed);
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (!out.empty()) out += ' ';
    out += "w" + std::to_string(rng() % 5000);
  }
  return out;
}

// An article of `paragraphs` paragraphs of 60 words each, all derived from `seed`.
inline Article SyntheticArticle(uint32_t seed, int paragraphs = 8) {
  Article a;
  a.title = "Title " + Words(seed, 8);
  for (int p = 0; p < paragraphs; ++p) {
    a.body.push_back({BlockType::kParagraph, Words(seed * 1000 + static_cast<uint32_t>(p), 60)});
  }
  a.source.format = "reference";
  return a;
}

class MergeFixture : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen(MergeOptions options = DefaultOptions()) {
    merger_.reset();
    store_.reset();
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(dir_ / "store.db");
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(*store);
    Result<std::unique_ptr<Merger>> merger = Merger::Open(*store_, std::move(options));
    ASSERT_TRUE(merger.ok()) << merger.status().message();
    merger_ = std::move(*merger);
  }

  static MergeOptions DefaultOptions() {
    MergeOptions o;
    o.site.id_authority = "news.example.org";
    o.site.base_url = "https://news.example.org/";
    return o;
  }

  // Applies one file in its own transaction; the file's hash is its name unless given.
  FileResult Apply(std::vector<Article> articles, const std::string& name,
                   TimePoint reference = FromCivil(2025, 4, 22, 12), std::string hash = "") {
    PreparedFile file;
    file.name = name;
    file.content_hash = hash.empty() ? "hash-" + name : hash;
    file.reference_time = reference;
    for (std::size_t i = 0; i < articles.size(); ++i) {
      articles[i].source.index = static_cast<int>(i);
      file.articles.push_back(Prepare(std::move(articles[i])));
    }
    EXPECT_TRUE(merger_->Begin().ok());
    Result<FileResult> r = merger_->ApplyFile(file, reference + std::chrono::minutes(1));
    EXPECT_TRUE(r.ok()) << r.status().message();
    EXPECT_TRUE(merger_->Commit().ok());
    return r.ok() ? std::move(*r) : FileResult{};
  }

  Story Load(int64_t key) {
    Result<std::optional<Story>> s = store_->LoadStory(key);
    EXPECT_TRUE(s.ok() && *s);
    return s.ok() && *s ? **s : Story{};
  }

  TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<Merger> merger_;
};

}  // namespace synd::testing
