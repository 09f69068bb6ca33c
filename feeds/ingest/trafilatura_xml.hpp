// trafilatura's XML output read as a dump (ingest stage): one <doc> whose attributes carry the
// metadata and whose <main> holds the text as <head>, <p>, <list>/<item>, <quote>, <table>,
// <graphic> with inline <hi>, <ref> and <lb/>. Works on a parsed pugixml tree; no I/O.
#pragma once

#include <pugixml.hpp>

#include "feeds/ingest/scraped_record.hpp"

namespace synd {

// Adds the document as one record ("trafilatura", labelled "the document"): attributes title,
// author (";"-separated), date, url (or source), sitename/hostname → site, categories → section
// and tags, tags, description/excerpt → summary, language, image (else the first <graphic>'s
// src), id → external_id. In <main> (or the <doc> itself when it has none), <head> elements are
// headings, <graphic> titles or alt texts are captions, every other element is a block of
// literal text (<lb/> starts a new one), and <comments> is left out.
void CollectTrafilaturaDoc(pugi::xml_node doc, ArticleCollector& collector);

}  // namespace synd
