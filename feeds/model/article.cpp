#include "feeds/model/article.hpp"

namespace synd {

const char* BlockTypeName(BlockType type) {
  switch (type) {
    case BlockType::kParagraph:
      return "paragraph";
    case BlockType::kHeading:
      return "heading";
    case BlockType::kImage:
      return "image";
  }
  return "paragraph";
}

const char* DatePrecisionName(DatePrecision p) {
  switch (p) {
    case DatePrecision::kSecond:
      return "second";
    case DatePrecision::kMinute:
      return "minute";
    case DatePrecision::kHour:
      return "hour";
    case DatePrecision::kDay:
      return "day";
  }
  return "second";
}

std::string SummaryText(const Article& article) {
  std::string out;
  for (const std::string& bullet : article.summary) {
    if (bullet.empty()) continue;
    if (!out.empty()) out += ' ';
    out += bullet;
  }
  if (!out.empty()) return out;
  for (const Block& block : article.body) {
    if (block.type == BlockType::kParagraph) return block.text;
  }
  return out;
}

std::string ContentText(const Article& article) {
  std::string out;
  for (const Block& block : article.body) {
    if (!out.empty()) out += "\n\n";
    out += block.text;
  }
  return out;
}

}  // namespace synd
