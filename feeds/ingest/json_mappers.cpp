#include "feeds/ingest/json_mappers.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "feeds/ingest/json_fields.hpp"

namespace synd {
using json_fields::Append;
using json_fields::Date;
using json_fields::First;
using json_fields::Keys;
using json_fields::Text;
using json_fields::Texts;

namespace {

enum class Dialect { kGeneric, kNewsPlease, kNewspaper4k, kFundus, kTrafilatura };

bool HasObject(const JsonNode& o, std::string_view key) {
  const JsonNode* v = o.Find(key);
  return v != nullptr && v->is_object();
}

struct DialectKey {
  std::string_view key;
  Dialect dialect;
};

// The keys only one scraper writes, sorted by key.
constexpr std::array<DialectKey, 36> kDialectKeys = {{
    {"canonical_link", Dialect::kNewspaper4k},  {"comments", Dialect::kTrafilatura},
    {"date_download", Dialect::kNewsPlease},    {"date_modify", Dialect::kNewsPlease},
    {"date_publish", Dialect::kNewsPlease},     {"excerpt", Dialect::kTrafilatura},
    {"filedate", Dialect::kTrafilatura},        {"filename", Dialect::kNewsPlease},
    {"fingerprint", Dialect::kTrafilatura},     {"free_access", Dialect::kFundus},
    {"hostname", Dialect::kTrafilatura},        {"imgs", Dialect::kNewspaper4k},
    {"license", Dialect::kTrafilatura},         {"localpath", Dialect::kNewsPlease},
    {"maintext", Dialect::kNewsPlease},         {"meta_description", Dialect::kNewspaper4k},
    {"meta_favicon", Dialect::kNewspaper4k},    {"meta_img", Dialect::kNewspaper4k},
    {"meta_keywords", Dialect::kNewspaper4k},   {"meta_lang", Dialect::kNewspaper4k},
    {"meta_site_name", Dialect::kNewspaper4k},  {"movies", Dialect::kNewspaper4k},
    {"pagetype", Dialect::kTrafilatura},        {"publish_date", Dialect::kNewspaper4k},
    {"publishing_date", Dialect::kFundus},      {"raw_text", Dialect::kTrafilatura},
    {"read_more_link", Dialect::kNewspaper4k},  {"sitename", Dialect::kTrafilatura},
    {"source-hostname", Dialect::kTrafilatura}, {"source_domain", Dialect::kNewsPlease},
    {"text_cleaned", Dialect::kNewspaper4k},    {"title_page", Dialect::kNewsPlease},
    {"title_rss", Dialect::kNewsPlease},        {"top_image", Dialect::kNewspaper4k},
    {"top_img", Dialect::kNewspaper4k},         {"topics", Dialect::kFundus},
}};
static_assert(std::is_sorted(kDialectKeys.begin(), kDialectKeys.end(),
                             [](const DialectKey& a, const DialectKey& b) {
                               return a.key < b.key;
                             }));

// kDialectKeys as an open-addressed hash table (linear probing), built at compile time: every
// record's every key is looked up, and most are no dialect's. The hash reads only the length and
// the first and last two bytes; the table is checked at compile time to find every key.
constexpr std::size_t kDialectSlots = 128;

constexpr std::uint32_t KeyHash(std::string_view key) {
  if (key.size() < 2) return static_cast<std::uint32_t>(key.size());
  const auto byte = [&](std::size_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(key[i]));
  };
  return static_cast<std::uint32_t>(key.size()) * 0x9E3779B1u ^ byte(0) * 0x85EBCA77u ^
         byte(1) * 0xC2B2AE3Du ^ byte(key.size() - 1) * 0x27D4EB2Fu ^
         byte(key.size() - 2) * 0x165667B1u;
}

constexpr std::array<std::int8_t, kDialectSlots> kDialectTable = [] {
  std::array<std::int8_t, kDialectSlots> table{};
  table.fill(-1);
  for (std::size_t i = 0; i < kDialectKeys.size(); ++i) {
    std::size_t slot = KeyHash(kDialectKeys[i].key) % kDialectSlots;
    while (table[slot] >= 0) slot = (slot + 1) % kDialectSlots;
    table[slot] = static_cast<std::int8_t>(i);
  }
  return table;
}();

// The dialect whose own key `key` is, or nullptr.
constexpr const DialectKey* FindDialectKey(std::string_view key) {
  for (std::size_t slot = KeyHash(key) % kDialectSlots; kDialectTable[slot] >= 0;
       slot = (slot + 1) % kDialectSlots) {
    const DialectKey& candidate = kDialectKeys[static_cast<std::size_t>(kDialectTable[slot])];
    if (candidate.key == key) return &candidate;
  }
  return nullptr;
}
static_assert([] {
  for (const DialectKey& k : kDialectKeys) {
    if (FindDialectKey(k.key) != &k) return false;
  }
  return FindDialectKey("title") == nullptr && FindDialectKey("") == nullptr;
}());

// The scraper whose own keys the object has most of (a fundus "body" object counts twice); ties
// go to the earlier dialect; none: generic. One pass over the object's keys.
Dialect PickDialect(const JsonNode& o) {
  int votes[5] = {};
  for (const JsonMember& entry : o.members()) {
    if (const DialectKey* k = FindDialectKey(entry.key)) ++votes[static_cast<int>(k->dialect)];
  }
  if (HasObject(o, "body")) votes[static_cast<int>(Dialect::kFundus)] += 2;
  Dialect best = Dialect::kGeneric;
  for (Dialect d :
       {Dialect::kNewsPlease, Dialect::kNewspaper4k, Dialect::kFundus, Dialect::kTrafilatura}) {
    if (votes[static_cast<int>(d)] > votes[static_cast<int>(best)]) best = d;
  }
  return best;
}

void AddText(ScrapedRecord& r, std::string text) {
  if (!text.empty()) r.body.push_back(RecordPart{RecordPart::Kind::kText, std::move(text)});
}

// The article text, borrowed from the JSON text as written when the fast reader read it (the
// input outlives the ArticleCollector's Finish; a Boost.JSON value may not).
void AddBodyField(const JsonNode& o, Keys keys, ScrapedRecord& r) {
  const JsonNode* v = First(o, keys);
  if (v != nullptr && v->is_string() && v->traits().known) {
    if (v->raw().empty()) return;
    RecordPart part;
    part.borrowed = v->raw();
    part.json_escaped = v->escaped();
    part.traits = v->traits();
    r.body.push_back(std::move(part));
    return;
  }
  AddText(r, Text(o, keys, r));
}

void AddSummary(ScrapedRecord& r, std::string text) {
  if (!text.empty()) r.summary.push_back(std::move(text));
}

void MapNewsPlease(const JsonNode& o, ScrapedRecord& r) {
  r.format = "news-please";
  Text(o, {"title", "title_page", "title_rss"}, r, r.title);
  AddBodyField(o, {"maintext"}, r);
  AddSummary(r, Text(o, {"description"}, r));
  Date(o, {"date_publish"}, r, r.published);
  Date(o, {"date_modify"}, r, r.updated);
  r.authors = Texts(o, {"authors"}, ';', r);
  Text(o, {"url"}, r, r.url);
  Text(o, {"language"}, r, r.language);
  Text(o, {"image_url"}, r, r.image_url);
  Text(o, {"source_domain"}, r, r.site);
}

void MapNewspaper4k(const JsonNode& o, ScrapedRecord& r) {
  r.format = "newspaper4k";
  Text(o, {"title"}, r, r.title);
  AddBodyField(o, {"text"}, r);
  AddSummary(r, Text(o, {"summary", "meta_description"}, r));
  Date(o, {"publish_date"}, r, r.published);
  r.authors = Texts(o, {"authors"}, ';', r);
  Text(o, {"url", "canonical_link"}, r, r.url);
  Text(o, {"meta_lang", "language"}, r, r.language);
  Text(o, {"top_image", "top_img", "meta_img"}, r, r.image_url);
  Text(o, {"meta_site_name"}, r, r.site);
  r.tags = Texts(o, {"tags"}, ',', r);
  Append(r.tags, Texts(o, {"keywords"}, ',', r));
}

// fundus images: {"versions": [{"url": ...}], "caption": ..., "is_cover": ...}.
void MapFundusImages(const JsonNode& o, ScrapedRecord& r) {
  const JsonNode* images = o.Find("images");
  if (images == nullptr || !images->is_array()) return;
  for (const JsonNode& image : images->items()) {
    if (!image.is_object()) continue;
    const JsonNode& io = image;
    const std::string caption = Text(io, {"caption", "description"}, r);
    if (!caption.empty()) r.body.push_back(RecordPart{RecordPart::Kind::kCaption, caption});
    if (!r.image_url.empty()) continue;
    Text(io, {"url"}, r, r.image_url);
    const JsonNode* versions = io.Find("versions");
    if (r.image_url.empty() && versions != nullptr && versions->is_array() &&
        !versions->items().empty() && versions->items().back().is_object()) {
      Text(versions->items().back(), {"url"}, r, r.image_url);
    }
  }
}

// body: {"summary": [...], "sections": [{"headline": [...], "paragraphs": [...]}]}.
void MapFundusBody(const JsonNode& body, ScrapedRecord& r) {
  for (std::string& s : Texts(body, {"summary"}, '\0', r)) AddSummary(r, std::move(s));
  const JsonNode* sections = body.Find("sections");
  if (sections == nullptr || !sections->is_array()) return;
  for (const JsonNode& section : sections->items()) {
    if (!section.is_object()) continue;
    for (std::string& h : Texts(section, {"headline"}, '\0', r)) {
      r.body.push_back(RecordPart{RecordPart::Kind::kHeading, std::move(h)});
    }
    for (std::string& p : Texts(section, {"paragraphs"}, '\0', r)) {
      r.body.push_back(RecordPart{RecordPart::Kind::kParagraph, std::move(p)});
    }
  }
}

void MapFundus(const JsonNode& o, ScrapedRecord& r) {
  r.format = "fundus";
  Text(o, {"title"}, r, r.title);
  r.authors = Texts(o, {"authors"}, ';', r);
  Date(o, {"publishing_date"}, r, r.published);
  MapFundusImages(o, r);
  if (HasObject(o, "body")) {
    MapFundusBody(*o.Find("body"), r);
  } else {
    AddText(r, Text(o, {"plaintext", "body"}, r));
  }
  AddCategories(r, Texts(o, {"topics"}, ',', r));
  Text(o, {"url"}, r, r.url);
  Text(o, {"lang", "language"}, r, r.language);
}

void MapTrafilatura(const JsonNode& o, ScrapedRecord& r) {
  r.format = "trafilatura";
  Text(o, {"title"}, r, r.title);
  r.authors = Texts(o, {"author", "authors"}, ';', r);
  Date(o, {"date"}, r, r.published);
  AddBodyField(o, {"text", "raw_text"}, r);
  AddSummary(r, Text(o, {"excerpt", "description"}, r));
  Text(o, {"source", "url"}, r, r.url);
  Text(o, {"source-hostname", "sitename", "hostname"}, r, r.site);
  AddCategories(r, Texts(o, {"categories"}, ';', r));
  Append(r.tags, Texts(o, {"tags"}, ';', r));
  Text(o, {"language"}, r, r.language);
  Text(o, {"image"}, r, r.image_url);
  Text(o, {"id"}, r, r.external_id);
}

// A string, an array of strings (paragraphs) or of {"text": ...} objects.
void AddGenericBody(const JsonNode& o, ScrapedRecord& r) {
  std::string_view key;
  const JsonNode* v =
      First(o,
            {"text", "content", "body", "article_body", "articleBody", "content_html",
             "content_text", "maintext", "paragraphs", "html", "story"},
            &key);
  if (v == nullptr) return;
  if (!v->is_array()) {
    AddBodyField(o, {key}, r);
    return;
  }
  for (const JsonNode& item : v->items()) {
    if (item.is_string()) AddText(r, item.Text());
    if (item.is_object()) AddText(r, Text(item, {"text", "html", "content"}, r));
  }
}

// A string, or an object's "url" (image) or "name" (publisher).
std::string TextOrMember(const JsonNode& o, Keys keys, std::string_view member, ScrapedRecord& r) {
  const JsonNode* v = First(o, keys);
  if (v != nullptr && v->is_object()) return Text(*v, {member}, r);
  return Text(o, keys, r);
}

void MapGeneric(const JsonNode& o, ScrapedRecord& r) {
  r.format = "json";
  Text(o, {"title", "headline", "name"}, r, r.title);
  AddGenericBody(o, r);
  AddSummary(r, Text(o,
                     {"summary", "description", "excerpt", "abstract", "lead", "standfirst",
                      "subtitle", "dek"},
                     r));
  Date(o,
       {"published_at", "published", "date_published", "datePublished", "publishedAt",
        "publish_date", "publication_date", "pubDate", "pub_date", "date", "created_at", "created"},
       r, r.published);
  Date(o,
       {"updated_at", "updated", "date_modified", "dateModified", "modified", "modified_at",
        "last_modified", "lastModified"},
       r, r.updated);
  r.authors = Texts(o, {"authors", "author", "byline", "creator", "creators", "writers"}, ';', r);
  r.url =
      Text(o, {"url", "link", "canonical_url", "canonicalUrl", "permalink", "href", "web_url"}, r);
  Text(o, {"guid", "external_id", "externalId", "id", "uuid"}, r, r.external_id);
  Text(o, {"language", "lang", "locale", "inLanguage"}, r, r.language);
  r.site = TextOrMember(o, {"site", "site_name", "siteName", "publisher", "source", "domain"},
                        "name", r);
  r.image_url = TextOrMember(
      o, {"image", "image_url", "imageUrl", "urlToImage", "thumbnail", "top_image", "banner_image"},
      "url", r);
  AddCategories(r, Texts(o, {"section", "category", "categories"}, ',', r));
  Append(r.tags, Texts(o, {"tags", "keywords"}, ',', r));
}

bool IsFundusWrapper(const JsonNode& o) {
  if (o.members().empty()) return false;
  for (const JsonMember& entry : o.members()) {
    if (!entry.value.is_object() || PickDialect(entry.value) != Dialect::kFundus) return false;
  }
  return true;
}

bool IsJsonFeed(const JsonNode& o) {
  const JsonNode* version = o.Find("version");
  const JsonNode* items = o.Find("items");
  return version != nullptr && version->is_string() &&
         version->Text().starts_with("https://jsonfeed.org/version/") && items != nullptr &&
         items->is_array();
}

// The array of an API response that wraps its articles, or nullptr.
const JsonNode* WrappedArray(const JsonNode& o) {
  if (o.contains("title") || o.contains("headline")) return nullptr;
  const JsonNode* v =
      First(o, {"articles", "items", "entries", "results", "data", "posts", "stories"});
  return v != nullptr && v->is_array() ? v : nullptr;
}

void CollectJsonFeed(const JsonNode& feed, ArticleCollector& collector) {
  ScrapedRecord feed_fields;
  const std::string site = Text(feed, {"title"}, feed_fields);
  const std::string language = Text(feed, {"language"}, feed_fields);
  std::size_t n = 0;
  for (const JsonNode& item : feed.Find("items")->items()) {
    const std::string label = "item " + std::to_string(++n);
    if (!item.is_object()) {
      collector.Skip(label + " is not an object");
      continue;
    }
    ScrapedRecord& r = collector.NewRecord();
    r.label = label;
    MapGeneric(item, r);
    r.format = "json-feed";
    if (r.site.empty()) r.site = site;
    if (r.language.empty()) r.language = language;
  }
}

}  // namespace

