#include "feeds/dedupe/canonical_url.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cctype>

namespace synd {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool IsTrackingParam(std::string_view key) {
  const std::string k = Lower(key);
  return k.rfind("utm_", 0) == 0 || k == "fbclid" || k == "gclid";
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

void RemoveTrackingParams(boost::urls::url& u) {
  auto params = u.encoded_params();
  for (auto it = params.begin(); it != params.end();) {
    if (IsTrackingParam((*it).key.decode())) {
      it = params.erase(it);
    } else {
      ++it;
    }
  }
  if (params.empty()) u.remove_query();
}

}  // namespace

std::optional<std::string> CanonicalUrl(std::string_view url) {
  try {
    auto parsed = boost::urls::parse_uri(Trim(url));
    if (!parsed || !parsed->has_authority() || parsed->encoded_host().empty()) return std::nullopt;
    boost::urls::url u(*parsed);
    u.normalize();
    u.set_encoded_host(Lower(u.encoded_host()));
    const std::string scheme(u.scheme());
    if (u.has_port() && ((scheme == "http" && u.port() == "80") ||
                         (scheme == "https" && u.port() == "443") || u.port().empty())) {
      u.remove_port();
    }
    u.remove_fragment();
    if (u.has_query()) RemoveTrackingParams(u);
    if ((scheme == "http" || scheme == "https") && u.encoded_path().empty()) {
      u.set_path_absolute(true);  // set_path("/") writes "/./" in Boost.URL 1.81
    }
    return std::string(u.buffer());
  } catch (const std::exception&) {
    // Boost.URL throws only on allocation failure or a bug; either way there is no canonical form.
    return std::nullopt;
  }
}

std::vector<std::string> IdentityKeys(const Article& article) {
  std::vector<std::string> keys;
  if (article.url) {
    if (std::optional<std::string> canonical = CanonicalUrl(*article.url)) {
      keys.push_back("url:" + *canonical);
    }
  }
  if (article.external_id) {
    const std::string_view ext = Trim(*article.external_id);
    if (!ext.empty()) keys.push_back("ext:" + std::string(ext));
  }
  return keys;
}

}  // namespace synd
