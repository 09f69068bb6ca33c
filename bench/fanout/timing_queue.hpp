#pragma once
#include <chrono>
#include <cstdio>

#include "feeds/webhook/delivery_queue.hpp"
namespace synd::bench {
class TimingQueue final : public DeliveryQueue {
 public:
  explicit TimingQueue(DeliveryQueue& q) : q_(q) {}
  ~TimingQueue() override {
    std::fprintf(stderr,
                 "materialize %.3fs (%d) due %.3fs (%d) record %.3fs (%d) states %.3fs (%d) "
                 "nextdue %.3fs (%d) prune %.3fs (%d)\n",
                 t_[0], n_[0], t_[1], n_[1], t_[2], n_[2], t_[3], n_[3], t_[4], n_[4], t_[5],
                 n_[5]);
  }
  template <typename F>
  auto Time(int i, F f) {
    auto s = std::chrono::steady_clock::now();
    auto r = f();
    t_[i] += std::chrono::duration<double>(std::chrono::steady_clock::now() - s).count();
    ++n_[i];
    return r;
  }
  Status SetWebhooks(const std::vector<std::string>& n) override { return q_.SetWebhooks(n); }
  Result<MaterializeResult> Materialize(const std::vector<WebhookRoute>& r, DeliveryTime now,
                                        int m) override {
    return Time(0, [&] { return q_.Materialize(r, now, m); });
  }
  Result<std::vector<DueDelivery>> Due(std::string_view w, DeliveryTime now, int l,
                                       bool o) override {
    return Time(1, [&] { return q_.Due(w, now, l, o); });
  }
  Result<std::optional<DeliveryTime>> NextDue(std::string_view w, DeliveryTime a) override {
    return Time(4, [&] { return q_.NextDue(w, a); });
  }
  Status Record(const std::vector<AttemptRecord>& r) override {
    return Time(2, [&] { return q_.Record(r); });
  }
  Status Disable(std::string_view w, std::string_view r, DeliveryTime n) override {
    return q_.Disable(w, r, n);
  }
  Result<bool> Enable(std::string_view w) override { return q_.Enable(w); }
  Result<std::vector<WebhookQueueState>> WebhookStates(bool t) override {
    return Time(3, [&] { return q_.WebhookStates(t); });
  }
  Result<int64_t> Prune(const std::map<std::string, DeliveryTime, std::less<>>& d,
                        TimePoint e) override {
    return Time(5, [&] { return q_.Prune(d, e); });
  }
  Result<std::vector<DeliveryListing>> List(const DeliveryQuery& q) override { return q_.List(q); }
  Status Retry(int64_t id, DeliveryTime n) override { return q_.Retry(id, n); }
  Result<int64_t> RetryFailed(std::string_view w, DeliveryTime n) override {
    return q_.RetryFailed(w, n);
  }
  Result<int64_t> Replay(std::string_view w, TimePoint s, DeliveryTime n) override {
    return q_.Replay(w, s, n);
  }

 private:
  DeliveryQueue& q_;
  double t_[6] = {};
  int n_[6] = {};
};
}  // namespace synd::bench