void MapJsonRecord(const JsonNode& object, ScrapedRecord& record) {
  switch (PickDialect(object)) {
    case Dialect::kNewsPlease:
      MapNewsPlease(object, record);
      break;
    case Dialect::kNewspaper4k:
      MapNewspaper4k(object, record);
      break;
    case Dialect::kFundus:
      MapFundus(object, record);
      break;
    case Dialect::kTrafilatura:
      MapTrafilatura(object, record);
      break;
    case Dialect::kGeneric:
      MapGeneric(object, record);
      break;
  }
}

void CollectJsonArray(const JsonNode& array, ArticleCollector& collector) {
  std::size_t n = 0;
  for (const JsonNode& item : array.items()) {
    std::string label = "record " + std::to_string(++n);
    if (item.is_object()) {
      ScrapedRecord& record = collector.NewRecord();
      record.label = std::move(label);
      MapJsonRecord(item, record);
    } else {
      collector.Skip(label + " is not an object");
    }
  }
}

void CollectJsonObject(const JsonNode& object, ArticleCollector& collector) {
  if (IsFundusWrapper(object)) {
    for (const JsonMember& entry : object.members()) {
      ScrapedRecord& record = collector.NewRecord();
      record.label = "version \"" + std::string(entry.key) + "\"";
      MapJsonRecord(entry.value, record);
    }
  } else if (IsJsonFeed(object)) {
    CollectJsonFeed(object, collector);
  } else if (const JsonNode* wrapped = WrappedArray(object)) {
    CollectJsonArray(*wrapped, collector);
  } else {
    ScrapedRecord& record = collector.NewRecord();
    record.label = "record 1";
    MapJsonRecord(object, record);
  }
}

}  // namespace synd
