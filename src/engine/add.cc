// bates add: collect sources into the case. See docs/ARCHITECTURE.md, "Collection" and "Commit
// order and resumption".
#include <chrono>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "core/hash.h"
#include "engine/case.h"
#include "engine/case_parts.h"
#include "index/index_writer.h"
#include "ingest/collector.h"
#include "ingest/extractor.h"
#include "ingest/walker.h"

namespace bates::engine {
namespace {

namespace fs = std::filesystem;

// A batch is committed after AddRequest::batch_items items or this long, whichever comes first:
// a killed run loses at most one batch.
constexpr std::chrono::seconds kBatchTime{10};

// What a worker thread did for an item before it reaches the committing thread.
struct PreparedItem final : ingest::PreparedData {
  std::string native_blob;
  std::string text_blob;
  uint64_t text_bytes = 0;
  std::optional<Timestamp> own_sort_date;
  std::optional<index::PreparedDocument> document;
  Status error;  // writing a blob failed: the run must stop, not lose the item

  uint64_t bytes() const override {
    return (document ? document->bytes() : 0) + native_blob.size() + text_blob.size();
  }
};

std::optional<int64_t> Utc(const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return t->utc_seconds;
}

class CaseSink final : public ingest::ItemSink {
 public:
  CaseSink(CaseParts& parts, index::IndexWriter& writer, const store::Source& source,
           std::string custodian, model::ItemId last_id, uint64_t batch_items)
      : parts_(parts),
        writer_(writer),
        source_(source),
        custodian_(std::move(custodian)),
        next_id_(last_id + 1),
        batch_limit_(std::max<uint64_t>(1, batch_items)),
        batch_start_(std::chrono::steady_clock::now()) {}

  // Worker thread: dates pinned, blobs written, the index document built; the item keeps only
  // what the ordered side needs.
  void Prepare(ingest::ExtractedItem& item) override {
    auto prepared = std::make_unique<PreparedItem>();
    model::Metadata& meta = item.meta;
    for (std::optional<Timestamp>* t :
         {&meta.sent, &meta.received, &meta.created, &meta.modified}) {
      if (*t && (*t)->floating) {
        **t = parts_.time_zone.Pin(**t);
        item.flags |= model::kFlagFloatingDate;
      }
    }
    prepared->own_sort_date = model::OwnSortDate(meta, item.kind);

    if (!item.native.empty()) {
      prepared->error = parts_.blobs->PutNative(item.hashes.sha256, item.native);
    } else if (!item.native_path.empty() && !item.hashes.sha256.empty()) {
      prepared->error = parts_.blobs->PutNativeFile(item.hashes.sha256, item.native_path);
    }
    if (prepared->error.ok() && !item.hashes.sha256.empty())
      prepared->native_blob = item.hashes.sha256;
    if (prepared->error.ok() && !item.text.empty()) {
      prepared->text_blob = Sha256Hex(item.text);
      prepared->text_bytes = item.text.size();
      prepared->error = parts_.blobs->PutCompressedText(prepared->text_blob,
                                                        store::BlobStore::CompressText(item.text));
    }

    index::IndexDocument doc;
    doc.text = std::move(item.text);
    doc.subject = !meta.subject.empty() ? meta.subject : meta.title;
    if (meta.from) doc.from.push_back(*meta.from);
    doc.to = meta.to;
    doc.cc = meta.cc;
    doc.bcc = meta.bcc;
    doc.custodian = custodian_;
    doc.file_name = !meta.file_name.empty() ? meta.file_name : item.name;
    doc.mime_type = item.mime_type;
    doc.kind = item.kind;
    doc.sent = Utc(meta.sent);
    doc.created = Utc(meta.created);
    doc.modified = Utc(meta.modified);
    doc.size = item.size;
    prepared->document = index::Prepare(doc);

    // The natives and text are stored; nothing downstream needs the bytes again.
    item.native = std::string();
    item.text = std::string();
    item.prepared = std::move(prepared);
  }

  Status BeginFile(const std::string& relative_path) override {
    current_file_ = relative_path;
    top_id_ = next_id_;
    families_.clear();
    return Status::Ok();
  }

