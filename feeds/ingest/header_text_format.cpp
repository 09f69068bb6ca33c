#include "feeds/ingest/header_text_format.hpp"

#include <algorithm>

#include "feeds/ingest/scraped_record.hpp"

namespace synd {
namespace {

constexpr std::string_view kFence = "---";

std::string_view Trim(std::string_view s) {
  const std::size_t first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// Splits text into lines at LF; the part after a final LF counts only when not empty.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

bool IsKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// "key: value" → key in lower case and value; false for another shape.
bool SplitKeyValue(std::string_view line, std::string& key, std::string_view& value) {
  const std::size_t colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  const std::string_view k = line.substr(0, colon);
  if (!std::all_of(k.begin(), k.end(), IsKeyChar)) return false;
  key.assign(k);
  for (char& c : key) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  value = Trim(line.substr(colon + 1));
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front()) {
    value = value.substr(1, value.size() - 2);
  }
  return true;
}

int FirstNonBlank(const std::vector<std::string_view>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!Trim(lines[i]).empty()) return static_cast<int>(i);
  }
  return -1;
}

struct Header {
  std::vector<std::pair<std::string, std::vector<std::string>>> fields;  // in order
  std::size_t body_start = 0;                                            // line index
};

// A list value: "[a, b]", "a; b" or "a, b" (a single value has none of these).
std::vector<std::string> ListItems(std::string_view value) {
  if (value.size() >= 2 && value.front() == '[' && value.back() == ']') {
    return SplitList(value.substr(1, value.size() - 2), ',');
  }
  return SplitList(value, value.find(';') != std::string_view::npos ? ';' : ',');
}

Result<Header> ReadHeader(const std::vector<std::string_view>& lines, std::size_t open,
                          std::vector<std::string>& warnings) {
  Header header;
  for (std::size_t i = open + 1; i < lines.size(); ++i) {
    const std::string_view line = Trim(lines[i]);
    if (line == kFence) {
      header.body_start = i + 1;
      return header;
    }
    std::string key;
    std::string_view value;
    if (line.empty()) continue;
    if (line.starts_with("- ") && !header.fields.empty()) {
      header.fields.back().second.emplace_back(Trim(line.substr(2)));
    } else if (SplitKeyValue(line, key, value)) {
      header.fields.emplace_back(std::move(key), std::vector<std::string>());
      if (!value.empty()) header.fields.back().second.emplace_back(value);
    } else {
      warnings.push_back("header line " + std::to_string(i + 1) + " ignored: not \"key: value\"");
    }
  }
  return Status::Invalid("the metadata header opened on line " + std::to_string(open + 1) +
                         " has no closing --- line");
}

bool KeyIn(const std::string& key, std::initializer_list<std::string_view> keys) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string Joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : " ") + v;
  return out;
}

void MapField(const std::string& key, const std::vector<std::string>& values, ScrapedRecord& r,
              std::string& hostname) {
  std::vector<std::string> items;
  for (const std::string& v : values) {
    for (std::string& item : ListItems(v)) items.push_back(std::move(item));
  }
  const std::string value = Joined(values);
  if (key == "title") r.title = value;
  if (KeyIn(key, {"author", "authors"})) {
    for (const std::string& v : values) {
      for (std::string& a : SplitList(v, ';')) r.authors.push_back(std::move(a));
    }
  }
  if (KeyIn(key, {"date", "published"})) r.published = RecordDate{key, value};
  if (KeyIn(key, {"updated", "modified", "lastmod"})) r.updated = RecordDate{key, value};
  if (KeyIn(key, {"url", "source", "link", "permalink"}) && r.url.empty()) r.url = value;
  if (KeyIn(key, {"sitename", "site", "source-hostname"}) && r.site.empty()) r.site = value;
  if (key == "hostname") hostname = value;
  if (KeyIn(key, {"description", "excerpt", "summary"}) && !value.empty())
    r.summary.push_back(value);
  if (KeyIn(key, {"categories", "category"}))
    AddCategories(r, std::move(items));
  else if (KeyIn(key, {"tags", "keywords"}))
    for (std::string& t : items) r.tags.push_back(std::move(t));
  if (KeyIn(key, {"language", "lang"})) r.language = value;
  if (key == "image") r.image_url = value;
  if (key == "id") r.external_id = value;
}

}  // namespace

int SniffHeaderText(std::string_view text) {
  const std::vector<std::string_view> lines = Lines(text.substr(0, 4096));
  const int open = FirstNonBlank(lines);
  if (open < 0 || Trim(lines[open]) != kFence || static_cast<std::size_t>(open) + 1 >= lines.size())
    return 0;
  std::string key;
  std::string_view value;
  return SplitKeyValue(Trim(lines[open + 1]), key, value) ? 95 : 0;
}

Result<std::vector<Article>> ParseHeaderText(const ParseContext& context) {
  const std::vector<std::string_view> lines = Lines(context.text);
  const int open = FirstNonBlank(lines);
  if (open < 0 || Trim(lines[open]) != kFence) {
    return Status::Invalid("no metadata header: the text does not open with a --- line");
  }
  std::vector<std::string> ignored;
  std::vector<std::string>& warnings =
      context.file_warnings != nullptr ? *context.file_warnings : ignored;
  Result<Header> header = ReadHeader(lines, static_cast<std::size_t>(open), warnings);
  if (!header.ok()) return header.status();
  ScrapedRecord record;
  record.label = "the article";
  std::string hostname;
  for (const auto& [key, values] : header->fields) MapField(key, values, record, hostname);
  if (record.site.empty()) record.site = hostname;
  std::string body;
  for (std::size_t i = header->body_start; i < lines.size(); ++i) {
    body.append(lines[i]);
    body += '\n';
  }
  record.body.push_back(RecordPart{RecordPart::Kind::kText, std::move(body)});
  ArticleCollector collector(context.reference_time, context.file_warnings);
  collector.Add(std::move(record));
  return std::move(collector).Finish("the file is empty");
}

}  // namespace synd
