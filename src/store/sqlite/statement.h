// Statement and StatementCache: a thin RAII layer over sqlite3_stmt for the SQLite case store.
//
// A Statement owns one prepared statement. The StatementCache owns the statements of one
// connection, prepared once per SQL text and reused; Use() lends one out as a StatementLease that
// resets it and clears its bindings when it goes out of scope. A statement still lent out (a
// caller iterating rows while its callback runs more queries of the same text) is not shared: the
// second Use() gets a fresh statement that is finalised with its lease.
//
// SqliteErrorStatus() turns SQLite result codes into bates Status codes, with SQLite's message.
//
// Thread safety: none; a cache and its statements belong to the connection's one thread.
// sqlite3.h appears only in store/sqlite/ (docs/DEVELOPING.md).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"

namespace bates::store::sqlite {

// A Status for a failed SQLite call: `rc` classifies it, the connection gives the message.
Status SqliteErrorStatus(sqlite3* db, int rc, std::string_view context);
// The Status code for an (extended) SQLite result code.
StatusCode StatusCodeForSqlite(int rc);

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  static Result<Statement> Prepare(sqlite3* db, std::string_view sql, bool persistent);

  // Parameters are 1-based, as in SQLite. Text and blobs are not copied: they must outlive the
  // next Step().
  void BindInt(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  void BindText(int index, std::string_view value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  }
  void BindNull(int index) { sqlite3_bind_null(stmt_, index); }
  // NULL when absent.
  void BindOptionalInt(int index, std::optional<int64_t> value) {
    if (value) {
      BindInt(index, *value);
    } else {
      BindNull(index);
    }
  }

  // true: a row is ready; false: done. An error otherwise.
  Result<bool> Step();
  // Steps a statement that returns no rows (or whose rows are not wanted) to its end.
  Status Run();

  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::string Text(int column) const;
  std::string_view TextView(int column) const;

  void Reset();
  sqlite3_stmt* get() const { return stmt_; }
  sqlite3* db() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

class StatementCache;

// A statement lent by the cache; reset and unbound when the lease ends.
class StatementLease {
 public:
  StatementLease(Statement* stmt, bool* in_use, std::unique_ptr<Statement> owned)
      : stmt_(stmt), in_use_(in_use), owned_(std::move(owned)) {}
  StatementLease(StatementLease&& other) noexcept;
  StatementLease& operator=(StatementLease&&) = delete;
  StatementLease(const StatementLease&) = delete;
  StatementLease& operator=(const StatementLease&) = delete;
  ~StatementLease();

  Statement* operator->() const { return stmt_; }
  Statement& operator*() const { return *stmt_; }

 private:
  Statement* stmt_;
  bool* in_use_;  // the cache entry's flag; null for an uncached statement
  std::unique_ptr<Statement> owned_;
};

class StatementCache {
 public:
  explicit StatementCache(sqlite3* db) : db_(db) {}

  Result<StatementLease> Use(std::string_view sql);
  // Finalises every cached statement (before the connection closes).
  void Clear() { entries_.clear(); }

 private:
  struct Entry {
    Statement stmt;
    bool in_use = false;
  };
  // Lookup by string_view without building a std::string on every call (the hot path).
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  sqlite3* db_;
  // Elements of an unordered_map keep their address when others are added, so leases may point
  // into it.
  std::unordered_map<std::string, Entry, Hash, std::equal_to<>> entries_;
};

}  // namespace bates::store::sqlite
