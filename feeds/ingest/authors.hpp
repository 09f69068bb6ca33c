// Author names from scraper bylines (ingest stage): keeps what has the shape of a name and drops
// the page text scrapers mistake for one ("on December", "at PM", "Print", a domain). Decided by
// shape alone, never by a list of names. Pure.
#pragma once

#include <string>
#include <vector>

namespace synd {

struct CleanedAuthors {
  std::vector<std::string> names;  // normalized, in input order, without repeats
  std::vector<std::string>
      dropped;  // one entry per dropped candidate: "\"at PM\" (starts in lower case)"
};

// Each candidate is decoded and normalized (HTML, entities), loses a leading "By ", and an
// e-mail form keeps its name ("jd@example.org (Jane Doe)", "Jane Doe <jd@example.org>").
// Dropped as not names: text that starts with a lower-case letter ("on December", "updated"),
// has a digit ("12:30 PM"), is a URL, a domain or a bare e-mail address, is a lone month or
// weekday, has more than six words, or is a single word listed next to full names ("Print"
// beside "Jane Doe").
CleanedAuthors CleanAuthors(const std::vector<std::string>& candidates);

}  // namespace synd