  Status Add(ingest::ExtractedItem item) override {
    auto* prepared = dynamic_cast<PreparedItem*>(item.prepared.get());
    if (prepared == nullptr) return InternalError("item reached the store unprepared");
    if (!prepared->error.ok()) return prepared->error.WithContext("storing " + item.name);

    model::ItemId id = next_id_++;
    // Items of a file arrive in pre-order, so an item's id is the file's first id plus its
    // pre-order number; a mismatch means the stream was reordered.
    if (id != top_id_ + item.local_id) {
      return InternalError("item {} of {} arrived out of order", item.local_id, item.name);
    }
    // Families: an attachment or embedded object belongs to its parent's family and takes the
    // family head's date; anything else heads its own.
    families_.resize(static_cast<size_t>(item.depth));
    model::ItemId family_id = id;
    std::optional<Timestamp> sort_date = prepared->own_sort_date;
    bool in_family =
        item.kind == model::ItemKind::kAttachment || item.kind == model::ItemKind::kEmbedded;
    if (in_family && !families_.empty()) {
      family_id = families_.back().family_id;
      if (families_.back().date) sort_date = families_.back().date;
    }
    families_.push_back({family_id, sort_date});

    store::Item row;
    row.id = id;
    row.source_id = source_.id;
    if (item.parent_local_id) row.parent_id = top_id_ + *item.parent_local_id;
    row.family_id = family_id;
    row.top_id = top_id_;
    row.kind = item.kind;
    row.relative_path = current_file_;
    row.inner_path = std::move(item.inner_path);
    row.name = std::move(item.name);
    row.mime_type = std::move(item.mime_type);
    row.reader = std::move(item.reader);
    row.size = item.size;
    row.md5 = std::move(item.hashes.md5);
    row.sha1 = std::move(item.hashes.sha1);
    row.sha256 = std::move(item.hashes.sha256);
    row.native_blob = prepared->native_blob;
    row.text_blob = prepared->text_blob;
    row.text_bytes = prepared->text_bytes;
    row.flags = item.flags;
    row.status = item.status;
    if (item.status == model::ItemStatus::kException) {
      row.exception_code = std::string(StatusCodeName(item.exception.code()));
      row.exception_tool = std::move(item.exception_tool);
      row.exception_message = item.exception.message();
      ++exceptions_;
    }
    row.sort_date = sort_date;
    row.meta = std::move(item.meta);
    BATES_RETURN_IF_ERROR(parts_.store->InsertItem(row));

    index::SetIdentity(*prepared->document, id, family_id, Utc(sort_date));
    BATES_RETURN_IF_ERROR(writer_.Add(std::move(*prepared->document)));
    ++items_;
    ++batch_items_;
    last_id_ = id;
    return Status::Ok();
  }

  Status MarkException(uint32_t local_id, const Status& reason, const std::string& tool) override {
    ++exceptions_;
    return parts_.store->SetItemException(
        top_id_ + local_id, std::string(StatusCodeName(reason.code())), tool, reason.message());
  }

  Status EndFile(const std::string& relative_path) override {
    BATES_RETURN_IF_ERROR(parts_.store->MarkFileDone(source_.id, relative_path, top_id_));
    return MaybeCommit(false);
  }

  // Blob locations first, then the index, then the store with how far the index goes: a stored
  // item never names a blob the blob store cannot find, and after a crash the index may run
  // ahead of the store, never behind it.
  Status MaybeCommit(bool force) {
    auto now = std::chrono::steady_clock::now();
    if (!force && batch_items_ < batch_limit_ && now - batch_start_ < kBatchTime) {
      return Status::Ok();
    }
    BATES_RETURN_IF_ERROR(parts_.blobs->Flush());
    BATES_RETURN_IF_ERROR(writer_.Commit());
    if (last_id_ > 0) BATES_RETURN_IF_ERROR(parts_.store->SetIndexedThrough(last_id_));
    BATES_RETURN_IF_ERROR(parts_.store->Commit());
    BATES_RETURN_IF_ERROR(parts_.store->Begin());
    batch_items_ = 0;
    batch_start_ = now;
    return Status::Ok();
  }

  uint64_t items() const { return items_; }
  uint64_t exceptions() const { return exceptions_; }

 private:
  struct FamilyFrame {
    model::ItemId family_id;
    std::optional<Timestamp> date;
  };

