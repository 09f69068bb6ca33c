#include "feeds/webhook/retry_policy.hpp"

#include <gtest/gtest.h>

namespace synd {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

const std::vector<RetryDelay> kDefaultSchedule = {seconds(5), minutes(5), minutes(30), hours(2),
                                                  hours(5),   hours(10),  hours(10)};

TEST(RetryPolicy, ClassifiesStatuses) {
  struct Case {
    int status;
    AttemptVerdict verdict;
  };
  const Case cases[] = {
      {200, AttemptVerdict::kDelivered}, {204, AttemptVerdict::kDelivered},
      {299, AttemptVerdict::kDelivered}, {0, AttemptVerdict::kRetry},
      {199, AttemptVerdict::kRetry},     {301, AttemptVerdict::kRetry},
      {302, AttemptVerdict::kRetry},     {400, AttemptVerdict::kRetry},
      {404, AttemptVerdict::kRetry},     {410, AttemptVerdict::kGone},
      {429, AttemptVerdict::kRetry},     {500, AttemptVerdict::kRetry},
      {503, AttemptVerdict::kRetry},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ClassifyAttempt(c.status), c.verdict) << c.status;
  }
  EXPECT_TRUE(HonoursRetryAfter(429));
  EXPECT_TRUE(HonoursRetryAfter(503));
  EXPECT_FALSE(HonoursRetryAfter(500));
}

TEST(RetryPolicy, FollowsTheScheduleThenGivesUp) {
  for (int attempts = 1; attempts <= 7; ++attempts) {
    const auto delay = NextRetryDelay(kDefaultSchedule, attempts, 0.0, std::nullopt);
    ASSERT_TRUE(delay.has_value()) << attempts;
    EXPECT_EQ(*delay, kDefaultSchedule[attempts - 1]) << attempts;
  }
  EXPECT_FALSE(NextRetryDelay(kDefaultSchedule, 8, 0.0, std::nullopt).has_value());
  EXPECT_FALSE(NextRetryDelay({}, 1, 0.0, std::nullopt).has_value());
}

TEST(RetryPolicy, JitterStaysWithinTwentyPercent) {
  struct Case {
    double jitter;
    RetryDelay expected;
  };
  const Case cases[] = {
      {-1.0, milliseconds(4000)}, {1.0, milliseconds(6000)}, {0.5, milliseconds(5500)},
      {-5.0, milliseconds(4000)}, {5.0, milliseconds(6000)},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NextRetryDelay(kDefaultSchedule, 1, c.jitter, std::nullopt), c.expected) << c.jitter;
  }
}

TEST(RetryPolicy, HoldsRetryAfterBetweenTheDelayAndTwiceIt) {
  struct Case {
    RetryDelay retry_after;
    RetryDelay expected;
  };
  const Case cases[] = {
      {seconds(0), seconds(5)},
      {seconds(7), seconds(7)},
      {seconds(10), seconds(10)},
      {hours(1), seconds(10)},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NextRetryDelay(kDefaultSchedule, 1, 0.0, c.retry_after), c.expected)
        << c.retry_after.count();
  }
}

TEST(RetryPolicy, ParsesRetryAfterSecondsAndHttpDates) {
  const TimePoint now = FromCivil(2025, 3, 28, 12, 0, 0);
  struct Case {
    const char* value;
    std::optional<RetryDelay> expected;
  };
  const Case cases[] = {
      {"120", seconds(120)},
      {" 3 ", seconds(3)},
      {"0", seconds(0)},
      {"99999999999999999999999", seconds(366LL * 24 * 3600)},
      {"Fri, 28 Mar 2025 12:01:00 GMT", seconds(60)},
      {"Fri, 28 Mar 2025 11:00:00 GMT", seconds(0)},
      {"-5", std::nullopt},
      {"1.5", std::nullopt},
      {"soon", std::nullopt},
      {"", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ParseRetryAfter(c.value, now), c.expected) << c.value;
  }
}

}  // namespace
}  // namespace synd
