#include "feeds/ingest/article_text.hpp"

#include "feeds/normalize/date.hpp"
#include "feeds/normalize/dateline.hpp"
#include "feeds/normalize/line_shapes.hpp"

namespace synd {

void ApplyUpdatedDate(std::string_view date_text, TimePoint reference_time, Article& article) {
  const Result<std::optional<ParsedDate>> date = ParseDate(date_text, reference_time);
  if (!date.ok()) {
    article.warnings.push_back("\"Updated\" line ignored: " + date.status().message());
    return;
  }
  if (!date->has_value()) return;
  article.updated = (*date)->time;
  article.date_precision = (*date)->precision;
}

void AppendBodyBlocks(const std::vector<std::string_view>& lines, TimePoint reference_time,
                      Article& article) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    const ChromeLine chrome = ClassifyChromeLine(line);
    if (chrome != ChromeLine::kNone) {
      if (chrome == ChromeLine::kUpdated && !article.updated) {
        ApplyUpdatedDate(UpdatedDateText(line), reference_time, article);
      }
      continue;
    }
    BlockType type = BlockType::kParagraph;
    if (LooksLikePhotoCaption(line)) {
      type = BlockType::kImage;
    } else if (i + 1 < lines.size() && LooksLikeHeading(line)) {
      type = BlockType::kHeading;
    }
    article.body.push_back(Block{type, std::string(line)});
  }
  if (article.dateline) return;
  for (const Block& block : article.body) {
    if (block.type != BlockType::kParagraph) continue;
    if (std::optional<DatelineMatch> match = MatchDateline(block.text)) {
      article.dateline = std::move(match->dateline);
    }
    break;
  }
}

}  // namespace synd
