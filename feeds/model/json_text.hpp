// JSON text written straight into a string, for the hot serializers (stored articles, webhook
// bodies) that used to build a Boost.JSON tree first. Model; pure. The bytes are exactly what
// boost::json::serialize writes for the same values, so stored and delivered JSON is unchanged.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace synd {

// Appends `text` as a JSON string literal, escaped as Boost.JSON escapes: '"' and '\\' with a
// backslash, \b \t \n \f \r by name, other bytes below 0x20 as \u00xx (lower-case hex), every
// other byte as it is (UTF-8 is not checked; '/' and DEL are not escaped).
void AppendJsonString(std::string& out, std::string_view text);

// The same without the quotes, for a string literal written in pieces.
void AppendJsonEscaped(std::string& out, std::string_view text);

// Appends `items` as a JSON array of strings, without spaces: ["a","b"].
void AppendJsonStringArray(std::string& out, const std::vector<std::string>& items);

}  // namespace synd
