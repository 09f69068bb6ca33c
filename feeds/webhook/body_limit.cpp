#include "feeds/webhook/body_limit.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace synd {
namespace {

// Largest prefix of `text` of at most `bytes` bytes that ends on a character boundary.
std::string Utf8Prefix(const boost::json::string& text, std::size_t bytes) {
  if (bytes >= text.size()) return std::string(text);
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return std::string(text.data(), bytes);
}

}  // namespace

std::string FitWebhookBody(std::string body, std::size_t limit) {
  if (body.size() <= limit) return body;
  boost::system::error_code ec;
  boost::json::value root = boost::json::parse(body, ec);
  boost::json::object* object = ec ? nullptr : root.if_object();
  boost::json::value* data = object ? object->if_contains("data") : nullptr;
  if (data == nullptr || !data->is_object()) return body;
  boost::json::object& article = data->get_object();
  article["truncated"] = true;
  std::string fitted = boost::json::serialize(root);
  for (const char* field : {"content_text", "summary", "title"}) {
    boost::json::value* text = article.if_contains(field);
    // Serialization escapes some characters, so the cut is repeated until the result fits.
    while (fitted.size() > limit && text != nullptr && text->is_string() &&
           !text->get_string().empty()) {
      const boost::json::string& current = text->get_string();
      const std::size_t excess = fitted.size() - limit;
      const std::size_t keep = current.size() > excess ? current.size() - excess : 0;
      *text = Utf8Prefix(current, keep);
      fitted = boost::json::serialize(root);
    }
  }
  return fitted.size() <= limit ? fitted : body;
}

}  // namespace synd
