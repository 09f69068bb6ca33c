// RSS and Atom files read as dumps (ingest stage): each RSS 2.0 (or 1.0) item and each Atom 1.0
// entry becomes one record, with its link as `url` and its guid or Atom id as `external_id`.
// Works on a parsed pugixml tree (xml_format.cpp parses); no I/O, no network, no redirects.
#pragma once

#include <pugixml.hpp>

#include "feeds/ingest/scraped_record.hpp"

namespace synd {

// RSS 2.0 (root <rss>, items in <channel>) or RSS 1.0 (root <rdf:RDF>, items beside the
// channel). Per item ("rss", labelled "item N"): title; link (or a permalink guid) → url; guid →
// external_id; content:encoded → body and description → summary, or description → body; pubDate
// or dc:date → published; author and dc:creator → authors; category → section (first) and tags;
// an image enclosure, media:content or media:thumbnail → image_url. The channel's title is
// each item's site and its language their language.
void CollectRss(pugi::xml_node root, ArticleCollector& collector);

// Atom 1.0 (root <feed>, any prefix). Per entry ("atom", labelled "entry N"): title; the
// alternate link → url; id → external_id; content → body and summary → summary, or summary →
// body (type text, html or xhtml); published and updated; author names (the feed's when the
// entry has none); category label or term → section (first) and tags; xml:lang → language; an
// image enclosure link or media:thumbnail → image_url. The feed's title is each entry's site.
void CollectAtom(pugi::xml_node root, ArticleCollector& collector);

}  // namespace synd
