#include "index/index_writer.h"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <limits>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "core/file.h"
#include "core/text.h"
#include "index/schema.h"
#include "index/xapian_internal.h"
#include "model/item.h"

namespace bates::index {

struct PreparedDocument::Rep {
  int64_t id = 0;
  Xapian::Document document;
  // Estimated memory of `document`, and of the postings it becomes until a commit.
  uint64_t bytes = 0;
  // A Xapian error met while preparing, reported by Add (Prepare itself cannot fail).
  std::string error;
};

PreparedDocument::PreparedDocument(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
PreparedDocument::PreparedDocument(PreparedDocument&&) noexcept = default;
PreparedDocument& PreparedDocument::operator=(PreparedDocument&&) noexcept = default;
PreparedDocument::~PreparedDocument() = default;
std::unique_ptr<PreparedDocument::Rep> PreparedDocument::Release() { return std::move(rep_); }
uint64_t PreparedDocument::bytes() const { return rep_ ? rep_->bytes : 0; }

namespace {

// The Xapian stub file that makes the shards one database.
constexpr const char* kStubFile = "XAPIANDB";

void AddWholeTerm(Xapian::Document& document, std::string_view prefix, std::string_view value) {
  if (value.empty()) return;
  std::string term(prefix);
  term += value;
  // Glass refuses longer terms and would fail the whole document; the words still index it.
  if (term.size() > schema::kMaxTermBytes) return;
  document.add_term(term);
}

void IndexAddresses(Xapian::TermGenerator& generator, Xapian::Document& document,
                    std::string_view prefix, const std::vector<model::Address>& addresses) {
  std::string prefix_string(prefix);
  for (const model::Address& address : addresses) {
    for (const std::string& term : schema::AddressTerms(address.address)) {
      AddWholeTerm(document, prefix, term);
    }
    generator.index_text(schema::Fold(address.name), 1, prefix_string);
    // Keeps a phrase from running from one person's name into the next.
    generator.increase_termpos();
  }
}

void IndexTypes(Xapian::Document& document, const IndexDocument& input) {
  std::string mime = schema::Lower(input.mime_type);
  size_t semicolon = mime.find(';');
  if (semicolon != std::string::npos) mime.resize(semicolon);
  while (!mime.empty() && mime.back() == ' ') mime.pop_back();
  std::string_view prefix = schema::kPrefixType;
  AddWholeTerm(document, prefix, mime);
  size_t slash = mime.find('/');
  if (slash != std::string::npos) {
    AddWholeTerm(document, prefix, mime.substr(0, slash));
    AddWholeTerm(document, prefix, mime.substr(slash + 1));
  }
  AddWholeTerm(document, prefix, schema::TypeFamily(mime));
  AddWholeTerm(document, prefix, model::ItemKindName(input.kind));
}

void SetDate(Xapian::Document& document, unsigned slot, const std::optional<int64_t>& utc) {
  if (utc) document.add_value(slot, internal::SerialiseInt(*utc));
}

Xapian::TermGenerator& Generator() {
  // TermGenerator is not thread-safe and the stemmer is costly to build: one per thread.
  thread_local Xapian::TermGenerator generator = [] {
    Xapian::TermGenerator g;
    g.set_stemmer(Xapian::Stem(internal::kStemmerLanguage));
    g.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    return g;
  }();
  return generator;
}

// Measured on email (glibc, Xapian 1.4): a prepared document takes about 125 bytes per distinct
// term and a few per position; once added, Xapian buffers less than that until a commit.
constexpr uint64_t kBytesPerTerm = 128;
constexpr uint64_t kBytesPerPosition = 8;

uint64_t EstimateBytes(const Xapian::Document& document, Xapian::termpos positions) {
  return sizeof(PreparedDocument::Rep) + document.termlist_count() * kBytesPerTerm +
         uint64_t{positions} * kBytesPerPosition + document.get_data().size();
}

void Fill(Xapian::TermGenerator& generator, Xapian::Document& document,
          const IndexDocument& input) {
  generator.set_document(document);
  generator.set_termpos(0);

  generator.index_text(schema::Fold(input.text));
  for (const std::string& address : schema::FindAddresses(input.text)) {
    AddWholeTerm(document, schema::kPrefixBody, address);
  }

  std::string subject_prefix(schema::kPrefixSubject);
  generator.increase_termpos();
  generator.index_text(schema::Fold(input.subject), 1, subject_prefix);
  for (const std::string& address : schema::FindAddresses(input.subject)) {
    AddWholeTerm(document, subject_prefix, address);
  }

  IndexAddresses(generator, document, schema::kPrefixFrom, input.from);
  IndexAddresses(generator, document, schema::kPrefixTo, input.to);
  IndexAddresses(generator, document, schema::kPrefixCc, input.cc);
  IndexAddresses(generator, document, schema::kPrefixBcc, input.bcc);

  std::string custodian(TrimAscii(input.custodian));
  AddWholeTerm(document, schema::kPrefixCustodian, schema::Lower(custodian));
  generator.index_text(schema::Fold(custodian), 1, std::string(schema::kPrefixCustodian));

  std::string file_name(TrimAscii(input.file_name));
  AddWholeTerm(document, schema::kPrefixFileName, schema::Lower(file_name));
  generator.index_text(schema::Fold(schema::FileNameText(file_name)), 1,
                       std::string(schema::kPrefixFileName));

  IndexTypes(document, input);

  document.add_boolean_term(internal::IdTerm(input.id));
  document.set_data(std::to_string(input.id));

  SetDate(document, schema::kSortDateSlot, input.sort_date);
  SetDate(document, schema::kSentSlot, input.sent);
  SetDate(document, schema::kCreatedSlot, input.created);
  SetDate(document, schema::kModifiedSlot, input.modified);
  document.add_value(schema::kSizeSlot,
                     Xapian::sortable_serialise(static_cast<double>(input.size)));
  document.add_value(schema::kIdSlot, internal::SerialiseInt(input.id));
  document.add_value(schema::kFamilyIdSlot, internal::SerialiseInt(input.family_id));
}

// What a shard thread is asked to do; its queue holds tasks in the order the writer was called.
struct Task {
  enum class Kind { kAdd, kDelete, kDeleteAbove, kCommit, kCount, kFilterTerms };
  // Filled in by the shard thread for a caller that waits.
  struct Reply {
    bool done = false;
    Status status;
    uint64_t count = 0;
  };

  Kind kind = Kind::kAdd;
  int64_t id = 0;           // item id (kAdd, kDelete; kDeleteAbove of a legacy index)
  Xapian::docid docid = 0;  // shard docid (kAdd, kDelete); kDeleteAbove: the last one to keep
  std::unique_ptr<PreparedDocument::Rep> document;  // kAdd
  std::vector<std::string> terms;                   // kFilterTerms
  uint64_t bytes = 0;                               // estimated memory of `document`
  Reply* reply = nullptr;                           // kCommit, kCount
};

// The writer's first failure, shared by its shards: once one shard has failed, Xapian has dropped
// that shard's uncommitted changes, so no shard may do or commit anything more (the store would
// record items the index lost).
class Failure {
 public:
  bool failed() const { return failed_.load(std::memory_order_acquire); }
  Status Get() const {
    if (!failed()) return Status::Ok();
    std::lock_guard<std::mutex> lock(mu_);
    return status_;
  }
  void Set(const Status& status) {
    std::lock_guard<std::mutex> lock(mu_);
    if (failed_.load(std::memory_order_relaxed)) return;
    status_ = status;
    failed_.store(true, std::memory_order_release);
  }

 private:
  mutable std::mutex mu_;
  Status status_;
  std::atomic<bool> failed_{false};
};

// One glass database and the thread that alone uses it.
class Shard {
 public:
  Shard(std::string name, Xapian::WritableDatabase db, bool legacy, uint64_t queue_bytes,
        uint64_t flush_bytes, Failure& failure)
      : name_(std::move(name)),
        db_(std::move(db)),
        legacy_(legacy),
        queue_bytes_(std::max<uint64_t>(1, queue_bytes)),
        flush_bytes_(flush_bytes),
        failure_(failure),
        thread_([this] { Run(); }) {}

  Shard(const Shard&) = delete;
  Shard& operator=(const Shard&) = delete;

  // Lets the thread finish what is queued, then joins it.
  ~Shard() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    work_.notify_one();
    thread_.join();
  }

  // Queues `task`, waiting while the queue is full. Returns the writer's failure, if any.
  Status Push(Task task) {
    std::unique_lock<std::mutex> lock(mu_);
    space_.wait(lock, [this] {
      return failure_.failed() || (queued_bytes_ < queue_bytes_ && queue_.size() < kMaxQueuedTasks);
    });
    if (failure_.failed()) return failure_.Get();
    queued_bytes_ += task.bytes;
    queue_.push_back(std::move(task));
    lock.unlock();
    work_.notify_one();
    return Status::Ok();
  }

  // Waits until the thread has done the task `reply` belongs to.
  Status Wait(Task::Reply& reply) {
    std::unique_lock<std::mutex> lock(mu_);
    replied_.wait(lock, [&reply] { return reply.done; });
    return reply.status;
  }

 private:
  // Bounds the queue when documents are tiny (the byte estimate alone would let it grow long).
  static constexpr size_t kMaxQueuedTasks = 4096;
  // What rewriting a document for its filter terms is taken to buffer until a commit: Xapian
  // rewrites the changed postings and the termlist, about a small document's worth.
  static constexpr uint64_t kFilterUpdateBytes = 4096;

  void Run() {
    for (;;) {
      Task task;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and everything queued is done
        task = std::move(queue_.front());
        queue_.pop_front();
        queued_bytes_ -= task.bytes;
      }
      space_.notify_one();
      Status status = failure_.Get();
      if (status.ok()) status = Execute(task);
      if (!status.ok()) failure_.Set(status);
      task.document.reset();  // outside the lock: freeing a document takes a while
      if (task.reply != nullptr) {
        {
          std::lock_guard<std::mutex> lock(mu_);
          task.reply->status = failure_.Get();
          task.reply->done = true;
        }
        replied_.notify_all();
      }
    }
  }

  Status Execute(Task& task) {
    try {
      switch (task.kind) {
        case Task::Kind::kAdd:
          if (legacy_) {
            db_.replace_document(internal::IdTerm(task.id), task.document->document);
          } else {
            // Above the shard's last docid this is a plain add, with no lookup of the id term.
            db_.replace_document(task.docid, task.document->document);
          }
          pending_bytes_ += task.bytes;
          if (pending_bytes_ >= flush_bytes_) {
            // Xapian holds the postings of every document since the last commit in memory (its
            // own threshold counts documents, whatever their size); committing also keeps its
            // in-memory maps small, which makes adding faster.
            db_.commit();
            pending_bytes_ = 0;
          }
          return Status::Ok();
        case Task::Kind::kDelete:
          if (legacy_) {
            db_.delete_document(internal::IdTerm(task.id));
            return Status::Ok();
          }
          try {
            db_.delete_document(task.docid);
          } catch (const Xapian::DocNotFoundError&) {
            // Nothing to delete, as when no document has an id term.
          }
          return Status::Ok();
        case Task::Kind::kDeleteAbove:
          DeleteAbove(task);
          return Status::Ok();
        case Task::Kind::kCommit:
          db_.commit();
          pending_bytes_ = 0;
          return Status::Ok();
        case Task::Kind::kCount:
          task.reply->count = db_.get_doccount();
          return Status::Ok();
        case Task::Kind::kFilterTerms:
          ReplaceFilterTerms(task);
          return Status::Ok();
      }
      return InternalError("{}: unknown task", name_);
    } catch (const Xapian::Error& e) {
      return internal::StatusFromXapian(e, Describe(task));
    } catch (const std::exception& e) {
      return InternalError("{}: {}", Describe(task), e.what());
    }
  }

  void ReplaceFilterTerms(const Task& task) {
    Xapian::docid docid = task.docid;
    if (legacy_) {
      Xapian::PostingIterator it = db_.postlist_begin(internal::IdTerm(task.id));
      if (it == db_.postlist_end(internal::IdTerm(task.id))) return;
      docid = *it;
    }
    Xapian::Document document;
    try {
      document = db_.get_document(docid);
    } catch (const Xapian::DocNotFoundError&) {
      return;  // not indexed: nothing to mark
    }
    std::vector<std::string> old;
    for (std::string_view prefix : schema::kFilterPrefixes) {
      Xapian::TermIterator it = document.termlist_begin();
      it.skip_to(std::string(prefix));
      for (; it != document.termlist_end() && (*it).compare(0, prefix.size(), prefix) == 0; ++it) {
        old.push_back(*it);
      }
    }
    std::vector<std::string> fresh = task.terms;
    std::sort(old.begin(), old.end());
    std::sort(fresh.begin(), fresh.end());
    if (old == fresh) return;  // rewriting a document costs; most stay as they were
    for (const std::string& term : old) document.remove_term(term);
    for (const std::string& term : fresh) document.add_boolean_term(term);
    db_.replace_document(docid, document);
    pending_bytes_ += kFilterUpdateBytes;
    if (pending_bytes_ >= flush_bytes_) {
      db_.commit();
      pending_bytes_ = 0;
    }
  }

  void DeleteAbove(const Task& task) {
    // Collect first: deleting while a posting list or value stream is open would invalidate it.
    std::vector<Xapian::docid> doomed;
    if (legacy_) {
      // An index made before sharding numbered documents in the order they came, and a re-run
      // after a crash gave an id a new docid: only the id values say which ids are there.
      for (auto it = db_.valuestream_begin(schema::kIdSlot);
           it != db_.valuestream_end(schema::kIdSlot); ++it) {
        if (Xapian::sortable_unserialise(*it) > static_cast<double>(task.id)) {
          doomed.push_back(it.get_docid());
        }
      }
    } else if (db_.get_lastdocid() > task.docid) {
      Xapian::PostingIterator it = db_.postlist_begin("");
      it.skip_to(task.docid + 1);
      for (; it != db_.postlist_end(""); ++it) doomed.push_back(*it);
    }
    for (Xapian::docid docid : doomed) db_.delete_document(docid);
  }

  std::string Describe(const Task& task) const {
    switch (task.kind) {
      case Task::Kind::kAdd:
        return fmt::format("indexing {} in {}", model::FormatItemId(task.id), name_);
      case Task::Kind::kDelete:
        return fmt::format("deleting {} from {}", model::FormatItemId(task.id), name_);
      case Task::Kind::kDeleteAbove:
        return fmt::format("deleting entries above {} from {}", model::FormatItemId(task.id),
                           name_);
      case Task::Kind::kCommit:
        return "committing " + name_;
      case Task::Kind::kCount:
        return "counting " + name_;
      case Task::Kind::kFilterTerms:
        return fmt::format("marking {} in {}", model::FormatItemId(task.id), name_);
    }
    return name_;
  }

  const std::string name_;       // the shard's path, for messages
  Xapian::WritableDatabase db_;  // used by thread_ alone once it runs
  const bool legacy_;
  const uint64_t queue_bytes_;
  const uint64_t flush_bytes_;
  Failure& failure_;
  uint64_t pending_bytes_ = 0;  // thread_ only: estimated bytes added since the last commit

  std::mutex mu_;
  std::condition_variable work_;     // the queue has a task, or stopping_
  std::condition_variable space_;    // the queue has room
  std::condition_variable replied_;  // a Reply is done
  std::deque<Task> queue_;
  uint64_t queued_bytes_ = 0;
  bool stopping_ = false;

  std::thread thread_;  // last: it starts once every member above exists
};

class ShardedIndexWriter final : public IndexWriter {
 public:
  ShardedIndexWriter(std::unique_ptr<Failure> failure, std::vector<std::unique_ptr<Shard>> shards)
      : failure_(std::move(failure)), shards_(std::move(shards)) {}

