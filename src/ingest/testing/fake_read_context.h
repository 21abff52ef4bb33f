// FakeReadContext: records what a reader reports, for reader tests. Children are kept as given
// (not detected or read further).
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "ingest/reader.h"

namespace bates::ingest::testing {

class FakeReadContext final : public ReadContext {
 public:
  explicit FakeReadContext(Limits limits = {},
                           std::filesystem::path temp_dir = std::filesystem::temp_directory_path())
      : limits_(limits), temp_dir_(std::move(temp_dir)) {}

  Status SetDocument(Extracted document) override {
    if (document_) return InternalError("SetDocument called twice");
    if (!children.empty()) return InternalError("SetDocument after AddChild");
    document_ = std::move(document);
    return Status::Ok();
  }
  Status AddChild(Child child) override {
    children.push_back(std::move(child));
    if (stop_after_children > 0 && children.size() >= stop_after_children) {
      return CancelledError("stopped by the test");
    }
    return Status::Ok();
  }
  const Limits& limits() const override { return limits_; }
  const std::filesystem::path& temp_dir() const override { return temp_dir_; }

  bool has_document() const { return document_.has_value(); }
  const Extracted& document() const { return *document_; }

  std::vector<Child> children;
  size_t stop_after_children = 0;  // 0: never stop

 private:
  Limits limits_;
  std::filesystem::path temp_dir_;
  std::optional<Extracted> document_;
};

}  // namespace bates::ingest::testing
