// Story identity (DESIGN.md §6): tag: URIs minted once from the first version of a story and
// kept for life, and the feed ids minted at a feed's first render. Dedupe stage; pure. Nothing
// here reads a clock or draws a random number: the same first version gives the same id.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "feeds/model/status.hpp"
#include "feeds/model/time.hpp"

namespace synd {

// Lower-case Crockford base32 (0-9 a-z without i, l, o, u) of the bytes that the hex string
// spells; hex digits past an even count are ignored. "" for an empty or non-hex input.
std::string Base32FromHex(std::string_view hex);

// The suffix of a new story: the first 8 base32 characters of its first version's fingerprint,
// one more character each time the shorter one is taken, then "<full>-2", "<full>-3", ...
// `claim(candidate)` tries each in turn and returns whether the story now has it (false: another
// story has it already), so the check and the claim can be one store write. Deterministic for a
// given set of taken suffixes. Errors from `claim` are returned.
// REQUIRES: fingerprint_hex is the hex fingerprint (non-empty).
Result<std::string> MintSuffix(std::string_view fingerprint_hex,
                               const std::function<Result<bool>(std::string_view)>& claim);

// "tag:<authority>,<YYYY-MM-DD of published, UTC>:story/<suffix>".
std::string StoryTagId(std::string_view authority, TimePoint published, std::string_view suffix);

// "tag:<authority>,<year>:feed/<name>".
std::string FeedTagId(std::string_view authority, int year, std::string_view feed_name);

// The id of the event for `revision` of the story with `suffix`: the webhook-id header, stable
// across retries and replays. "msg_<suffix>_<revision>".
std::string EventId(std::string_view suffix, int revision);

}  // namespace synd