  Status Add(PreparedDocument document) override {
    std::unique_ptr<PreparedDocument::Rep> rep = document.Release();
    if (rep == nullptr) return InternalError("indexing a document that was already added");
    if (!rep->error.empty()) {
      return InternalError("indexing {}: {}", model::FormatItemId(rep->id), rep->error);
    }
    if (rep->id < 1) return InvalidArgumentError("indexing item id {}: ids start at 1", rep->id);
    if (rep->id > kMaxId) {
      return ResourceExhaustedError("indexing {}: the index holds ids up to {}",
                                    model::FormatItemId(rep->id), kMaxId);
    }
    Task task;
    task.kind = Task::Kind::kAdd;
    task.id = rep->id;
    task.bytes = rep->bytes;
    task.document = std::move(rep);
    return Route(task).Push(std::move(task));
  }

  Status Delete(int64_t id) override {
    if (id < 1 || id > kMaxId) return failure_->Get();  // no entry can have it
    Task task;
    task.kind = Task::Kind::kDelete;
    task.id = id;
    return Route(task).Push(std::move(task));
  }

  Status ReplaceFilterTerms(int64_t id, std::vector<std::string> terms) override {
    if (id < 1 || id > kMaxId) return failure_->Get();  // no entry can have it
    for (const std::string& term : terms) {
      bool owned = false;
      for (std::string_view prefix : schema::kFilterPrefixes) {
        owned = owned || term.compare(0, prefix.size(), prefix) == 0;
      }
      if (!owned || term.size() > schema::kMaxTermBytes) {
        return InvalidArgumentError("'{}' is not an analytics filter term", term);
      }
    }
    Task task;
    task.kind = Task::Kind::kFilterTerms;
    task.id = id;
    task.terms = std::move(terms);
    return Route(task).Push(std::move(task));
  }

