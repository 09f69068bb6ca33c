// Lenient readers of scraper JSON fields (ingest stage): the first present key of several
// aliases, text from strings or numbers, lists from arrays, delimited strings or Python reprs
// ("set()", "['a', 'b']"). Odd values become warnings on the record, never errors. Pure.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/ingest/json_node.hpp"
#include "feeds/ingest/scraped_record.hpp"

namespace synd::json_fields {

using Keys = std::initializer_list<std::string_view>;

// The first of `keys` that `object` has with a non-null value, or nullptr; `found` gets its key.
const JsonNode* First(const JsonNode& object, Keys keys, std::string_view* found = nullptr);

// A string as is, a number in decimal, "" for null. Anything else is "" with a warning naming
// the key on `record`.
std::string Text(const JsonNode& object, Keys keys, ScrapedRecord& record);
// The same into `out`, replacing its text (its buffer is reused).
void Text(const JsonNode& object, Keys keys, ScrapedRecord& record, std::string& out);

// A list of texts: an array's strings and numbers (an object element gives its "name"), or a
// string split at `separator` ('\0': not split), or an object's "name". A string that is a
// Python repr of a collection ("set()", "{'a', 'b'}", "['a']") gives its items, with a warning.
std::vector<std::string> Texts(const JsonNode& object, Keys keys, char separator,
                               ScrapedRecord& record);

// The first present date field, with its key as the field name for warnings.
void Date(const JsonNode& object, Keys keys, ScrapedRecord& record, RecordDate& out);

// Appends `items` to `out`.
void Append(std::vector<std::string>& out, std::vector<std::string> items);

}  // namespace synd::json_fields
