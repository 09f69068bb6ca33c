// Scraper JSON records to ScrapedRecords (ingest stage): one mapper per scraper (news-please,
// newspaper4k, fundus, trafilatura), picked by the keys a record has, and a generic mapper for
// common aliases (headline, content, body, link, published_at, author, ...). Works on parsed
// JSON values (json_node.hpp); no JSON text, no normalization (the ArticleCollector does that).
// Pure.
#pragma once

#include <string>
#include <vector>

#include "feeds/ingest/json_node.hpp"
#include "feeds/ingest/scraped_record.hpp"

namespace synd {

// Maps one article object. The dialect is the scraper whose own keys the object has most of:
// news-please (maintext, date_publish, source_domain, ...), newspaper4k (publish_date,
// top_image, meta_lang, canonical_link, ...), fundus (publishing_date, topics, a "body" object),
// trafilatura (source-hostname, raw_text, excerpt, fingerprint, ...); with none, the generic
// aliases ("json"). Fills `record`, which is empty but for its label (it names the record in
// messages).
void MapJsonRecord(const JsonNode& object, ScrapedRecord& record);

// Adds the records of a top-level JSON object to `collector`, in order:
//  - fundus's wrapper, whose values are all fundus articles: one record per parser-version key
//    ("V1", "V1_1"), labelled by it;
//  - a JSON Feed 1.x (version "https://jsonfeed.org/version/..."): its items ("json-feed"),
//    with the feed's title as their site;
//  - an object without a title whose "articles", "items", "entries", "results", "data", "posts"
//    or "stories" is an array (an API response): that array's elements;
//  - otherwise the object itself, as one record.
void CollectJsonObject(const JsonNode& object, ArticleCollector& collector);

// Adds each element of a JSON array as "record N" (from 1); an element that is not an object is
// skipped with a warning.
void CollectJsonArray(const JsonNode& array, ArticleCollector& collector);

}  // namespace synd