  Status DeleteAbove(int64_t id) override {
    const int64_t n = static_cast<int64_t>(shards_.size());
    const int64_t bound = std::clamp<int64_t>(id, 0, kMaxId);
    for (int64_t s = 0; s < n; ++s) {
      Task task;
      task.kind = Task::Kind::kDeleteAbove;
      task.id = id;
      // The ids up to `bound` in shard s are s+1, s+1+n, ...: (bound+n-1-s)/n of them, which
      // is also right (none) when bound <= s.
      task.docid = static_cast<Xapian::docid>((bound + n - 1 - s) / n);
      BATES_RETURN_IF_ERROR(shards_[static_cast<size_t>(s)]->Push(std::move(task)));
    }
    return Status::Ok();
  }

  Status Commit() override {
    // Queued to every shard before waiting on any, so the commits and their fsyncs overlap.
    std::vector<Task::Reply> replies(shards_.size());
    BATES_RETURN_IF_ERROR(CallAll(Task::Kind::kCommit, replies));
    return failure_->Get();
  }

  Result<uint64_t> DocumentCount() override {
    std::vector<Task::Reply> replies(shards_.size());
    BATES_RETURN_IF_ERROR(CallAll(Task::Kind::kCount, replies));
    BATES_RETURN_IF_ERROR(failure_->Get());
    uint64_t total = 0;
    for (const Task::Reply& reply : replies) total += reply.count;
    return total;
  }

