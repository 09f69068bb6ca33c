// Status and Result<T>: expected failures as values (STYLE.md "Errors").
// Every fallible call in feeds/, config/ and daemon/ returns one of these; exceptions from
// libraries are caught at the adapter that calls them and turned into a Status there.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace synd {

// What kind of failure, for callers that branch on it (exit codes, retry decisions).
enum class ErrorCode {
  kOk,
  kInvalidInput,  // the input is malformed or has no usable content
  kNotFound,
  kIo,       // the file system or the network failed
  kConfig,   // a configuration problem (exit status 78)
  kCorrupt,  // stored state is not what we wrote
  kInternal,
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return {}; }
  static Status Error(ErrorCode code, std::string message) {
    assert(code != ErrorCode::kOk);
    return Status(code, std::move(message));
  }
  static Status Invalid(std::string message) {
    return Error(ErrorCode::kInvalidInput, std::move(message));
  }
  static Status Io(std::string message) { return Error(ErrorCode::kIo, std::move(message)); }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  // Names the input and the problem; empty when ok().
  const std::string& message() const { return message_; }

  // Returns a copy with `prefix: ` put before the message (to add the file or position).
  Status WithPrefix(const std::string& prefix) const {
    if (ok()) return *this;
    return Status(code_, prefix + ": " + message_);
  }

 private:
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

// Either a T or a failed Status. REQUIRES for value(): ok().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Status error) : v_(std::move(error)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(v_);
  }

  T& value() & {
    assert(ok());
    return std::get<T>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace synd
