// JSON form of an Article: the `syndicated parse` output object (issue [1/6]) and the form the
// store keeps revisions in. Boost.JSON; no I/O.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "feeds/model/article.hpp"
#include "feeds/model/status.hpp"

namespace synd {

// Every field of the parse contract, with nulls where the input did not say. Dates are
// RFC 3339 UTC.
boost::json::object ArticleToJson(const Article& article);

// Inverse of ArticleToJson. Errors name the field that is missing or of the wrong type.
Result<Article> ArticleFromJson(const boost::json::value& json);

// Compact serialization of ArticleToJson, and its inverse (used by the store).
std::string SerializeArticle(const Article& article);
Result<Article> ParseArticle(std::string_view json_text);

}  // namespace synd
