// CaseStore: the case store — matter, custodians, sources, items with their families and
// metadata, collection progress, settings and the audit log. Every stage reads what the stage
// before it wrote here and writes its own results back.
//
// The interface is the contract; SQLite (WAL, the default, in case/bates.db) implements it now,
// PostgreSQL later for shared matters. Schema changes are numbered migrations in schema/, applied
// in order on open and recorded in the database, so an old case opens with a new bates.
//
// Writes are grouped in transactions (Begin/Commit): a stage commits its work in batches, and a
// killed run leaves the case as it was at the last commit.
//
// Thread safety: one CaseStore per thread. Several processes may open the same SQLite case; writes
// are serialised by the database.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/item.h"
#include "store/analytics_store.h"
#include "store/demand_store.h"
#include "store/production_store.h"
#include "store/review_store.h"
#include "store/searches_store.h"
#include "store/tar_store.h"
#include "store/user_store.h"

namespace bates::store {

struct Matter {
  std::string name;
  std::string time_zone = "UTC";  // IANA name
  int64_t created_at = 0;         // unix seconds
};

struct Custodian {
  int64_t id = 0;
  std::string name;
};

struct Source {
  int64_t id = 0;
  std::string path;  // absolute path as collected
  int64_t custodian_id = 0;
  std::string custodian;  // the custodian's name (filled on read)
  bool is_folder = false;
  int64_t added_at = 0;   // unix seconds of the first collection
  bool complete = false;  // every file of the last walk was collected
};

// One item as stored. Metadata lives in `meta`; text and natives in the blob store.
struct Item {
  model::ItemId id = 0;
  int64_t source_id = 0;
  std::optional<model::ItemId> parent_id;
  model::ItemId family_id = 0;  // the family head (itself for a head; a container heads nothing
                                // and is its own family id)
  model::ItemId top_id = 0;     // the collected file it came from
  model::ItemKind kind = model::ItemKind::kFile;
  std::string relative_path;  // the collected file's path relative to the source
  std::string inner_path;     // path inside the collected file ("" for the file itself)
  std::string name;           // file name or label
  std::string mime_type;
  std::string reader;
  uint64_t size = 0;
  std::string md5, sha1, sha256;
  std::string native_blob;  // sha256 key in the blob store ("" if not kept)
  std::string text_blob;    // key of the extracted text ("" if none)
  uint64_t text_bytes = 0;
  uint32_t flags = 0;
  model::ItemStatus status = model::ItemStatus::kProcessed;
  std::string exception_code;  // StatusCodeName, for an exception
  std::string exception_tool;
  std::string exception_message;
  std::optional<Timestamp> sort_date;
  model::Metadata meta;
};

// One source's line in the accounting.
struct SourceAccount {
  Source source;
  int64_t items = 0;
  int64_t processed = 0;
  int64_t exceptions = 0;
};

struct ExceptionRow {
  model::ItemId id = 0;
  std::string relative_path;
  std::string inner_path;
  std::string code;
  std::string tool;
  std::string message;
};

struct AuditEntry {
  int64_t id = 0;
  int64_t at = 0;  // unix seconds
  std::string actor;
  std::string action;
  std::string detail;  // JSON text
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // Opens (and with `create`, creates) the SQLite store at `db_path`, applying migrations.
  static Result<std::unique_ptr<CaseStore>> OpenSqlite(const std::filesystem::path& db_path,
                                                       bool create);

  // Transactions. Nested Begin is an error. A store destroyed inside a transaction rolls it back.
  // Rollback with no transaction open does nothing (a failed statement may already have ended it).
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Bulk loading, for collection: between BeginBulkLoad and EndBulkLoad the item indexes whose keys
  // are random (sha256, md5, message_id) are not kept — keeping them up to date costs more than all
  // the rest of InsertItem — and EndBulkLoad builds them again in one sorted pass. Queries stay
  // correct in between, only slower. Either may be called inside or outside a transaction; both
  // are idempotent. A run killed in between leaves the indexes missing (recorded in the store, so
  // nothing is forgotten) until the next EndBulkLoad: the engine calls it at the end of every
  // collection, interrupted or not, before anything that looks items up by hash.
  virtual Status BeginBulkLoad() { return Status::Ok(); }
  virtual Status EndBulkLoad() { return Status::Ok(); }