  uint32_t shards() const override { return static_cast<uint32_t>(shards_.size()); }

 private:
  // Combined docids are 32-bit, and equal item ids.
  static constexpr int64_t kMaxId = std::numeric_limits<Xapian::docid>::max();

  // Picks the shard of task.id and sets task.docid.
  Shard& Route(Task& task) {
    const int64_t n = static_cast<int64_t>(shards_.size());
    task.docid = static_cast<Xapian::docid>((task.id - 1) / n + 1);
    return *shards_[static_cast<size_t>((task.id - 1) % n)];
  }

  // Gives every shard a task of `kind` and waits for all that were queued.
  Status CallAll(Task::Kind kind, std::vector<Task::Reply>& replies) {
    Status first;
    size_t queued = 0;
    for (; queued < shards_.size(); ++queued) {
      Task task;
      task.kind = kind;
      task.reply = &replies[queued];
      first = shards_[queued]->Push(std::move(task));
      if (!first.ok()) break;
    }
    for (size_t s = 0; s < queued; ++s) {
      Status done = shards_[s]->Wait(replies[s]);
      if (first.ok()) first = done;
    }
    return first;
  }

  std::unique_ptr<Failure> failure_;
  // After failure_, so they are destroyed first; destroying a Shard waits for its queue.
  std::vector<std::unique_ptr<Shard>> shards_;
};

// How an index folder is laid out.
struct Layout {
  uint32_t shards = 0;  // 0: no index there yet
  bool legacy = false;  // one glass database in the folder itself (made before sharding)
};

std::string ShardName(uint32_t shard) { return "shard-" + std::to_string(shard); }

std::string StubText(uint32_t shards) {
  std::string text = fmt::format(
      "# bates index: {} glass shards; item id i is document (i-1)/{}+1 of shard-((i-1)%{}).\n",
      shards, shards, shards);
  for (uint32_t s = 0; s < shards; ++s) text += "auto " + ShardName(s) + "\n";
  return text;
}

Result<Layout> ReadLayout(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::path stub = dir / kStubFile;
  if (std::filesystem::exists(stub, ec)) {
    BATES_ASSIGN_OR_RETURN(std::string text, ReadFile(stub, 1 << 20));
    Layout layout;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string_view line(text.data() + start, end - start);
      start = end + 1;
      if (line.empty() || line.front() == '#') continue;
      if (line != "auto " + ShardName(layout.shards)) {
        return CorruptError("{}: expected 'auto {}', found '{}'", stub.string(),
                            ShardName(layout.shards), line);
      }
      if (++layout.shards > kMaxShards) {
        return CorruptError("{}: more than {} shards", stub.string(), kMaxShards);
      }
    }
    if (layout.shards == 0) return CorruptError("{} names no shard", stub.string());
    return layout;
  }
  if (std::filesystem::exists(dir / "iamglass", ec)) return Layout{1, true};
  return Layout{};
}

