#include "feeds/model/article_json.hpp"

#include <boost/json.hpp>

#include "feeds/model/json_text.hpp"

namespace synd {
namespace json = boost::json;
namespace {

json::value OptString(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

json::value OptTime(const std::optional<TimePoint>& t) {
  return t ? json::value(FormatRfc3339(*t)) : json::value(nullptr);
}

json::array Strings(const std::vector<std::string>& items) {
  json::array out;
  out.reserve(items.size());
  for (const std::string& s : items) out.emplace_back(s);
  return out;
}

Status WrongType(const char* field, const char* expected) {
  return Status::Error(ErrorCode::kCorrupt,
                       std::string("article JSON: field \"") + field + "\" is not " + expected);
}

// Readers for one field each: absent or null leaves the target unset.
Status ReadString(const json::object& o, const char* field, std::string& out) {
  const json::value* v = o.if_contains(field);
  if (!v || v->is_null()) return Status::Ok();
  if (!v->is_string()) return WrongType(field, "a string");
  out = std::string(v->get_string());
  return Status::Ok();
}

Status ReadOptString(const json::object& o, const char* field, std::optional<std::string>& out) {
  const json::value* v = o.if_contains(field);
  if (!v || v->is_null()) return Status::Ok();
  if (!v->is_string()) return WrongType(field, "a string");
  out = std::string(v->get_string());
  return Status::Ok();
}

Status ReadStrings(const json::object& o, const char* field, std::vector<std::string>& out) {
  const json::value* v = o.if_contains(field);
  if (!v || v->is_null()) return Status::Ok();
  if (!v->is_array()) return WrongType(field, "an array");
  for (const json::value& item : v->get_array()) {
    if (!item.is_string()) return WrongType(field, "an array of strings");
    out.emplace_back(item.get_string());
  }
  return Status::Ok();
}

Status ReadOptTime(const json::object& o, const char* field, std::optional<TimePoint>& out) {
  std::optional<std::string> text;
  if (Status s = ReadOptString(o, field, text); !s.ok()) return s;
  if (!text) return Status::Ok();
  Result<TimePoint> t = ParseRfc3339(*text);
  if (!t.ok()) return t.status().WithPrefix(std::string("article JSON: field \"") + field + "\"");
  out = *t;
  return Status::Ok();
}

Status ReadBody(const json::object& o, std::vector<Block>& out) {
  const json::value* v = o.if_contains("body");
  if (!v || v->is_null()) return Status::Ok();
  if (!v->is_array()) return WrongType("body", "an array");
  for (const json::value& item : v->get_array()) {
    if (!item.is_object()) return WrongType("body", "an array of objects");
    const json::object& b = item.get_object();
    Block block;
    std::string type;
    if (Status s = ReadString(b, "type", type); !s.ok()) return s;
    if (Status s = ReadString(b, "text", block.text); !s.ok()) return s;
    if (type == "paragraph") {
      block.type = BlockType::kParagraph;
    } else if (type == "heading") {
      block.type = BlockType::kHeading;
    } else if (type == "image") {
      block.type = BlockType::kImage;
    } else {
      return WrongType("body.type", "paragraph, heading or image");
    }
    out.push_back(std::move(block));
  }
  return Status::Ok();
}

Status ReadDateline(const json::object& o, std::optional<Dateline>& out) {
  const json::value* v = o.if_contains("dateline");
  if (!v || v->is_null()) return Status::Ok();
  if (!v->is_object()) return WrongType("dateline", "an object");
  Dateline d;
  if (Status s = ReadString(v->get_object(), "place", d.place); !s.ok()) return s;
  if (Status s = ReadOptString(v->get_object(), "date", d.date); !s.ok()) return s;
  out = std::move(d);
  return Status::Ok();
}

Status ReadPrecision(const json::object& o, DatePrecision& out) {
  std::string name;
  if (Status s = ReadString(o, "date_precision", name); !s.ok()) return s;
  for (DatePrecision p : {DatePrecision::kSecond, DatePrecision::kMinute, DatePrecision::kHour,
                          DatePrecision::kDay}) {
    if (name == DatePrecisionName(p)) {
      out = p;
      return Status::Ok();
    }
  }
  if (name.empty()) return Status::Ok();
  return WrongType("date_precision", "second, minute, hour or day");
}

Status ReadSource(const json::object& o, SourceRef& out) {
  const json::value* v = o.if_contains("source");
  if (!v || v->is_null()) return Status::Ok();
  if (!v->is_object()) return WrongType("source", "an object");
  const json::object& s = v->get_object();
  if (Status st = ReadString(s, "file", out.file); !st.ok()) return st;
  if (Status st = ReadString(s, "format", out.format); !st.ok()) return st;
  if (const json::value* i = s.if_contains("index"); i && i->is_int64()) {
    out.index = static_cast<int>(i->get_int64());
  }
  return Status::Ok();
}

}  // namespace

json::object ArticleToJson(const Article& a) {
  json::object o;
  o["title"] = a.title;
  o["summary"] = Strings(a.summary);
  if (a.dateline) {
    o["dateline"] =
        json::object{{"place", a.dateline->place}, {"date", OptString(a.dateline->date)}};
  } else {
    o["dateline"] = nullptr;
  }
  json::array body;
  body.reserve(a.body.size());
  for (const Block& b : a.body) {
    body.emplace_back(json::object{{"type", BlockTypeName(b.type)}, {"text", b.text}});
  }
  o["body"] = std::move(body);
  o["published"] = OptTime(a.published);
  o["updated"] = OptTime(a.updated);
  o["date_precision"] = DatePrecisionName(a.date_precision);
  o["url"] = OptString(a.url);
  o["external_id"] = OptString(a.external_id);
  o["authors"] = Strings(a.authors);
  o["language"] = OptString(a.language);
  o["section"] = OptString(a.section);
  o["tags"] = Strings(a.tags);
  o["site"] = OptString(a.site);
  o["image_url"] = OptString(a.image_url);
  o["source"] =
      json::object{{"file", a.source.file}, {"format", a.source.format}, {"index", a.source.index}};
  o["fingerprint"] = a.fingerprint;
  o["warnings"] = Strings(a.warnings);
  return o;
}

Result<Article> ArticleFromJson(const json::value& value) {
  if (!value.is_object()) return WrongType("(article)", "an object");
  const json::object& o = value.get_object();
  Article a;
  Status steps[] = {
      ReadString(o, "title", a.title),
      ReadStrings(o, "summary", a.summary),
      ReadDateline(o, a.dateline),
      ReadBody(o, a.body),
      ReadOptTime(o, "published", a.published),
      ReadOptTime(o, "updated", a.updated),
      ReadPrecision(o, a.date_precision),
      ReadOptString(o, "url", a.url),
      ReadOptString(o, "external_id", a.external_id),
      ReadStrings(o, "authors", a.authors),
      ReadOptString(o, "language", a.language),
      ReadOptString(o, "section", a.section),
      ReadStrings(o, "tags", a.tags),
      ReadOptString(o, "site", a.site),
      ReadOptString(o, "image_url", a.image_url),
      ReadSource(o, a.source),
      ReadString(o, "fingerprint", a.fingerprint),
      ReadStrings(o, "warnings", a.warnings),
  };
  for (Status& s : steps) {
    if (!s.ok()) return s;
  }
  return a;
}

namespace {

// Writers for SerializeArticle: the bytes json::serialize(ArticleToJson(a)) gives, without the
// tree (the store writes one article per revision; building the tree was most of the cost).
void Key(std::string& out, const char* key) {
  if (out.back() != '{') out.push_back(',');
  out.push_back('"');
  out.append(key).append("\":");
}

void OptStringText(std::string& out, const std::optional<std::string>& s) {
  if (s) {
    AppendJsonString(out, *s);
  } else {
    out.append("null");
  }
}

void OptTimeText(std::string& out, const std::optional<TimePoint>& t) {
  if (t) {
    AppendJsonString(out, FormatRfc3339(*t));
  } else {
    out.append("null");
  }
}

void HeadText(std::string& out, const Article& a) {
  Key(out, "title");
  AppendJsonString(out, a.title);
  Key(out, "summary");
  AppendJsonStringArray(out, a.summary);
  Key(out, "dateline");
  if (a.dateline) {
    out.append("{\"place\":");
    AppendJsonString(out, a.dateline->place);
    out.append(",\"date\":");
    OptStringText(out, a.dateline->date);
    out.push_back('}');
  } else {
    out.append("null");
  }
  Key(out, "body");
  out.push_back('[');
  for (std::size_t i = 0; i < a.body.size(); ++i) {
    out.append(i > 0 ? ",{\"type\":" : "{\"type\":");
    AppendJsonString(out, BlockTypeName(a.body[i].type));
    out.append(",\"text\":");
    AppendJsonString(out, a.body[i].text);
    out.push_back('}');
  }
  out.push_back(']');
}

void TailText(std::string& out, const Article& a) {
  Key(out, "url");
  OptStringText(out, a.url);
  Key(out, "external_id");
  OptStringText(out, a.external_id);
  Key(out, "authors");
  AppendJsonStringArray(out, a.authors);
  Key(out, "language");
  OptStringText(out, a.language);
  Key(out, "section");
  OptStringText(out, a.section);
  Key(out, "tags");
  AppendJsonStringArray(out, a.tags);
  Key(out, "site");
  OptStringText(out, a.site);
  Key(out, "image_url");
  OptStringText(out, a.image_url);
  Key(out, "source");
  out.append("{\"file\":");
  AppendJsonString(out, a.source.file);
  out.append(",\"format\":");
  AppendJsonString(out, a.source.format);
  out.append(",\"index\":").append(std::to_string(a.source.index)).push_back('}');
  Key(out, "fingerprint");
  AppendJsonString(out, a.fingerprint);
  Key(out, "warnings");
  AppendJsonStringArray(out, a.warnings);
}

}  // namespace

std::string SerializeArticle(const Article& a) {
  std::size_t text = a.title.size() + a.fingerprint.size() + 512;
  for (const std::string& s : a.summary) text += s.size() + 3;
  for (const Block& b : a.body) text += b.text.size() + 32;
  std::string out;
  out.reserve(text + text / 16);
  out.push_back('{');
  HeadText(out, a);
  Key(out, "published");
  OptTimeText(out, a.published);
  Key(out, "updated");
  OptTimeText(out, a.updated);
  Key(out, "date_precision");
  AppendJsonString(out, DatePrecisionName(a.date_precision));
  TailText(out, a);
  out.push_back('}');
  return out;
}

Result<Article> ParseArticle(std::string_view json_text) {
  json::error_code ec;
  json::value v = json::parse(json_text, ec);
  if (ec) return Status::Error(ErrorCode::kCorrupt, "article JSON: " + ec.message());
  return ArticleFromJson(v);
}

}  // namespace synd
