#include "feeds/model/story.hpp"

namespace synd {

const char* EventTypeName(EventType type) {
  return type == EventType::kCreated ? "article.created" : "article.updated";
}

}  // namespace synd
