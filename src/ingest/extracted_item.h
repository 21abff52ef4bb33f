// ExtractedItem: one item as ingest hands it on — everything the store and the index need, and
// no ids of theirs. Items of one collected file are numbered in pre-order (the file itself is 0),
// and a child names its parent by that number; the engine turns them into matter-wide ids.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/hash.h"
#include "core/status.h"
#include "model/item.h"

namespace bates::ingest {

// Room for the consumer to attach work done on a worker thread (ItemSink::Prepare).
struct PreparedData {
  virtual ~PreparedData() = default;
  // Memory this holds until the item reaches ItemSink::Add. The collector counts it against its
  // buffer limits: Prepare usually moves the text out of the item into what it attaches (an
  // index document), so the item alone would look almost empty.
  virtual uint64_t bytes() const { return 0; }
};

struct ExtractedItem {
  uint32_t local_id = 0;                    // pre-order number within the collected file
  std::optional<uint32_t> parent_local_id;  // none for the collected file itself
  int depth = 0;                            // 0 for the collected file
  model::ItemKind kind = model::ItemKind::kFile;
  std::string name;        // file name, or a label ("message 12") where it has none
  std::string inner_path;  // path inside the collected file: "" for the file itself, else
                           // "message 12/report.zip/budget.pdf"
  std::string mime_type;
  std::string reader;  // the reader that read it, "" if none did
  uint64_t size = 0;
  ContentHashes hashes;
  // The native content of a child: in memory, or in a temporary file. Empty for the collected file
  // itself, whose native is the file on disk.
  std::string native;
  std::filesystem::path native_path;
  std::string text;  // valid UTF-8
  model::Metadata meta;
  uint32_t flags = 0;
  model::ItemStatus status = model::ItemStatus::kProcessed;
  Status exception;            // why, for an exception item
  std::string exception_tool;  // what failed: a reader's tool ("gmime", "poppler"), or "limits"
  std::unique_ptr<PreparedData> prepared;
};

// Where extracted items go. The collector calls Prepare on worker threads, in parallel, and the
// rest on one thread in the order of the sorted walk, one collected file after another.
class ItemSink {
 public:
  virtual ~ItemSink() = default;
  // Worker thread: work that can be done before order matters (compressing text, building an
  // index document). May attach results to item.prepared.
  virtual void Prepare(ExtractedItem& /*item*/) {}
  // In walk order: a collected file begins; its items follow, then EndFile.
  virtual Status BeginFile(const std::string& relative_path) = 0;
  virtual Status Add(ExtractedItem item) = 0;
  // An item already added turned out to be an exception (a container that failed part way).
  virtual Status MarkException(uint32_t local_id, const Status& reason,
                               const std::string& tool) = 0;
  virtual Status EndFile(const std::string& relative_path) = 0;
};

}  // namespace bates::ingest
