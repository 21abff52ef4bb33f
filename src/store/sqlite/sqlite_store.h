// SqliteStore: the CaseStore on one SQLite database (case/bates.db), the default backend.
//
// The connection runs in WAL mode with synchronous=NORMAL (a commit survives a killed process; a
// power cut may lose the last commits but never corrupts), foreign keys on and a 10-second busy
// timeout, so several processes may open the same case and their writes wait for one another.
// Transactions begin IMMEDIATE: a writer takes the write lock at Begin, not half-way through.
// Opening applies the pending migrations of schema/ in order, each in its own transaction; the
// version applied is PRAGMA user_version.
//
// Ownership: the store owns its connection and its cached prepared statements; destroying it
// inside a transaction rolls the transaction back.
//
// Thread safety: none; one SqliteStore per thread (the connection is opened without SQLite's
// mutexes).
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <memory>

#include "store/case_store.h"
#include "store/sqlite/statement.h"

namespace bates::store::sqlite {

class SqliteStore final : public CaseStore {
 public:
  static Result<std::unique_ptr<SqliteStore>> Open(const std::filesystem::path& db_path,
                                                   bool create);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  // The schema version recorded in the database.
  Result<int> SchemaVersion();

  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  Status BeginBulkLoad() override;
  Status EndBulkLoad() override;

  Status CreateMatter(const Matter& matter) override;
  Result<Matter> GetMatter() override;

  Status SetSetting(const std::string& key, const std::string& value) override;
  Result<std::optional<std::string>> GetSetting(const std::string& key) override;

  Result<Custodian> EnsureCustodian(const std::string& name) override;
  Result<std::vector<Custodian>> ListCustodians() override;
  Result<Source> EnsureSource(const std::string& path, int64_t custodian_id, bool is_folder,
                              int64_t added_at) override;
  Result<std::vector<Source>> ListSources() override;
  Status SetSourceComplete(int64_t source_id, bool complete) override;

  Status MarkFileDone(int64_t source_id, const std::string& relative_path,
                      model::ItemId top_id) override;
  Result<std::vector<std::string>> DoneFiles(int64_t source_id) override;
  Result<std::vector<model::ItemId>> DeleteUnfinishedItems(int64_t source_id) override;

  Result<model::ItemId> MaxItemId() override;
  Status InsertItem(const Item& item) override;
  Status SetItemException(model::ItemId id, const std::string& code, const std::string& tool,
                          const std::string& message) override;
  Result<Item> GetItem(model::ItemId id) override;
  Result<std::vector<Item>> GetItems(const std::vector<model::ItemId>& ids) override;
  Result<std::vector<model::ItemId>> ChildIds(model::ItemId id) override;
  Result<std::vector<model::ItemId>> FamilyIds(model::ItemId family_id) override;
  Result<int64_t> CountItems() override;
  Status ForEachItem(model::ItemId first, model::ItemId last,
                     const std::function<Status(const Item&)>& fn) override;

  Result<std::vector<SourceAccount>> AccountBySource() override;
  Result<std::vector<ExceptionRow>> ListExceptions() override;

  Result<model::ItemId> IndexedThrough() override;
  Status SetIndexedThrough(model::ItemId id) override;

  Status AppendAudit(int64_t at, const std::string& actor, const std::string& action,
                     const std::string& detail_json) override;
  Result<std::vector<AuditEntry>> ListAudit() override;

  SearchStore& searches() override;
  AnalyticsStore& analytics() override;
  TarStore& tar() override;
  ReviewStore& review() override;
  ProductionStore& production() override;
  DemandStore& demand() override;
  UserStore& users() override;

  // For the area stores in this folder (sqlite_<area>_store.cc), which share this connection.
  sqlite3* db() const { return db_; }
  StatementCache& statements() { return statements_; }
  Status Exec(const char* sql, std::string_view context);
  // Runs `fn` inside a savepoint: one atomic step whether or not a transaction is open.
  Status InSavepoint(const char* name, const std::function<Status()>& fn);

 private:
  explicit SqliteStore(sqlite3* db) : db_(db), statements_(db) {}

  Status Configure();
  Status Migrate();
  Result<Source> SourceById(int64_t id);
  Result<std::vector<model::ItemId>> IdList(std::string_view sql, int64_t arg);

  sqlite3* db_;
  StatementCache statements_;
  std::unique_ptr<SearchStore> searches_;
  std::unique_ptr<AnalyticsStore> analytics_;
  std::unique_ptr<TarStore> tar_;
  std::unique_ptr<ReviewStore> review_;
  std::unique_ptr<ProductionStore> production_;
  std::unique_ptr<DemandStore> demand_;
  std::unique_ptr<UserStore> users_;
};

}  // namespace bates::store::sqlite