Result<std::unique_ptr<IndexWriter>> OpenLayout(const std::filesystem::path& dir,
                                                const Layout& layout, bool create,
                                                const IndexWriterOptions& options) {
  const uint64_t flush_bytes = std::max<uint64_t>(1, options.flush_bytes / layout.shards);
  const int action =
      (create ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN) | Xapian::DB_BACKEND_GLASS;
  auto failure = std::make_unique<Failure>();
  std::vector<std::unique_ptr<Shard>> shards;
  try {
    for (uint32_t s = 0; s < layout.shards; ++s) {
      std::filesystem::path path = layout.legacy ? dir : dir / ShardName(s);
      Xapian::WritableDatabase db(path.string(), action);
      if (create) db.commit();
      shards.push_back(std::make_unique<Shard>(path.string(), std::move(db), layout.legacy,
                                               options.queue_bytes, flush_bytes, *failure));
    }
  } catch (const Xapian::Error& e) {
    return internal::StatusFromXapian(e, "opening index at " + dir.string() + " for writing");
  }
  // The stub comes last: until it exists the folder holds no index, and a retry starts over.
  if (create) BATES_RETURN_IF_ERROR(WriteFileAtomic(dir / kStubFile, StubText(layout.shards)));
  return std::unique_ptr<IndexWriter>(
      new ShardedIndexWriter(std::move(failure), std::move(shards)));
}

