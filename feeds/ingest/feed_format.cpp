#include "feeds/ingest/feed_format.hpp"

#include "feeds/ingest/xml_nodes.hpp"

namespace synd {
namespace {

constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kMediaNs = "http://search.yahoo.com/mrss/";

bool IsImageType(std::string_view type) { return type.starts_with("image/"); }

// Qualified names of the extension elements, as this document spells them.
struct Names {
  explicit Names(pugi::xml_node root)
      : content_encoded(PrefixFor(root, kContentNs, "content") + "encoded"),
        dc_creator(PrefixFor(root, kDcNs, "dc") + "creator"),
        dc_date(PrefixFor(root, kDcNs, "dc") + "date"),
        dc_language(PrefixFor(root, kDcNs, "dc") + "language"),
        media_content(PrefixFor(root, kMediaNs, "media") + "content"),
        media_thumbnail(PrefixFor(root, kMediaNs, "media") + "thumbnail") {}
  std::string content_encoded, dc_creator, dc_date, dc_language, media_content, media_thumbnail;
};

// media:content with an image, or media:thumbnail, anywhere among the children (media:group too).
std::string MediaImage(pugi::xml_node item, const Names& names) {
  for (pugi::xml_node node : item.children()) {
    if (names.media_content == node.name()) {
      const std::string_view medium = node.attribute("medium").value();
      if (medium == "image" || IsImageType(node.attribute("type").value())) {
        return node.attribute("url").value();
      }
    }
    if (names.media_thumbnail == node.name()) return node.attribute("url").value();
    if (node.first_child() && std::string_view(node.name()).ends_with(":group")) {
      if (std::string url = MediaImage(node, names); !url.empty()) return url;
    }
  }
  return {};
}

void MapRssItem(pugi::xml_node item, const Names& names, ScrapedRecord& r) {
  r.title = NodeText(item.child("title"));
  r.url = NodeText(item.child("link"));
  const pugi::xml_node guid = item.child("guid");
  r.external_id = NodeText(guid);
  if (r.url.empty() && std::string_view(guid.attribute("isPermaLink").value()) != "false") {
    r.url = r.external_id;
  }
  const pugi::xml_node content = item.child(names.content_encoded.c_str());
  const std::string description = NodeMarkup(item.child("description"));
  if (content) {
    r.body.push_back(RecordPart{RecordPart::Kind::kText, NodeMarkup(content)});
    if (!description.empty()) r.summary.push_back(description);
  } else {
    r.body.push_back(RecordPart{RecordPart::Kind::kText, description});
  }
  r.published = item.child("pubDate")
                    ? RecordDate{"pubDate", NodeText(item.child("pubDate"))}
                    : RecordDate{"dc:date", NodeText(item.child(names.dc_date.c_str()))};
  for (pugi::xml_node author : item.children("author")) r.authors.push_back(NodeText(author));
  for (pugi::xml_node creator : item.children(names.dc_creator.c_str())) {
    r.authors.push_back(NodeText(creator));
  }
  std::vector<std::string> categories;
  for (pugi::xml_node category : item.children("category")) {
    categories.push_back(NodeText(category));
  }
  AddCategories(r, std::move(categories));
  for (pugi::xml_node enclosure : item.children("enclosure")) {
    if (IsImageType(enclosure.attribute("type").value())) {
      r.image_url = enclosure.attribute("url").value();
      break;
    }
  }
  if (r.image_url.empty()) r.image_url = MediaImage(item, names);
  r.language = NodeText(item.child(names.dc_language.c_str()));
}

// Atom text constructs: type "text" (the default) is literal, "html" escaped HTML, "xhtml" a div.
RecordPart AtomText(pugi::xml_node node) {
  const std::string_view type = node.attribute("type").value();
  return RecordPart{RecordPart::Kind::kText, NodeMarkup(node), type == "html" || type == "xhtml"};
}

struct AtomNames {
  explicit AtomNames(std::string p)
      : title(p + "title"),
        id(p + "id"),
        link(p + "link"),
        published(p + "published"),
        updated(p + "updated"),
        author(p + "author"),
        name(p + "name"),
        content(p + "content"),
        summary(p + "summary"),
        category(p + "category"),
        entry(p + "entry") {}
  std::string title, id, link, published, updated, author, name, content, summary, category, entry;
};

std::vector<std::string> AtomAuthors(pugi::xml_node parent, const AtomNames& n) {
  std::vector<std::string> authors;
  for (pugi::xml_node author : parent.children(n.author.c_str())) {
    authors.push_back(NodeText(author.child(n.name.c_str())));
  }
  return authors;
}

void MapAtomLinks(pugi::xml_node entry, const AtomNames& n, ScrapedRecord& r) {
  for (pugi::xml_node link : entry.children(n.link.c_str())) {
    std::string_view rel = link.attribute("rel").value();
    if (rel.empty()) rel = "alternate";
    if (rel == "alternate" && r.url.empty()) r.url = link.attribute("href").value();
    if (rel == "enclosure" && r.image_url.empty() && IsImageType(link.attribute("type").value())) {
      r.image_url = link.attribute("href").value();
    }
  }
}

void MapAtomEntry(pugi::xml_node entry, const AtomNames& n, const Names& names, ScrapedRecord& r) {
  r.title = AtomText(entry.child(n.title.c_str())).text;
  r.external_id = NodeText(entry.child(n.id.c_str()));
  MapAtomLinks(entry, n, r);
  r.published = RecordDate{"published", NodeText(entry.child(n.published.c_str()))};
  r.updated = RecordDate{"updated", NodeText(entry.child(n.updated.c_str()))};
  r.authors = AtomAuthors(entry, n);
  const pugi::xml_node content = entry.child(n.content.c_str());
  const pugi::xml_node summary = entry.child(n.summary.c_str());
  if (content && !content.attribute("src")) {
    r.body.push_back(AtomText(content));
    if (summary) r.summary.push_back(AtomText(summary).text);
  } else if (summary) {
    r.body.push_back(AtomText(summary));
  }
  std::vector<std::string> categories;
  for (pugi::xml_node category : entry.children(n.category.c_str())) {
    const pugi::xml_attribute label = category.attribute("label");
    categories.emplace_back(label ? label.value() : category.attribute("term").value());
  }
  AddCategories(r, std::move(categories));
  if (r.image_url.empty()) r.image_url = MediaImage(entry, names);
  r.language = entry.attribute("xml:lang").value();
}

}  // namespace

void CollectRss(pugi::xml_node root, ArticleCollector& collector) {
  const Names names(root);
  const pugi::xml_node channel = root.child("channel");
  const std::string site = NodeText(channel.child("title"));
  const std::string language = NodeText(channel.child("language"));
  // RSS 2.0 nests items in the channel; RSS 1.0 puts them beside it.
  const pugi::xml_node parent = channel.child("item") ? channel : root;
  std::size_t n = 0;
  for (pugi::xml_node item : parent.children("item")) {
    ScrapedRecord r;
    r.label = "item " + std::to_string(++n);
    r.format = "rss";
    MapRssItem(item, names, r);
    if (r.site.empty()) r.site = site;
    if (r.language.empty()) r.language = language;
    collector.Add(std::move(r));
  }
}

void CollectAtom(pugi::xml_node root, ArticleCollector& collector) {
  const std::string_view root_name = root.name();
  const std::size_t colon = root_name.find(':');
  const AtomNames n(colon == std::string_view::npos ? std::string()
                                                    : std::string(root_name.substr(0, colon + 1)));
  const Names names(root);
  const std::string site = NodeText(root.child(n.title.c_str()));
  const std::string language = root.attribute("xml:lang").value();
  const std::vector<std::string> feed_authors = AtomAuthors(root, n);
  std::size_t i = 0;
  for (pugi::xml_node entry : root.children(n.entry.c_str())) {
    ScrapedRecord r;
    r.label = "entry " + std::to_string(++i);
    r.format = "atom";
    MapAtomEntry(entry, n, names, r);
    if (r.authors.empty()) r.authors = feed_authors;
    if (r.site.empty()) r.site = site;
    if (r.language.empty()) r.language = language;
    collector.Add(std::move(r));
  }
}

}  // namespace synd
