// What only the SQLite backend promises: migrations recorded in the file, crash safety of an
// uncommitted transaction in a killed process, the schema's own guards, error mapping.
#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "store/schema.h"
#include "store/store_test_util.h"

namespace bates::store::sqlite {
namespace {

using testing::MakeFullItem;
using testing::MakeItem;
using testing::TempDir;

// A raw connection, to look at and tamper with the file behind the store's back.
class RawDb {
 public:
  explicit RawDb(const std::filesystem::path& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    sqlite3_busy_timeout(db_, 10'000);
  }
  ~RawDb() { sqlite3_close(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  int Exec(const std::string& sql) {
    return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  }
  std::string Query(const std::string& sql) {
    std::string out;
    sqlite3_exec(
        db_, sql.c_str(),
        [](void* arg, int n, char** values, char**) {
          auto* s = static_cast<std::string*>(arg);
          for (int i = 0; i < n; ++i) {
            if (!s->empty()) s->push_back('|');
            s->append(values[i] != nullptr ? values[i] : "NULL");
          }
          return 0;
        },
        &out, nullptr);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

std::unique_ptr<SqliteStore> MustOpen(const std::filesystem::path& path) {
  auto store = SqliteStore::Open(path, /*create=*/true);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

int64_t MustSource(CaseStore& store) {
  auto custodian = store.EnsureCustodian("Ramos");
  auto source = store.EnsureSource("/collect/ramos", custodian->id, true, 1);
  EXPECT_TRUE(source.ok()) << source.status().ToString();
  return source->id;
}

TEST(SqliteStoreTest, MigrationsAreAppliedOnceAndRecorded) {
  TempDir dir("sqlite-store-test");
  auto path = dir.path() / "bates.db";
  ASSERT_FALSE(Migrations().empty());
  const int latest = Migrations().back().version;
  {
    auto store = MustOpen(path);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(*store->SchemaVersion(), latest);
    ASSERT_TRUE(store->SetSetting("kept", "yes").ok());
  }
  {
    RawDb raw(path);
    EXPECT_EQ(raw.Query("PRAGMA journal_mode"), "wal");
    EXPECT_EQ(raw.Query("PRAGMA user_version"), std::to_string(latest));
    // A marker a re-applied migration would trip over (CREATE TABLE of an existing table) or wipe.
    EXPECT_EQ(raw.Query("SELECT count(*) FROM sqlite_schema WHERE name = 'item'"), "1");
  }
  for (int i = 0; i < 2; ++i) {
    auto store = SqliteStore::Open(path, /*create=*/false);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ(*(*store)->SchemaVersion(), latest);
    EXPECT_EQ((*store)->GetSetting("kept")->value_or(""), "yes");
  }
}

TEST(SqliteStoreTest, OpeningWithoutCreateNeedsAnExistingCase) {
  TempDir dir("sqlite-store-test");
  auto store = SqliteStore::Open(dir.path() / "missing.db", /*create=*/false);
  EXPECT_EQ(store.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "missing.db"));
}

TEST(SqliteStoreTest, ANewerSchemaIsRefused) {
  TempDir dir("sqlite-store-test");
  auto path = dir.path() / "bates.db";
  ASSERT_NE(MustOpen(path), nullptr);
  {
    RawDb raw(path);
    ASSERT_EQ(raw.Exec("PRAGMA user_version = 9999"), SQLITE_OK);
  }
  auto store = SqliteStore::Open(path, /*create=*/false);
  EXPECT_EQ(store.status().code(), StatusCode::kUnsupportedFormat);
}

TEST(SqliteStoreTest, AFileThatIsNotADatabaseIsCorrupt) {
  TempDir dir("sqlite-store-test");
  auto path = dir.path() / "bates.db";
  std::ofstream(path) << std::string(8192, 'x');
  auto store = SqliteStore::Open(path, /*create=*/false);
  EXPECT_EQ(store.status().code(), StatusCode::kCorrupt) << store.status().ToString();
}

// A process that dies inside a transaction, by _exit or by SIGKILL, leaves the last commit intact
// and nothing of the uncommitted work, and the case opens cleanly afterwards.
TEST(SqliteStoreTest, AKilledWriterLeavesOnlyItsCommits) {
  for (bool sigkill : {false, true}) {
    SCOPED_TRACE(sigkill ? "SIGKILL" : "_exit");
    TempDir dir("sqlite-store-test");
    auto path = dir.path() / "bates.db";
    int64_t source = 0;
    {
      auto store = MustOpen(path);
      ASSERT_NE(store, nullptr);
      source = MustSource(*store);
    }
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      // The child: no gtest assertions here; the exit status tells the parent how far it got.
      auto opened = SqliteStore::Open(path, /*create=*/false);
      if (!opened.ok()) ::_exit(10);
      auto& store = **opened;
      if (!store.Begin().ok()) ::_exit(11);
      for (model::ItemId id = 1; id <= 100; ++id) {
        if (!store.InsertItem(MakeFullItem(id, source)).ok()) ::_exit(12);
      }
      if (!store.MarkFileDone(source, "committed", 1).ok() || !store.Commit().ok()) ::_exit(13);
      if (!store.Begin().ok()) ::_exit(14);
      // Enough to overflow the page cache, so uncommitted pages reach the WAL file.
      std::string padding(4000, 'p');
      for (model::ItemId id = 101; id <= 30'000; ++id) {
        Item item = MakeFullItem(id, source);
        item.exception_message = padding;
        if (!store.InsertItem(item).ok()) ::_exit(15);
      }
      if (!store.MarkFileDone(source, "uncommitted", 101).ok()) ::_exit(16);
      if (sigkill) ::kill(::getpid(), SIGKILL);
      ::_exit(0);
    }
    int wstatus = 0;
    ASSERT_EQ(::waitpid(pid, &wstatus, 0), pid);
    if (sigkill) {
      ASSERT_TRUE(WIFSIGNALED(wstatus)) << "child exit " << WEXITSTATUS(wstatus);
      EXPECT_EQ(WTERMSIG(wstatus), SIGKILL);
    } else {
      ASSERT_TRUE(WIFEXITED(wstatus));
      ASSERT_EQ(WEXITSTATUS(wstatus), 0);
    }
    EXPECT_GT(std::filesystem::file_size(path.string() + "-wal"), uint64_t{8} << 20)
        << "the uncommitted transaction never reached the WAL; the test proves less than it says";

    auto store = MustOpen(path);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(*store->CountItems(), 100);
    EXPECT_EQ(*store->MaxItemId(), 100);
    EXPECT_EQ(store->GetItem(101).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(*store->DoneFiles(source), std::vector<std::string>{"committed"});
    {
      RawDb raw(path);
      EXPECT_EQ(raw.Query("PRAGMA integrity_check"), "ok");
      EXPECT_EQ(raw.Query("PRAGMA foreign_key_check"), "");
    }
    ASSERT_TRUE(store->Begin().ok());
    ASSERT_TRUE(store->InsertItem(MakeFullItem(101, source)).ok());
    ASSERT_TRUE(store->Commit().ok());
    EXPECT_EQ(*store->CountItems(), 101);
  }
}

TEST(SqliteStoreTest, DeleteUnfinishedItemsDropsNotDoneFileRows) {
  TempDir dir("sqlite-store-test");
  auto path = dir.path() / "bates.db";
  auto store = MustOpen(path);
  ASSERT_NE(store, nullptr);
  int64_t source = MustSource(*store);
  ASSERT_TRUE(store->InsertItem(MakeItem(1, source, 1, "started.txt")).ok());
  ASSERT_TRUE(store->InsertItem(MakeItem(2, source, 2, "done.txt")).ok());
  ASSERT_TRUE(store->MarkFileDone(source, "done.txt", 2).ok());
  {
    RawDb raw(path);
    ASSERT_EQ(raw.Exec(fmt::format("INSERT INTO collected_file (source_id, relative_path, top_id, "
                                   "done) VALUES ({}, 'started.txt', 1, 0)",
                                   source)),
              SQLITE_OK);
  }
  EXPECT_EQ(*store->DeleteUnfinishedItems(source), std::vector<model::ItemId>{1});
  RawDb raw(path);
  EXPECT_EQ(raw.Query("SELECT relative_path, done FROM collected_file"), "done.txt|1");
  EXPECT_EQ(raw.Query("SELECT id FROM item"), "2");
}

TEST(SqliteStoreTest, TheSchemaGuardsItsInvariants) {
  TempDir dir("sqlite-store-test");
  auto path = dir.path() / "bates.db";
  auto store = MustOpen(path);
  ASSERT_NE(store, nullptr);
  int64_t source = MustSource(*store);
  ASSERT_TRUE(store->AppendAudit(1, "alice", "add", "{}").ok());
  ASSERT_TRUE(store->InsertItem(MakeFullItem(1, source)).ok());
  ASSERT_TRUE(store->InsertItem(MakeFullItem(2, source)).ok());
  RawDb raw(path);
  EXPECT_NE(raw.Exec("UPDATE audit_log SET actor = 'mallory'"), SQLITE_OK);
  EXPECT_NE(raw.Exec("DELETE FROM audit_log"), SQLITE_OK);
  EXPECT_EQ(raw.Query("SELECT actor FROM audit_log"), "alice");
  EXPECT_NE(raw.Exec("INSERT INTO matter VALUES (2, 'second', 'UTC', 0)"), SQLITE_OK);
  EXPECT_NE(raw.Exec("UPDATE item SET sent_offset = NULL WHERE id = 2"), SQLITE_OK);
  EXPECT_NE(raw.Exec("UPDATE item SET kind = 'folder' WHERE id = 2"), SQLITE_OK);
  EXPECT_EQ(raw.Query("SELECT role, ordinal, address FROM item_address WHERE item_id = 2 AND "
                      "role = 'to' ORDER BY ordinal"),
            "to|0|a@city.example|to|1|b@city.example|to|2|c@city.example");
  for (const char* index : {"item_parent", "item_family", "item_source", "item_top", "item_sha256",
                            "item_md5", "item_message_id", "item_status"}) {
    EXPECT_EQ(raw.Query(fmt::format("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND "
                                    "name = '{}'",
                                    index)),
              "1")
        << index;
  }
}

// A bulk load drops the random-key indexes and EndBulkLoad builds them again as they were, even
// in a later process after the first was killed in between.
TEST(SqliteStoreTest, BulkLoadDefersTheRandomKeyIndexes) {
  TempDir dir("sqlite-store-test");
  auto path = dir.path() / "bates.db";
  const std::string kIndexes =
      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND name IN "
      "('item_sha256', 'item_md5', 'item_message_id') ORDER BY name";
  std::string before;
  {
    ASSERT_NE(MustOpen(path), nullptr);
    RawDb raw(path);
    before = raw.Query(kIndexes);
  }
  ASSERT_NE(before.find("CREATE INDEX item_sha256 ON item (sha256)"), std::string::npos) << before;
  {
    auto store = MustOpen(path);
    ASSERT_NE(store, nullptr);
    int64_t source = MustSource(*store);
    ASSERT_TRUE(store->BeginBulkLoad().ok());
    ASSERT_TRUE(store->InsertItem(MakeFullItem(1, source)).ok());
    RawDb raw(path);
    EXPECT_EQ(raw.Query(kIndexes), "");
    EXPECT_EQ(raw.Query("SELECT count(*) FROM deferred_index"), "3");
  }  // closed without EndBulkLoad, as a killed run would leave it
  auto store = MustOpen(path);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->EndBulkLoad().ok());
  RawDb raw(path);
  EXPECT_EQ(raw.Query(kIndexes), before);
  EXPECT_EQ(raw.Query("SELECT count(*) FROM deferred_index"), "0");
  EXPECT_EQ(raw.Query("PRAGMA integrity_check"), "ok");
}

TEST(SqliteStoreTest, ErrorCodesMapToStatusCodes) {
  EXPECT_EQ(StatusCodeForSqlite(SQLITE_CONSTRAINT_UNIQUE), StatusCode::kAlreadyExists);
  EXPECT_EQ(StatusCodeForSqlite(SQLITE_CONSTRAINT_PRIMARYKEY), StatusCode::kAlreadyExists);
  EXPECT_EQ(StatusCodeForSqlite(SQLITE_CONSTRAINT_FOREIGNKEY), StatusCode::kInvalidArgument);
  EXPECT_EQ(StatusCodeForSqlite(SQLITE_BUSY), StatusCode::kConflict);
  EXPECT_EQ(StatusCodeForSqlite(SQLITE_BUSY_SNAPSHOT), StatusCode::kConflict);
  EXPECT_EQ(StatusCodeForSqlite(SQLITE_CORRUPT), StatusCode::kCorrupt);
  EXPECT_EQ(StatusCodeForSqlite(SQLITE_NOTADB), StatusCode::kCorrupt);
  EXPECT_EQ(StatusCodeForSqlite(SQLITE_IOERR_WRITE), StatusCode::kIoError);
  EXPECT_EQ(StatusCodeForSqlite(SQLITE_FULL), StatusCode::kResourceExhausted);
}

TEST(SqliteStoreTest, ErrorsCarrySqlitesMessage) {
  TempDir dir("sqlite-store-test");
  auto store = MustOpen(dir.path() / "bates.db");
  ASSERT_NE(store, nullptr);
  int64_t source = MustSource(*store);
  ASSERT_TRUE(store->InsertItem(MakeItem(1, source, 1, "a")).ok());
  Status status = store->InsertItem(MakeItem(1, source, 1, "a"));
  EXPECT_EQ(status.code(), StatusCode::kAlreadyExists);
  EXPECT_NE(status.message().find("UNIQUE constraint failed: item.id"), std::string::npos)
      << status.message();
  EXPECT_NE(status.message().find("inserting item 1"), std::string::npos) << status.message();
}

}  // namespace
}  // namespace bates::store::sqlite