Result<std::unique_ptr<IndexWriter>> OpenOrCreate(const std::filesystem::path& dir,
                                                  const IndexWriterOptions& options,
                                                  bool must_create) {
  if (options.shards < 1 || options.shards > kMaxShards) {
    return InvalidArgumentError("an index has 1 to {} shards, not {}", kMaxShards, options.shards);
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("creating index folder {}: {}", dir.string(), ec.message());
  BATES_ASSIGN_OR_RETURN(Layout layout, ReadLayout(dir));
  if (layout.shards == 0) {
    layout.shards = options.shards;
    return OpenLayout(dir, layout, true, options);
  }
  if (must_create) return AlreadyExistsError("{} already holds an index", dir.string());
  return OpenLayout(dir, layout, false, options);
}

}  // namespace

PreparedDocument Prepare(const IndexDocument& document) {
  auto rep = std::make_unique<PreparedDocument::Rep>();
  rep->id = document.id;
  Xapian::TermGenerator& generator = Generator();
  try {
    Fill(generator, rep->document, document);
    rep->bytes = EstimateBytes(rep->document, generator.get_termpos());
  } catch (const Xapian::Error& e) {
    rep->error = e.get_description();
  }
  // The generator keeps a handle on the last document it filled, and Xapian's reference counts
  // are not atomic: the handle must be gone before a shard thread takes the document.
  generator.set_document(Xapian::Document());
  return PreparedDocument(std::move(rep));
}

void SetIdentity(PreparedDocument& document, int64_t id, int64_t family_id,
                 std::optional<int64_t> sort_date) {
  PreparedDocument::Rep& rep = document.rep();
  try {
    rep.document.remove_term(internal::IdTerm(rep.id));
    rep.document.add_boolean_term(internal::IdTerm(id));
    rep.document.set_data(std::to_string(id));
    rep.document.add_value(schema::kIdSlot, internal::SerialiseInt(id));
    rep.document.add_value(schema::kFamilyIdSlot, internal::SerialiseInt(family_id));
    if (sort_date) {
      rep.document.add_value(schema::kSortDateSlot, internal::SerialiseInt(*sort_date));
    } else {
      // An empty value removes the slot; remove_value() would throw when it is absent.
      rep.document.add_value(schema::kSortDateSlot, std::string());
    }
    rep.id = id;
  } catch (const Xapian::Error& e) {
    rep.id = id;
    rep.error = e.get_description();
  }
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::Create(const std::filesystem::path& dir,
                                                         const IndexWriterOptions& options) {
  return OpenOrCreate(dir, options, true);
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::filesystem::path& dir,
                                                       const IndexWriterOptions& options) {
  return OpenOrCreate(dir, options, false);
}

}  // namespace bates::index
