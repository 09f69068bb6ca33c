#include "feeds/ingest/trafilatura_xml.hpp"

#include "feeds/ingest/xml_nodes.hpp"

namespace synd {
namespace {

// Inline markup inside a block: its text joins the block's.
bool IsInline(std::string_view name) { return name == "hi" || name == "ref" || name == "del"; }

// Turns the walk over <main> into body parts: text accumulates until a block boundary.
class MainText {
 public:
  explicit MainText(ScrapedRecord& record) : record_(record) {}

  void Visit(pugi::xml_node node, bool entering) {
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
      if (entering) pending_ += node.value();
      return;
    }
    if (node.type() != pugi::node_element) return;
    const std::string_view name = node.name();
    if (IsInline(name)) return;
    if (name == "cell") {
      pending_ += ' ';
      return;
    }
    Flush();
    if (name == "head") heading_ = entering;
    if (name == "graphic" && entering && record_.image_url.empty()) {
      record_.image_url = node.attribute("src").value();
    }
    if (name == "graphic" && entering) {
      const pugi::xml_attribute title = node.attribute("title");
      const std::string caption = title ? title.value() : node.attribute("alt").value();
      if (!caption.empty()) Push(RecordPart::Kind::kCaption, caption);
    }
  }

  void Flush() {
    if (pending_.find_first_not_of(" \t\n") != std::string::npos) {
      Push(heading_ ? RecordPart::Kind::kHeading : RecordPart::Kind::kParagraph, pending_);
    }
    pending_.clear();
  }

 private:
  void Push(RecordPart::Kind kind, std::string text) {
    record_.body.push_back(RecordPart{kind, std::move(text), false});
  }

  ScrapedRecord& record_;
  std::string pending_;
  bool heading_ = false;
};

std::string Attribute(pugi::xml_node doc, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    const pugi::xml_attribute attribute = doc.attribute(name);
    if (attribute && *attribute.value() != '\0') return attribute.value();
  }
  return {};
}

}  // namespace

void CollectTrafilaturaDoc(pugi::xml_node doc, ArticleCollector& collector) {
  ScrapedRecord r;
  r.label = "the document";
  r.format = "trafilatura";
  r.title = Attribute(doc, {"title"});
  r.authors = SplitList(Attribute(doc, {"author"}), ';');
  r.published = RecordDate{"date", Attribute(doc, {"date"})};
  r.url = Attribute(doc, {"url", "source"});
  r.site = Attribute(doc, {"sitename", "source-hostname", "hostname"});
  AddCategories(r, SplitList(Attribute(doc, {"categories"}), ';'));
  for (std::string& tag : SplitList(Attribute(doc, {"tags"}), ';')) r.tags.push_back(tag);
  if (std::string summary = Attribute(doc, {"description", "excerpt"}); !summary.empty()) {
    r.summary.push_back(std::move(summary));
  }
  r.language = Attribute(doc, {"language"});
  r.image_url = Attribute(doc, {"image"});
  r.external_id = Attribute(doc, {"id"});
  const pugi::xml_node main = doc.child("main") ? doc.child("main") : doc;
  MainText text(r);
  for (pugi::xml_node child : main.children()) {
    // Reader comments are not the article.
    if (std::string_view(child.name()) == "comments") continue;
    text.Visit(child, true);
    WalkXml(child, [&text](pugi::xml_node node, bool entering) { text.Visit(node, entering); });
    text.Visit(child, false);
  }
  text.Flush();
  collector.Add(std::move(r));
}

}  // namespace synd
