#include "store/sqlite/blob_index.h"

#include "store/sqlite/statement.h"

namespace bates::store::sqlite {
namespace {

constexpr int kSchemaVersion = 1;

// WITHOUT ROWID: the table is its primary key's B-tree, so a lookup is one descent and a row is
// stored once. The kind is part of the key because a native and a text can share a SHA-256 (a
// plain-text file whose extracted text is the file itself).
constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS blob ("
    "  key BLOB NOT NULL,"
    "  kind INTEGER NOT NULL,"
    "  pack INTEGER NOT NULL,"
    "  \"offset\" INTEGER NOT NULL,"
    "  length INTEGER NOT NULL,"
    "  PRIMARY KEY (key, kind)"
    ") WITHOUT ROWID;";

constexpr std::string_view kFindSql =
    "SELECT pack, \"offset\", length FROM blob WHERE key = ?1 AND kind = ?2";
constexpr std::string_view kInsertSql =
    "INSERT INTO blob (key, kind, pack, \"offset\", length) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT DO NOTHING";

}  // namespace

struct BlobIndex::Connection {
  explicit Connection(sqlite3* db_in) : db(db_in), statements(db_in) {}
  ~Connection() {
    if (sqlite3_get_autocommit(db) == 0) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    statements.Clear();
    sqlite3_close_v2(db);
  }
  Status Exec(const char* sql, std::string_view context) {
    int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return SqliteErrorStatus(db, rc, context);
    return Status::Ok();
  }
  Result<int> UserVersion() {
    BATES_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db, "PRAGMA user_version", false));
    BATES_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return InternalError("PRAGMA user_version returned nothing");
    return static_cast<int>(s.Int(0));
  }

  sqlite3* db;
  StatementCache statements;
};

BlobIndex::BlobIndex(std::unique_ptr<Connection> connection) : connection_(std::move(connection)) {}
BlobIndex::~BlobIndex() = default;

Result<std::unique_ptr<BlobIndex>> BlobIndex::Open(const std::filesystem::path& db_path) {
  // The BlobStore's mutex serialises every call, so SQLite's own mutexes would be pure cost.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(db_path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status status = SqliteErrorStatus(db, rc, fmt::format("opening {}", db_path.string()));
    sqlite3_close_v2(db);
    return status;
  }
  auto connection = std::make_unique<Connection>(db);
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 10'000);
  auto fail = [&](const Status& status) { return status.WithContext(db_path.string()); };
  Status status = connection->Exec(
      "PRAGMA trusted_schema = OFF;"
      "PRAGMA journal_mode = WAL;"
      "PRAGMA synchronous = NORMAL;",
      "configuring the connection");
  if (!status.ok()) return fail(status);
  // Readers (bates show beside a running collection) open the index too: they look before taking
  // the write lock, which only the first opening of a case needs.
  Result<int> version = connection->UserVersion();
  if (!version.ok()) return fail(version.status());
  if (*version < kSchemaVersion) {
    status = connection->Exec("BEGIN IMMEDIATE", "creating the blob table");
    if (status.ok()) status = connection->Exec(kSchema, "creating the blob table");
    if (status.ok()) {
      status = connection->Exec(fmt::format("PRAGMA user_version = {}", kSchemaVersion).c_str(),
                                "creating the blob table");
    }
    if (status.ok()) status = connection->Exec("COMMIT", "creating the blob table");
    if (!status.ok()) return fail(status);
  } else if (*version > kSchemaVersion) {
    return fail(UnsupportedFormatError("blob index version {} is newer than this bates ({})",
                                       *version, kSchemaVersion));
  }
  return std::unique_ptr<BlobIndex>(new BlobIndex(std::move(connection)));
}

Result<std::optional<BlobRow>> BlobIndex::Find(std::string_view raw_key, int kind) {
  BATES_ASSIGN_OR_RETURN(StatementLease s, connection_->statements.Use(kFindSql));
  sqlite3_bind_blob(s->get(), 1, raw_key.data(), static_cast<int>(raw_key.size()), SQLITE_STATIC);
  s->BindInt(2, kind);
  Result<bool> row = s->Step();
  if (!row.ok()) return row.status().WithContext("looking up a blob");
  if (!*row) return std::optional<BlobRow>();
  BlobRow out;
  out.key = std::string(raw_key);
  out.kind = kind;
  out.pack = static_cast<uint32_t>(s->Int(0));
  out.offset = static_cast<uint64_t>(s->Int(1));
  out.length = static_cast<uint64_t>(s->Int(2));
  return std::optional<BlobRow>(std::move(out));
}

Status BlobIndex::Insert(const std::vector<BlobRow>& rows) {
  if (rows.empty()) return Status::Ok();
  BATES_RETURN_IF_ERROR(connection_->Exec("BEGIN IMMEDIATE", "recording blobs"));
  Status status;
  {
    Result<StatementLease> s = connection_->statements.Use(kInsertSql);
    if (!s.ok()) status = s.status();
    for (size_t i = 0; status.ok() && i < rows.size(); ++i) {
      const BlobRow& row = rows[i];
      Statement& stmt = **s;
      stmt.Reset();
      sqlite3_bind_blob(stmt.get(), 1, row.key.data(), static_cast<int>(row.key.size()),
                        SQLITE_STATIC);
      stmt.BindInt(2, row.kind);
      stmt.BindInt(3, row.pack);
      stmt.BindInt(4, static_cast<int64_t>(row.offset));
      stmt.BindInt(5, static_cast<int64_t>(row.length));
      status = stmt.Run();
    }
  }
  if (status.ok()) status = connection_->Exec("COMMIT", "recording blobs");
  if (!status.ok()) {
    sqlite3_exec(connection_->db, "ROLLBACK", nullptr, nullptr, nullptr);
    return status.WithContext("recording blobs");
  }
  return Status::Ok();
}

}  // namespace bates::store::sqlite
