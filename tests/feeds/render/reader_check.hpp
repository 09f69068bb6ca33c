// Runs the checks feed readers and validators make (tests/tools/*): jing on Atom, Debian's
// python3-feedparser on RSS and Atom, python3-jsonschema on JSON Feed, python3-html5lib on
// the HTML pages. Shared by the render
// tests; each check reports a missing tool as a skip reason rather than a failure.
#pragma once

#include <gtest/gtest.h>
#include <stdio.h>
#include <sys/wait.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace synd::testing {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

inline CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buf[4096];
  std::size_t n = 0;
  while ((n = ::fread(buf, 1, sizeof buf, pipe)) > 0) result.output.append(buf, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline std::string Quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

inline std::filesystem::path ToolPath(const char* name) {
  return std::filesystem::path(SYND_SOURCE_DIR) / "tests" / "tools" / name;
}

// Empty when jing, Debian's python3 with feedparser and jsonschema are all there; else why not.
inline std::string MissingReaderTools() {
  if (!std::filesystem::exists("/usr/bin/jing")) return "jing is not installed (scripts/setup)";
  const CommandResult py =
      RunCommand("/usr/bin/python3 -c 'import feedparser, jsonschema, html5lib'");
  if (py.exit_code != 0) {
    return "python3-feedparser, python3-jsonschema or python3-html5lib is not installed "
           "(scripts/setup): " +
           py.output;
  }
  return {};
}

inline std::string QuotedAll(const std::vector<std::filesystem::path>& paths) {
  std::string out;
  for (const auto& path : paths) out += " " + Quoted(path);
  return out;
}

// jing with RFC 4287's schema on every file at once; exit status 0 when all are valid.
inline CommandResult JingAtom(const std::vector<std::filesystem::path>& atoms) {
  return RunCommand("/usr/bin/jing -c " + Quoted(DataFile("validators/atom.rnc")) +
                    QuotedAll(atoms));
}

// JSON Feed 1.1 schema on every file at once (check_json_feed.py).
inline CommandResult CheckJsonFeed(const std::vector<std::filesystem::path>& files) {
  return RunCommand("/usr/bin/python3 " + Quoted(ToolPath("check_json_feed.py")) + " " +
                    Quoted(DataFile("validators")) + QuotedAll(files));
}

// The HTML5 parsing algorithm over every file at once (check_html.py); exit status 0 when no
// file has a parse error.
inline CommandResult CheckHtml(const std::vector<std::filesystem::path>& files) {
  return RunCommand("/usr/bin/python3 " + Quoted(ToolPath("check_html.py")) + QuotedAll(files));
}

// feedparser's reading of each source (file or URL) as JSON (see feedparser_dump.py), in
// order; empty with a test failure naming the output when the tool failed.
inline std::vector<boost::json::value> Feedparser(
    const std::vector<std::filesystem::path>& sources) {
  const CommandResult r =
      RunCommand("/usr/bin/python3 " + Quoted(ToolPath("feedparser_dump.py")) + QuotedAll(sources));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  boost::json::error_code ec;
  boost::json::value v = boost::json::parse(r.output, ec);
  EXPECT_TRUE(!ec && v.is_array() && v.as_array().size() == sources.size())
      << "feedparser_dump.py printed: " << r.output;
  if (ec || !v.is_array() || v.as_array().size() != sources.size()) return {};
  return std::vector<boost::json::value>(v.as_array().begin(), v.as_array().end());
}

inline std::vector<std::string> EntryField(const boost::json::value& parsed, const char* field) {
  std::vector<std::string> out;
  if (!parsed.is_object()) return out;
  for (const auto& entry : parsed.at("entries").as_array()) {
    const auto& v = entry.at(field);
    out.emplace_back(v.is_string() ? std::string(v.as_string()) : "<null>");
  }
  return out;
}

}  // namespace synd::testing
