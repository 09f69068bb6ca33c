// Ingest throughput per input format (ParseDump: decode, detect, parse, normalize,
// fingerprint), in MB/s and articles/s, on generated inputs that all carry the same 960
// articles: the six of tests/data/reference_dump.txt, 160 times, retitled per copy (3-5 MB
// per file), written as the reference format, a JSON array per scraper mapper, JSON Lines, RSS
// and Atom. Plain text, text with a --- header and trafilatura's XML hold one article per file,
// so their input is one article's page (the first base article).
// Run from the repository root: bench/formats (medians of 5 runs), or e.g.
//   build/bench/micro_bench --benchmark_filter=Format --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include <boost/json.hpp>
#include <fstream>
#include <functional>
#include <pugixml.hpp>
#include <sstream>
#include <stdexcept>

#include "bench/micro/reference_articles.hpp"
#include "feeds/ingest/ingest.hpp"

namespace synd {
namespace {

const TimePoint kReference = bench::ReferenceTime();
constexpr int kCopies = 160;

const std::vector<Article>& BaseArticles() { return bench::ReferenceArticles(); }

// One copy of one base article, as a scraper would hand it over.
struct Item {
  std::string title;
  std::vector<std::string> summary;
  std::vector<std::string> paragraphs;
  std::string url;
};

// Calls emit(item) for every copy of every base article.
void Generate(const std::function<void(const Item&)>& emit) {
  for (int copy = 0; copy < kCopies; ++copy) {
    int n = 0;
    for (const Article& a : BaseArticles()) {
      Item item{a.title + " (" + std::to_string(copy) + ")",
                a.summary,
                {},
                "https://news.example/" + std::to_string(copy) + "/" + std::to_string(n++)};
      for (const Block& b : a.body) {
        if (b.type != BlockType::kImage) item.paragraphs.push_back(b.text);
      }
      emit(item);
    }
  }
}

std::string Joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

std::string ReferenceInput() {
  std::string s;
  Generate([&s](const Item& item) {
    s += item.title + "\n\n" + item.title + "\nShort Url\nUpdated 22 April 2025\nFollow\n\n";
    s += item.title + "\n\n" + item.title + "\n";
    for (const std::string& b : item.summary) s += "  • " + b + "\n";
    s += "\n" + Joined(item.paragraphs, "\n") + "\n\n\n";
  });
  return s;
}

boost::json::array Strings(const std::vector<std::string>& parts) {
  boost::json::array a;
  for (const std::string& p : parts) a.emplace_back(p);
  return a;
}

boost::json::object NewsPleaseRecord(const Item& item) {
  return {{"title", item.title},
          {"maintext", Joined(item.paragraphs, "\n")},
          {"description", Joined(item.summary, " ")},
          {"date_publish", "2025-04-22 10:00:00+00:00"},
          {"authors", boost::json::array{"Jane Doe"}},
          {"url", item.url},
          {"language", "en"},
          {"source_domain", "news.example"}};
}

boost::json::object Newspaper4kRecord(const Item& item) {
  return {{"title", item.title},
          {"text", Joined(item.paragraphs, "\n\n")},
          {"summary", Joined(item.summary, " ")},
          {"publish_date", "2025-04-22T10:00:00+00:00"},
          {"authors", boost::json::array{"Jane Doe"}},
          {"url", item.url},
          {"top_image", item.url + ".jpg"},
          {"keywords", boost::json::array{"world", "news"}},
          {"tags", "set()"},
          {"meta_lang", "en"}};
}

boost::json::object FundusRecord(const Item& item) {
  return {{"title", item.title},
          {"authors", boost::json::array{"Jane Doe"}},
          {"publishing_date", "2025-04-22 10:00:00+00:00"},
          {"body",
           {{"summary", Strings(item.summary)},
            {"sections",
             boost::json::array{boost::json::object{{"headline", boost::json::array{}},
                                                    {"paragraphs", Strings(item.paragraphs)}}}}}},
          {"topics", boost::json::array{"World"}},
          {"free_access", true}};
}

boost::json::object TrafilaturaRecord(const Item& item) {
  return {{"title", item.title},
          {"author", "Jane Doe; John Roe"},
          {"date", "2025-04-22"},
          {"text", Joined(item.paragraphs, "\n")},
          {"excerpt", Joined(item.summary, " ")},
          {"source", item.url},
          {"source-hostname", "News Example"},
          {"hostname", "news.example"},
          {"categories", "World;Politics"},
          {"tags", "a;b"},
          {"language", "en"}};
}

boost::json::object GenericRecord(const Item& item) {
  return {{"headline", item.title},
          {"content", Joined(item.paragraphs, "\n")},
          {"link", item.url},
          {"published_at", "2025-04-22T10:00:00Z"},
          {"author", "Jane Doe"}};
}

using Mapper = boost::json::object (*)(const Item&);

std::string JsonArrayInput(Mapper mapper) {
  boost::json::array records;
  Generate([&](const Item& item) { records.push_back(mapper(item)); });
  return boost::json::serialize(records);
}

std::string JsonLinesInput() {
  std::string s;
  Generate([&s](const Item& item) {
    s += boost::json::serialize(NewsPleaseRecord(item));
    s += '\n';
  });
  return s;
}

// The first base article as one file: its title, a blank line, one paragraph per line.
std::string PlainTextInput() {
  const Article& a = BaseArticles().front();
  std::string s = a.title + "\n\n";
  for (const Block& b : a.body) s += b.text + "\n";
  return s;
}

std::string HeaderTextInput() {
  return "---\ntitle: " + BaseArticles().front().title +
         "\nauthor: Jane Doe; John Roe\nurl: https://news.example/1\nsitename: News Example\n"
         "date: 2025-04-22\ncategories: World;Politics\nlanguage: en\n---\n" +
         PlainTextInput().substr(BaseArticles().front().title.size() + 2);
}

std::string Html(const std::vector<std::string>& paragraphs) {
  std::string html;
  for (const std::string& p : paragraphs) html += "<p>" + p + "</p>\n";
  return html;
}

std::string Saved(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "  ");
  return out.str();
}

std::string RssInput() {
  pugi::xml_document doc;
  pugi::xml_node rss = doc.append_child("rss");
  rss.append_attribute("version") = "2.0";
  rss.append_attribute("xmlns:content") = "http://purl.org/rss/1.0/modules/content/";
  rss.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
  pugi::xml_node channel = rss.append_child("channel");
  channel.append_child("title").text() = "News Example";
  Generate([&](const Item& item) {
    pugi::xml_node i = channel.append_child("item");
    i.append_child("title").text() = item.title.c_str();
    i.append_child("link").text() = item.url.c_str();
    i.append_child("guid").text() = item.url.c_str();
    i.append_child("pubDate").text() = "Tue, 22 Apr 2025 10:00:00 +0000";
    i.append_child("dc:creator").text() = "Jane Doe";
    i.append_child("category").text() = "World";
    i.append_child("description").text() = Joined(item.summary, " ").c_str();
    const std::string html = Html(item.paragraphs);
    i.append_child("content:encoded").append_child(pugi::node_cdata).set_value(html.c_str());
  });
  return Saved(doc);
}

std::string AtomInput() {
  pugi::xml_document doc;
  pugi::xml_node feed = doc.append_child("feed");
  feed.append_attribute("xmlns") = "http://www.w3.org/2005/Atom";
  feed.append_child("title").text() = "News Example";
  Generate([&](const Item& item) {
    pugi::xml_node e = feed.append_child("entry");
    e.append_child("title").text() = item.title.c_str();
    e.append_child("id").text() = item.url.c_str();
    pugi::xml_node link = e.append_child("link");
    link.append_attribute("href") = item.url.c_str();
    e.append_child("published").text() = "2025-04-22T10:00:00Z";
    e.append_child("updated").text() = "2025-04-22T11:00:00Z";
    e.append_child("author").append_child("name").text() = "Jane Doe";
    e.append_child("summary").text() = Joined(item.summary, " ").c_str();
    pugi::xml_node content = e.append_child("content");
    content.append_attribute("type") = "html";
    const std::string html = Html(item.paragraphs);
    content.text() = html.c_str();  // escaped on save, as feeds write it
  });
  return Saved(doc);
}

std::string TrafilaturaXmlInput() {
  const Article& a = BaseArticles().front();
  pugi::xml_document doc;
  pugi::xml_node d = doc.append_child("doc");
  d.append_attribute("title") = a.title.c_str();
  d.append_attribute("author") = "Jane Doe; John Roe";
  d.append_attribute("date") = "2025-04-22";
  d.append_attribute("url") = "https://news.example/1";
  d.append_attribute("sitename") = "News Example";
  pugi::xml_node main = d.append_child("main");
  for (const Block& b : a.body) {
    main.append_child(b.type == BlockType::kHeading ? "head" : "p").text() = b.text.c_str();
  }
  return Saved(doc);
}

// `format` is the detected format; `dialect` the reader within it that each article names.
void ParseFormat(benchmark::State& state, const std::string& bytes, std::string_view format,
                 std::string_view dialect) {
  std::size_t articles = 0;
  for (auto _ : state) {
    Result<ParsedDump> dump = ParseDump(DumpInput{bytes, "bench", kReference});
    if (!dump.ok()) {
      state.SkipWithError(dump.status().message().c_str());
      return;
    }
    if (dump->format != format || dump->articles.empty() ||
        dump->articles.front().source.format != dialect) {
      state.SkipWithError("detected the wrong format or dialect");
      return;
    }
    articles = dump->articles.size();
    benchmark::DoNotOptimize(dump);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * articles));
  state.counters["articles"] = static_cast<double>(articles);
  state.counters["bytes"] = static_cast<double>(bytes.size());
  // Time per article, the figure that compares one-article formats with many-article ones.
  state.counters["time_per_article"] =
      benchmark::Counter(static_cast<double>(state.iterations() * articles),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

#define SYND_FORMAT_BENCH(Name, Input, format, dialect) \
  void BM_Format##Name(benchmark::State& state) {       \
    static const std::string bytes = Input;             \
    ParseFormat(state, bytes, format, dialect);         \
  }                                                     \
  BENCHMARK(BM_Format##Name)->Unit(benchmark::kMillisecond)

SYND_FORMAT_BENCH(Reference, ReferenceInput(), "reference", "reference");
SYND_FORMAT_BENCH(JsonNewsPlease, JsonArrayInput(NewsPleaseRecord), "json", "news-please");
SYND_FORMAT_BENCH(JsonNewspaper4k, JsonArrayInput(Newspaper4kRecord), "json", "newspaper4k");
SYND_FORMAT_BENCH(JsonFundus, JsonArrayInput(FundusRecord), "json", "fundus");
SYND_FORMAT_BENCH(JsonTrafilatura, JsonArrayInput(TrafilaturaRecord), "json", "trafilatura");
SYND_FORMAT_BENCH(JsonGeneric, JsonArrayInput(GenericRecord), "json", "json");
SYND_FORMAT_BENCH(JsonLines, JsonLinesInput(), "json", "news-please");
SYND_FORMAT_BENCH(Rss, RssInput(), "xml", "rss");
SYND_FORMAT_BENCH(Atom, AtomInput(), "xml", "atom");
SYND_FORMAT_BENCH(PlainText, PlainTextInput(), "text", "text");
SYND_FORMAT_BENCH(HeaderText, HeaderTextInput(), "header-text", "header-text");
SYND_FORMAT_BENCH(TrafilaturaXml, TrafilaturaXmlInput(), "xml", "trafilatura");

}  // namespace
}  // namespace synd