  // Matter (one per case).
  virtual Status CreateMatter(const Matter& matter) = 0;
  virtual Result<Matter> GetMatter() = 0;

  // Settings: matter-wide key/value (dedup scope, query defaults...).
  virtual Status SetSetting(const std::string& key, const std::string& value) = 0;
  virtual Result<std::optional<std::string>> GetSetting(const std::string& key) = 0;

  // Custodians and sources.
  virtual Result<Custodian> EnsureCustodian(const std::string& name) = 0;
  virtual Result<std::vector<Custodian>> ListCustodians() = 0;
  // The source with this path and custodian, created if new (`added_at` used only then).
  virtual Result<Source> EnsureSource(const std::string& path, int64_t custodian_id, bool is_folder,
                                      int64_t added_at) = 0;
  virtual Result<std::vector<Source>> ListSources() = 0;
  virtual Status SetSourceComplete(int64_t source_id, bool complete) = 0;

  // Collection progress: a collected file is done when all its items are stored.
  virtual Status MarkFileDone(int64_t source_id, const std::string& relative_path,
                              model::ItemId top_id) = 0;
  virtual Result<std::vector<std::string>> DoneFiles(int64_t source_id) = 0;
  // Removes items of files of this source that were started but not marked done (an interrupted
  // run). Returns the ids removed, in order (the engine removes them from the index too).
  virtual Result<std::vector<model::ItemId>> DeleteUnfinishedItems(int64_t source_id) = 0;

  // Items.
  virtual Result<model::ItemId> MaxItemId() = 0;
  virtual Status InsertItem(const Item& item) = 0;
  virtual Status SetItemException(model::ItemId id, const std::string& code,
                                  const std::string& tool, const std::string& message) = 0;
  virtual Result<Item> GetItem(model::ItemId id) = 0;  // NotFound if absent
  virtual Result<std::vector<Item>> GetItems(const std::vector<model::ItemId>& ids) = 0;
  virtual Result<std::vector<model::ItemId>> ChildIds(model::ItemId id) = 0;
  virtual Result<std::vector<model::ItemId>> FamilyIds(model::ItemId family_id) = 0;
  virtual Result<int64_t> CountItems() = 0;
  // Calls `fn` on every item with id in [first, last], in id order (for re-indexing and analytics).
  virtual Status ForEachItem(model::ItemId first, model::ItemId last,
                             const std::function<Status(const Item&)>& fn) = 0;

  // Accounting.
  virtual Result<std::vector<SourceAccount>> AccountBySource() = 0;
  virtual Result<std::vector<ExceptionRow>> ListExceptions() = 0;

  // The highest item id whose index entry is committed (see docs/ARCHITECTURE.md, "Commit order").
  virtual Result<model::ItemId> IndexedThrough() = 0;
  virtual Status SetIndexedThrough(model::ItemId id) = 0;

  // Audit log: append-only.
  virtual Status AppendAudit(int64_t at, const std::string& actor, const std::string& action,
                             const std::string& detail_json) = 0;
  virtual Result<std::vector<AuditEntry>> ListAudit() = 0;

  // Areas of the store owned by later stages (store/<area>_store.h), sharing this database and
  // its transactions.
  virtual SearchStore& searches() = 0;
  virtual AnalyticsStore& analytics() = 0;
  virtual TarStore& tar() = 0;
  virtual ReviewStore& review() = 0;
  virtual ProductionStore& production() = 0;
  virtual DemandStore& demand() = 0;
  virtual UserStore& users() = 0;  // web workspace accounts and sessions (issue 10)
};

}  // namespace bates::store
