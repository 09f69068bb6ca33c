// A pugixml writer that appends what pugixml saves to a std::string: shared by the XML input
// formats (feeds/ingest) and the feed writers (feeds/render). Does no I/O.
#pragma once

#include <cstddef>
#include <pugixml.hpp>
#include <string>

namespace synd {

class XmlStringWriter final : public pugi::xml_writer {
 public:
  // `out` must outlive the writer; saved bytes are appended to it.
  explicit XmlStringWriter(std::string& out) : out_(out) {}
  void write(const void* data, std::size_t size) override {
    out_.append(static_cast<const char*>(data), size);
  }

 private:
  std::string& out_;
};

}  // namespace synd
