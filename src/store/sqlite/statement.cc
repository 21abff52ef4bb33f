#include "store/sqlite/statement.h"

#include <utility>

namespace bates::store::sqlite {

StatusCode StatusCodeForSqlite(int rc) {
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return StatusCode::kAlreadyExists;
    default:
      break;
  }
  switch (rc & 0xff) {
    case SQLITE_OK:
      return StatusCode::kOk;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_TOOBIG:
      return StatusCode::kInvalidArgument;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StatusCode::kConflict;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FORMAT:
      return StatusCode::kCorrupt;
    case SQLITE_FULL:
    case SQLITE_NOMEM:
      return StatusCode::kResourceExhausted;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_PROTOCOL:
    case SQLITE_NOLFS:
    case SQLITE_AUTH:
      return StatusCode::kIoError;
    case SQLITE_INTERRUPT:
    case SQLITE_ABORT:
      return StatusCode::kCancelled;
    case SQLITE_NOTFOUND:
      return StatusCode::kNotFound;
    default:
      return StatusCode::kInternal;
  }
}

Status SqliteErrorStatus(sqlite3* db, int rc, std::string_view context) {
  // The connection's message belongs to its last call, which is the failed one only if that call
  // set it; the generic text of the code is the fallback.
  const char* message =
      db != nullptr && sqlite3_extended_errcode(db) == rc ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return Status(StatusCodeForSqlite(rc), fmt::format("{}: {}", context, message));
}

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Result<Statement> Statement::Prepare(sqlite3* db, std::string_view sql, bool persistent) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              persistent ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqliteErrorStatus(db, rc, fmt::format("preparing \"{}\"", sql.substr(0, 60)));
  }
  return Statement(db, stmt);
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // Callers add what they were doing; the SQL text would only make the message unreadable.
  return SqliteErrorStatus(db_, rc, "sqlite");
}

Status Statement::Run() {
  while (true) {
    BATES_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::Ok();
  }
}

std::string_view Statement::TextView(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return {text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string Statement::Text(int column) const { return std::string(TextView(column)); }

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

StatementLease::StatementLease(StatementLease&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)),
      owned_(std::move(other.owned_)) {}

StatementLease::~StatementLease() {
  if (stmt_ == nullptr) return;
  stmt_->Reset();
  if (in_use_ != nullptr) *in_use_ = false;
}

Result<StatementLease> StatementCache::Use(std::string_view sql) {
  auto it = entries_.find(sql);
  if (it == entries_.end()) {
    BATES_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(db_, sql, /*persistent=*/true));
    it = entries_.emplace(std::string(sql), Entry{std::move(stmt), false}).first;
  }
  Entry& entry = it->second;
  if (entry.in_use) {
    BATES_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(db_, sql, /*persistent=*/false));
    auto owned = std::make_unique<Statement>(std::move(stmt));
    Statement* raw = owned.get();
    return StatementLease(raw, nullptr, std::move(owned));
  }
  entry.in_use = true;
  return StatementLease(&entry.stmt, &entry.in_use, nullptr);
}

}  // namespace bates::store::sqlite
