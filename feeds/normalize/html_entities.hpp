// HTML character references (normalize stage): the named references of HTML 4 (plus &apos;) and
// numeric ones, decoded the way browsers decode them in text. Pure; no tags, no parsing.
#pragma once

#include <string>
#include <string_view>

namespace synd {

// The code point of an HTML 4 named character reference without its '&' and ';' ("amp",
// "eacute", "rsquo"; case-sensitive; also "apos"), or 0 when the name is not one.
char32_t NamedCharacterReference(std::string_view name);

// Appends `text` with its character references decoded: "&name;" for the names above, "&#NNN;"
// and "&#xHHH;" (the ';' may be missing after digits). As in browsers, &#128;..&#159; are read as
// Windows-1252, and a reference to NUL, a surrogate or a code point above U+10FFFF becomes
// U+FFFD. Anything else (an unknown name, a name without ';', a lone '&') stays as written.
void AppendHtmlDecoded(std::string_view text, std::string& out);
std::string DecodeHtmlEntities(std::string_view text);

}  // namespace synd