  CaseParts& parts_;
  index::IndexWriter& writer_;
  const store::Source& source_;
  std::string custodian_;
  model::ItemId next_id_;
  const uint64_t batch_limit_;
  model::ItemId top_id_ = 0;
  model::ItemId last_id_ = 0;
  std::string current_file_;
  std::vector<FamilyFrame> families_;  // by depth, for the item being added
  uint64_t items_ = 0;
  uint64_t exceptions_ = 0;
  uint64_t batch_items_ = 0;
  std::chrono::steady_clock::time_point batch_start_;
};

// Brings store and index into agreement after an interrupted run: index entries past the store
// are dropped, and items of files the run did not finish are removed (they will be redone).
Result<int64_t> Recover(CaseParts& parts, index::IndexWriter& writer, int64_t source_id) {
  BATES_ASSIGN_OR_RETURN(model::ItemId max_id, parts.store->MaxItemId());
  BATES_RETURN_IF_ERROR(writer.DeleteAbove(max_id));
  BATES_RETURN_IF_ERROR(parts.store->Begin());
  BATES_ASSIGN_OR_RETURN(std::vector<model::ItemId> removed,
                         parts.store->DeleteUnfinishedItems(source_id));
  for (model::ItemId id : removed) BATES_RETURN_IF_ERROR(writer.Delete(id));
  BATES_RETURN_IF_ERROR(writer.Commit());
  BATES_RETURN_IF_ERROR(parts.store->Commit());
  return static_cast<int64_t>(removed.size());
}

Status ResetTempDir(const fs::path& dir) {
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  if (ec) return IoError("cannot create {}: {}", dir.string(), ec.message());
  return Status::Ok();
}

}  // namespace

Result<AddReport> Case::Add(const AddRequest& request, ProgressListener& progress) {
  CaseParts& parts = *parts_;
  if (request.custodian.empty()) return InvalidArgumentError("a custodian is required");
  if (request.paths.empty()) return InvalidArgumentError("nothing to add: give a file or folder");
  auto start = std::chrono::steady_clock::now();

  // Opening the writer takes the index lock: one collection at a time per case.
  BATES_ASSIGN_OR_RETURN(auto writer, index::IndexWriter::Open(parts.index_dir()));
  BATES_RETURN_IF_ERROR(ResetTempDir(parts.temp_dir()));
  BATES_ASSIGN_OR_RETURN(store::Custodian custodian,
                         parts.store->EnsureCustodian(request.custodian));

  AddReport report;
  for (const fs::path& given : request.paths) {
    std::error_code ec;
    fs::path path = fs::weakly_canonical(fs::absolute(given), ec);
    if (ec || !fs::exists(path)) return NotFoundError("{}: no such file or folder", given.string());
    auto [case_end, path_end] = std::mismatch(dir_.begin(), dir_.end(), path.begin(), path.end());
    if (case_end == dir_.end()) {
      return InvalidArgumentError("{} is inside the case folder; collect from elsewhere",
                                  given.string());
    }
    BATES_ASSIGN_OR_RETURN(
        store::Source source,
        parts.store->EnsureSource(path.string(), custodian.id, fs::is_directory(path),
                                  parts.options.env->NowUnixSeconds()));
    SourceAddReport source_report;
    source_report.path = source.path;
    source_report.custodian = custodian.name;
    BATES_ASSIGN_OR_RETURN(source_report.removed_unfinished, Recover(parts, *writer, source.id));

    BATES_ASSIGN_OR_RETURN(std::vector<ingest::WalkEntry> entries, ingest::Walk(path));
    BATES_ASSIGN_OR_RETURN(std::vector<std::string> done_list, parts.store->DoneFiles(source.id));
    std::unordered_set<std::string> done(done_list.begin(), done_list.end());

    ingest::ExtractorOptions extractor_options;
    extractor_options.limits = request.limits;
    extractor_options.helper_path = parts.options.helper_path;
    extractor_options.temp_dir = parts.temp_dir();
    ingest::Extractor extractor(extractor_options);

    ingest::CollectOptions collect_options;
    collect_options.jobs = request.jobs;
    collect_options.cancel = request.cancel;
    collect_options.already_done = [&](const std::string& rel) { return done.count(rel) > 0; };

    BATES_ASSIGN_OR_RETURN(model::ItemId last_id, parts.store->MaxItemId());
    CaseSink sink(parts, *writer, source, custodian.name, last_id, request.batch_items);
    // The store defers its hash and message-id indexes while items pour in, and rebuilds them
    // at the end of every collection, finished or not.
    BATES_RETURN_IF_ERROR(parts.store->BeginBulkLoad());
    BATES_RETURN_IF_ERROR(parts.store->Begin());
    auto stats = ingest::Collect(entries, extractor, collect_options, sink, progress);
    if (!stats.ok()) {
      // What was committed stays; the open batch is dropped and redone by the next run.
      parts.store->Rollback().IgnoreError();
      parts.store->EndBulkLoad().IgnoreError();
      return stats.status();
    }
    BATES_RETURN_IF_ERROR(sink.MaybeCommit(true));
    BATES_RETURN_IF_ERROR(parts.store->Commit());
    BATES_RETURN_IF_ERROR(parts.store->EndBulkLoad());
    BATES_RETURN_IF_ERROR(parts.store->Begin());
    BATES_RETURN_IF_ERROR(parts.store->SetSourceComplete(source.id, true));
    source_report.files = stats->files;
    source_report.files_skipped = stats->files_skipped;
    source_report.items = sink.items();
    source_report.exceptions = sink.exceptions();
    source_report.bytes = stats->bytes;
    nlohmann::json detail = {{"source", source.path},
                             {"custodian", custodian.name},
                             {"files", stats->files},
                             {"files_skipped", stats->files_skipped},
                             {"items", sink.items()},
                             {"exceptions", sink.exceptions()},
                             {"removed_unfinished", source_report.removed_unfinished}};
    BATES_RETURN_IF_ERROR(parts.Audit("add", detail.dump()));
    BATES_RETURN_IF_ERROR(parts.store->Commit());

    report.items += source_report.items;
    report.exceptions += source_report.exceptions;
    report.bytes += source_report.bytes;
    report.sources.push_back(std::move(source_report));
  }
  ResetTempDir(parts.temp_dir()).IgnoreError();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace bates::engine
