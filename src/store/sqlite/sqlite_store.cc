#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <string_view>
#include <system_error>
#include <utility>

#include "store/schema.h"

namespace bates::store {

Result<std::unique_ptr<CaseStore>> CaseStore::OpenSqlite(const std::filesystem::path& db_path,
                                                         bool create) {
  BATES_ASSIGN_OR_RETURN(auto store, sqlite::SqliteStore::Open(db_path, create));
  return std::unique_ptr<CaseStore>(std::move(store));
}

namespace sqlite {
namespace {

// The columns of `item` in the order BindItem binds them and ReadItemRow reads them.
constexpr std::string_view kItemColumns =
    "id, source_id, parent_id, family_id, top_id, kind, relative_path, inner_path, name, "
    "mime_type, reader, size, md5, sha1, sha256, native_blob, text_blob, text_bytes, flags, "
    "status, exception_code, exception_tool, exception_message, sort_utc, sort_offset, "
    "sort_floating, subject, sent_utc, sent_offset, sent_floating, received_utc, received_offset, "
    "received_floating, created_utc, created_offset, created_floating, modified_utc, "
    "modified_offset, modified_floating, author, last_author, title, file_name, message_id, "
    "in_reply_to, message_references, conversation_index, language";
constexpr int kItemColumnCount = 48;

const std::string& InsertItemSql() {
  static const std::string sql = [] {
    std::string s = fmt::format("INSERT INTO item ({}) VALUES (", kItemColumns);
    for (int i = 0; i < kItemColumnCount; ++i) s += i == 0 ? "?" : ", ?";
    return s + ")";
  }();
  return sql;
}

const std::string& SelectItemByIdSql() {
  static const std::string sql = fmt::format("SELECT {} FROM item WHERE id = ?", kItemColumns);
  return sql;
}

const std::string& SelectItemRangeSql() {
  static const std::string sql =
      fmt::format("SELECT {} FROM item WHERE id BETWEEN ? AND ? ORDER BY id", kItemColumns);
  return sql;
}

// An item's addresses (and its extra fields) go in with one statement, of up to kRowsPerInsert
// rows: each execution has a fixed cost that an email's many addresses would otherwise pay again.
constexpr size_t kRowsPerInsert = 16;

// "INSERT INTO <table_and_columns> VALUES (?, ...), ..." for 1..kRowsPerInsert rows of `columns`.
std::vector<std::string> MultiRowInserts(std::string_view table_and_columns, int columns) {
  std::string row = "(?";
  for (int i = 1; i < columns; ++i) row += ", ?";
  row += ")";
  std::vector<std::string> out(kRowsPerInsert + 1);
  std::string sql = fmt::format("INSERT INTO {} VALUES {}", table_and_columns, row);
  for (size_t rows = 1; rows <= kRowsPerInsert; ++rows) {
    out[rows] = sql;
    sql += ", " + row;
  }
  return out;
}

const std::string& InsertAddressesSql(size_t rows) {
  static const std::vector<std::string> sql =
      MultiRowInserts("item_address (item_id, role, ordinal, name, address)", 5);
  return sql[rows];
}

const std::string& InsertFieldsSql(size_t rows) {
  static const std::vector<std::string> sql =
      MultiRowInserts("item_field (item_id, ordinal, name, value)", 4);
  return sql[rows];
}

constexpr std::string_view kSelectAddressesSql =
    "SELECT item_id, role, name, address FROM item_address WHERE item_id BETWEEN ? AND ? "
    "ORDER BY item_id, role, ordinal";
constexpr std::string_view kSelectFieldsSql =
    "SELECT item_id, name, value FROM item_field WHERE item_id BETWEEN ? AND ? "
    "ORDER BY item_id, ordinal";

// The indexes BeginBulkLoad drops: their keys are random, so each insert dirties a page of its own.
constexpr std::string_view kDeferredIndexList = "'item_sha256', 'item_md5', 'item_message_id'";

constexpr std::string_view kSourceColumns =
    "s.id, s.path, s.custodian_id, c.name, s.is_folder, s.added_at, s.complete";

Source ReadSource(const Statement& s, int c) {
  Source source;
  source.id = s.Int(c);
  source.path = s.Text(c + 1);
  source.custodian_id = s.Int(c + 2);
  source.custodian = s.Text(c + 3);
  source.is_folder = s.Int(c + 4) != 0;
  source.added_at = s.Int(c + 5);
  source.complete = s.Int(c + 6) != 0;
  return source;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    out += lines[i];
  }
  return out;
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> out;
  while (true) {
    size_t nl = text.find('\n');
    out.emplace_back(text.substr(0, nl));
    if (nl == std::string_view::npos) return out;
    text.remove_prefix(nl + 1);
  }
}

// Binds an item's columns in kItemColumns order. `references` must outlive the statement's step.
void BindItem(Statement& s, const Item& item, const std::string& references) {
  int i = 0;
  auto bind_date = [&](const std::optional<Timestamp>& t) {
    if (t) {
      s.BindInt(++i, t->utc_seconds);
      s.BindInt(++i, t->offset_minutes);
      s.BindInt(++i, t->floating ? 1 : 0);
    } else {
      s.BindNull(++i);
      s.BindNull(++i);
      s.BindNull(++i);
    }
  };
  const model::Metadata& m = item.meta;
  s.BindInt(++i, item.id);
  s.BindInt(++i, item.source_id);
  s.BindOptionalInt(++i, item.parent_id);
  s.BindInt(++i, item.family_id);
  s.BindInt(++i, item.top_id);
  s.BindText(++i, model::ItemKindName(item.kind));
  s.BindText(++i, item.relative_path);
  s.BindText(++i, item.inner_path);
  s.BindText(++i, item.name);
  s.BindText(++i, item.mime_type);
  s.BindText(++i, item.reader);
  s.BindInt(++i, static_cast<int64_t>(item.size));
  s.BindText(++i, item.md5);
  s.BindText(++i, item.sha1);
  s.BindText(++i, item.sha256);
  s.BindText(++i, item.native_blob);
  s.BindText(++i, item.text_blob);
  s.BindInt(++i, static_cast<int64_t>(item.text_bytes));
  s.BindInt(++i, item.flags);
  s.BindText(++i, model::ItemStatusName(item.status));
  s.BindText(++i, item.exception_code);
  s.BindText(++i, item.exception_tool);
  s.BindText(++i, item.exception_message);
  bind_date(item.sort_date);
  s.BindText(++i, m.subject);
  bind_date(m.sent);
  bind_date(m.received);
  bind_date(m.created);
  bind_date(m.modified);
  s.BindText(++i, m.author);
  s.BindText(++i, m.last_author);
  s.BindText(++i, m.title);
  s.BindText(++i, m.file_name);
  s.BindText(++i, m.message_id);
  s.BindText(++i, m.in_reply_to);
  // NULL for none, so that one empty reference and no reference stay distinct.
  if (m.references.empty()) {
    s.BindNull(++i);
  } else {
    s.BindText(++i, references);
  }
  s.BindText(++i, m.conversation_index);
  s.BindText(++i, m.language);
}

Result<Item> ReadItemRow(const Statement& s) {
  Item item;
  int c = 0;
  auto read_date = [&]() -> std::optional<Timestamp> {
    int at = c;
    c += 3;
    if (s.IsNull(at)) return std::nullopt;
    return Timestamp{s.Int(at), static_cast<int32_t>(s.Int(at + 1)), s.Int(at + 2) != 0};
  };
  model::Metadata& m = item.meta;
  item.id = s.Int(c++);
  item.source_id = s.Int(c++);
  if (!s.IsNull(c)) item.parent_id = s.Int(c);
  ++c;
  item.family_id = s.Int(c++);
  item.top_id = s.Int(c++);
  Result<model::ItemKind> kind = model::ParseItemKind(s.TextView(c++));
  if (!kind.ok()) return CorruptError("item {}: {}", item.id, kind.status().message());
  item.kind = *kind;
  item.relative_path = s.Text(c++);
  item.inner_path = s.Text(c++);
  item.name = s.Text(c++);
  item.mime_type = s.Text(c++);
  item.reader = s.Text(c++);
  item.size = static_cast<uint64_t>(s.Int(c++));
  item.md5 = s.Text(c++);
  item.sha1 = s.Text(c++);
  item.sha256 = s.Text(c++);
  item.native_blob = s.Text(c++);
  item.text_blob = s.Text(c++);
  item.text_bytes = static_cast<uint64_t>(s.Int(c++));
  item.flags = static_cast<uint32_t>(s.Int(c++));
  std::string_view status = s.TextView(c++);
  if (status == model::ItemStatusName(model::ItemStatus::kProcessed)) {
    item.status = model::ItemStatus::kProcessed;
  } else if (status == model::ItemStatusName(model::ItemStatus::kException)) {
    item.status = model::ItemStatus::kException;
  } else {
    return CorruptError("item {}: unknown status '{}'", item.id, status);
  }
  item.exception_code = s.Text(c++);
  item.exception_tool = s.Text(c++);
  item.exception_message = s.Text(c++);
  item.sort_date = read_date();
  m.subject = s.Text(c++);
  m.sent = read_date();
  m.received = read_date();
  m.created = read_date();
  m.modified = read_date();
  m.author = s.Text(c++);
  m.last_author = s.Text(c++);
  m.title = s.Text(c++);
  m.file_name = s.Text(c++);
  m.message_id = s.Text(c++);
  m.in_reply_to = s.Text(c++);
  if (!s.IsNull(c)) m.references = SplitLines(s.TextView(c));
  ++c;
  m.conversation_index = s.Text(c++);
  m.language = s.Text(c++);
  return item;
}

// Adds an item_address row (item_id, role, name, address) to its item.
Status AddAddressRow(const Statement& s, Item& item) {
  std::string_view role = s.TextView(1);
  model::Address a{s.Text(2), s.Text(3)};
  model::Metadata& m = item.meta;
  if (role == "from") {
    m.from = std::move(a);
  } else if (role == "to") {
    m.to.push_back(std::move(a));
  } else if (role == "cc") {
    m.cc.push_back(std::move(a));
  } else if (role == "bcc") {
    m.bcc.push_back(std::move(a));
  } else {
    return CorruptError("item {}: unknown address role '{}'", item.id, role);
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::filesystem::path& db_path,
                                                       bool create) {
  if (!create) {
    std::error_code ec;
    if (!std::filesystem::exists(db_path, ec)) {
      return NotFoundError("{}: no case store here", db_path.string());
    }
  }
  // One connection per thread (case_store.h), so SQLite's own mutexes would be pure cost.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(db_path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status status = SqliteErrorStatus(db, rc, fmt::format("opening {}", db_path.string()));
    sqlite3_close_v2(db);
    return status;
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(db));
  Status status = store->Configure();
  if (status.ok()) status = store->Migrate();
  if (!status.ok()) return status.WithContext(db_path.string());
  return store;
}

SqliteStore::~SqliteStore() {
  if (sqlite3_get_autocommit(db_) == 0) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  statements_.Clear();
  sqlite3_close_v2(db_);
}

Status SqliteStore::Exec(const char* sql, std::string_view context) {
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteErrorStatus(db_, rc, context);
  return Status::Ok();
}

Status SqliteStore::Configure() {
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10'000);
  // A case file from elsewhere must not make its schema (triggers, views) run functions that are
  // not innocuous; our own schema calls none.
  return Exec(
      "PRAGMA trusted_schema = OFF;"
      "PRAGMA journal_mode = WAL;"
      "PRAGMA synchronous = NORMAL;"
      "PRAGMA foreign_keys = ON;"
      "PRAGMA temp_store = MEMORY;"
      // 64 MiB rather than the default 2: EndBulkLoad sorts and builds indexes over a million
      // items, and readers of a large case revisit the same index pages batch after batch.
      "PRAGMA cache_size = -65536;",
      "configuring the connection");
}

Result<int> SqliteStore::SchemaVersion() {
  BATES_ASSIGN_OR_RETURN(Statement s, Statement::Prepare(db_, "PRAGMA user_version", false));
  BATES_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return InternalError("PRAGMA user_version returned nothing");
  return static_cast<int>(s.Int(0));
}

Status SqliteStore::Migrate() {
  const std::vector<Migration>& migrations = Migrations();
  int latest = 0;
  for (const Migration& m : migrations) {
    if (m.version <= latest) {
      return InternalError("migration {} is out of order or repeats a version", m.name);
    }
    latest = m.version;
  }
  BATES_ASSIGN_OR_RETURN(int version, SchemaVersion());
  if (version > latest) {
    return UnsupportedFormatError(
        "the case has schema version {}, newer than this bates knows ({}); use a newer bates",
        version, latest);
  }
  if (version == latest) return Status::Ok();
  // A migration is written against the whole schema, so indexes left deferred by an interrupted
  // bulk load are built first (deferred_index exists from version 1 on).
  if (version >= 1) BATES_RETURN_IF_ERROR(EndBulkLoad());
  for (const Migration& m : migrations) {
    // The version is read again under the write lock: another process may have migrated the case
    // while this one waited for the lock.
    BATES_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE", "starting a migration"));
    Status status;
    Result<int> current = SchemaVersion();
    if (!current.ok()) {
      status = current.status();
    } else if (*current < m.version) {
      status = Exec(std::string(m.sql).c_str(), fmt::format("applying migration {}", m.name));
      if (status.ok()) {
        status = Exec(fmt::format("PRAGMA user_version = {}", m.version).c_str(),
                      "recording the schema version");
      }
    }
    if (!status.ok()) {
      Exec("ROLLBACK", "").IgnoreError();
      return status;
    }
    BATES_RETURN_IF_ERROR(Exec("COMMIT", fmt::format("committing migration {}", m.name)));
  }
  return Status::Ok();
}

Status SqliteStore::Begin() {
  if (sqlite3_get_autocommit(db_) == 0) {
    return InvalidArgumentError("a transaction is already open (transactions do not nest)");
  }
  // IMMEDIATE takes the write lock now; a deferred transaction could fail with SQLITE_BUSY at its
  // first write, after work that would then be lost.
  return Exec("BEGIN IMMEDIATE", "beginning a transaction");
}

Status SqliteStore::Commit() {
  if (sqlite3_get_autocommit(db_) != 0) return InvalidArgumentError("no transaction to commit");
  return Exec("COMMIT", "committing");
}

Status SqliteStore::Rollback() {
  // SQLite rolls back by itself after some errors (disk full, I/O error), so a caller cleaning up
  // cannot know whether a transaction is still open; nothing to roll back is not an error.
  if (sqlite3_get_autocommit(db_) != 0) return Status::Ok();
  return Exec("ROLLBACK", "rolling back");
}

Status SqliteStore::InSavepoint(const char* name, const std::function<Status()>& fn) {
  BATES_RETURN_IF_ERROR(Exec(fmt::format("SAVEPOINT {}", name).c_str(), name));
  Status status = fn();
  if (!status.ok()) {
    Exec(fmt::format("ROLLBACK TO {0}; RELEASE {0}", name).c_str(), name).IgnoreError();
    return status;
  }
  return Exec(fmt::format("RELEASE {}", name).c_str(), name);
}

Status SqliteStore::BeginBulkLoad() {
  return InSavepoint("begin_bulk_load", [&]() -> Status {
    // The definitions are kept in the database before the drop, so a killed run forgets nothing.
    static const std::string save = fmt::format(
        "INSERT OR IGNORE INTO deferred_index (name, sql) SELECT name, sql FROM sqlite_schema "
        "WHERE type = 'index' AND name IN ({})",
        kDeferredIndexList);
    BATES_RETURN_IF_ERROR(Exec(save.c_str(), "saving index definitions"));
    std::vector<std::string> names;
    {
      BATES_ASSIGN_OR_RETURN(auto s, statements_.Use("SELECT name FROM deferred_index"));
      while (true) {
        BATES_ASSIGN_OR_RETURN(bool row, s->Step());
        if (!row) break;
        names.push_back(s->Text(0));
      }
    }
    for (const std::string& name : names) {
      BATES_RETURN_IF_ERROR(Exec(fmt::format("DROP INDEX IF EXISTS \"{}\"", name).c_str(),
                                 fmt::format("dropping index {}", name)));
    }
    return Status::Ok();
  });
}

Status SqliteStore::EndBulkLoad() {
  return InSavepoint("end_bulk_load", [&]() -> Status {
    std::vector<std::pair<std::string, std::string>> deferred;
    {
      BATES_ASSIGN_OR_RETURN(
          auto s,
          statements_.Use("SELECT d.name, d.sql, s.name IS NOT NULL FROM deferred_index d "
                          "LEFT JOIN sqlite_schema s ON s.type = 'index' AND s.name = d.name"));
      while (true) {
        BATES_ASSIGN_OR_RETURN(bool row, s->Step());
        if (!row) break;
        if (s->Int(2) == 0) deferred.emplace_back(s->Text(0), s->Text(1));
      }
    }
    for (const auto& [name, sql] : deferred) {
      BATES_RETURN_IF_ERROR(Exec(sql.c_str(), fmt::format("building index {}", name)));
    }
    return Exec("DELETE FROM deferred_index", "forgetting deferred indexes");
  });
}

Status SqliteStore::CreateMatter(const Matter& matter) {
  BATES_ASSIGN_OR_RETURN(
      auto s,
      statements_.Use("INSERT INTO matter (id, name, time_zone, created_at) VALUES (1, ?, ?, ?)"));
  s->BindText(1, matter.name);
  s->BindText(2, matter.time_zone);
  s->BindInt(3, matter.created_at);
  Status status = s->Run();
  if (status.code() == StatusCode::kAlreadyExists) {
    return AlreadyExistsError("this case already has a matter");
  }
  return status;
}

Result<Matter> SqliteStore::GetMatter() {
  BATES_ASSIGN_OR_RETURN(
      auto s, statements_.Use("SELECT name, time_zone, created_at FROM matter WHERE id = 1"));
  BATES_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return NotFoundError("this case has no matter");
  return Matter{s->Text(0), s->Text(1), s->Int(2)};
}

Status SqliteStore::SetSetting(const std::string& key, const std::string& value) {
  BATES_ASSIGN_OR_RETURN(auto s, statements_.Use("INSERT INTO setting (key, value) VALUES (?, ?) "
                                                 "ON CONFLICT (key) DO UPDATE SET value = "
                                                 "excluded.value"));
  s->BindText(1, key);
  s->BindText(2, value);
  return s->Run();
}

Result<std::optional<std::string>> SqliteStore::GetSetting(const std::string& key) {
  BATES_ASSIGN_OR_RETURN(auto s, statements_.Use("SELECT value FROM setting WHERE key = ?"));
  s->BindText(1, key);
  BATES_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(s->Text(0));
}

Result<Custodian> SqliteStore::EnsureCustodian(const std::string& name) {
  if (name.empty()) return InvalidArgumentError("a custodian needs a name");
  {
    BATES_ASSIGN_OR_RETURN(
        auto s, statements_.Use("INSERT INTO custodian (name) VALUES (?) ON CONFLICT DO NOTHING"));
    s->BindText(1, name);
    BATES_RETURN_IF_ERROR(s->Run());
  }
  BATES_ASSIGN_OR_RETURN(auto s, statements_.Use("SELECT id FROM custodian WHERE name = ?"));
  s->BindText(1, name);
  BATES_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return InternalError("custodian '{}' vanished after insertion", name);
  return Custodian{s->Int(0), name};
}

Result<std::vector<Custodian>> SqliteStore::ListCustodians() {
  BATES_ASSIGN_OR_RETURN(auto s, statements_.Use("SELECT id, name FROM custodian ORDER BY id"));
  std::vector<Custodian> out;
  while (true) {
    BATES_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return out;
    out.push_back(Custodian{s->Int(0), s->Text(1)});
  }
}

Result<Source> SqliteStore::SourceById(int64_t id) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM source s JOIN custodian c ON c.id = s.custodian_id WHERE s.id = ?",
      kSourceColumns);
  BATES_ASSIGN_OR_RETURN(auto s, statements_.Use(sql));
  s->BindInt(1, id);
  BATES_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return NotFoundError("no source {}", id);
  return ReadSource(*s, 0);
}

Result<Source> SqliteStore::EnsureSource(const std::string& path, int64_t custodian_id,
                                         bool is_folder, int64_t added_at) {
  if (path.empty()) return InvalidArgumentError("a source needs a path");
  {
    BATES_ASSIGN_OR_RETURN(
        auto s, statements_.Use("INSERT INTO source (path, custodian_id, is_folder, added_at) "
                                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"));
    s->BindText(1, path);
    s->BindInt(2, custodian_id);
    s->BindInt(3, is_folder ? 1 : 0);
    s->BindInt(4, added_at);
    Status status = s->Run();
    if (!status.ok()) {
      return status.WithContext(fmt::format("adding source {} (custodian {})", path, custodian_id));
    }
  }
  int64_t id = 0;
  {
    BATES_ASSIGN_OR_RETURN(
        auto s, statements_.Use("SELECT id FROM source WHERE path = ? AND custodian_id = ?"));
    s->BindText(1, path);
    s->BindInt(2, custodian_id);
    BATES_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return InternalError("source {} vanished after insertion", path);
    id = s->Int(0);
  }
  return SourceById(id);
}

Result<std::vector<Source>> SqliteStore::ListSources() {
  static const std::string sql =
      fmt::format("SELECT {} FROM source s JOIN custodian c ON c.id = s.custodian_id ORDER BY s.id",
                  kSourceColumns);
  BATES_ASSIGN_OR_RETURN(auto s, statements_.Use(sql));
  std::vector<Source> out;
  while (true) {
    BATES_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return out;
    out.push_back(ReadSource(*s, 0));
  }
}

Status SqliteStore::SetSourceComplete(int64_t source_id, bool complete) {
  BATES_ASSIGN_OR_RETURN(auto s, statements_.Use("UPDATE source SET complete = ? WHERE id = ?"));
  s->BindInt(1, complete ? 1 : 0);
  s->BindInt(2, source_id);
  BATES_RETURN_IF_ERROR(s->Run());
  if (sqlite3_changes(db_) == 0) return NotFoundError("no source {}", source_id);
  return Status::Ok();
}

Status SqliteStore::MarkFileDone(int64_t source_id, const std::string& relative_path,
                                 model::ItemId top_id) {
  BATES_ASSIGN_OR_RETURN(
      auto s, statements_.Use("INSERT INTO collected_file (source_id, relative_path, top_id, done) "
                              "VALUES (?, ?, ?, 1) ON CONFLICT (source_id, relative_path) "
                              "DO UPDATE SET top_id = excluded.top_id, done = 1"));
  s->BindInt(1, source_id);
  s->BindText(2, relative_path);
  s->BindInt(3, top_id);
  Status status = s->Run();
  if (!status.ok()) {
    return status.WithContext(
        fmt::format("marking {} of source {} done", relative_path, source_id));
  }
  return status;
}

Result<std::vector<std::string>> SqliteStore::DoneFiles(int64_t source_id) {
  BATES_ASSIGN_OR_RETURN(auto s, statements_.Use("SELECT relative_path FROM collected_file "
                                                 "WHERE source_id = ? AND done = 1 "
                                                 "ORDER BY relative_path"));
  s->BindInt(1, source_id);
  std::vector<std::string> out;
  while (true) {
    BATES_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return out;
    out.push_back(s->Text(0));
  }
}

Result<std::vector<model::ItemId>> SqliteStore::DeleteUnfinishedItems(int64_t source_id) {
  std::vector<model::ItemId> removed;
  static constexpr std::string_view kUnfinished =
      "FROM item WHERE source_id = ?1 AND top_id NOT IN "
      "(SELECT top_id FROM collected_file WHERE source_id = ?1 AND done = 1)";
  Status status = InSavepoint("delete_unfinished", [&]() -> Status {
    {
      BATES_ASSIGN_OR_RETURN(
          auto s, statements_.Use(fmt::format("SELECT id {} ORDER BY id", kUnfinished)));
      s->BindInt(1, source_id);
      while (true) {
        BATES_ASSIGN_OR_RETURN(bool row, s->Step());
        if (!row) break;
        removed.push_back(s->Int(0));
      }
    }
    {
      // Addresses and fields go with their items (ON DELETE CASCADE).
      BATES_ASSIGN_OR_RETURN(auto s, statements_.Use(fmt::format("DELETE {}", kUnfinished)));
      s->BindInt(1, source_id);
      BATES_RETURN_IF_ERROR(s->Run());
    }
    BATES_ASSIGN_OR_RETURN(
        auto s, statements_.Use("DELETE FROM collected_file WHERE source_id = ? AND done = 0"));
    s->BindInt(1, source_id);
    return s->Run();
  });
  if (!status.ok()) {
    return status.WithContext(fmt::format("deleting unfinished items of source {}", source_id));
  }
  return removed;
}

Result<model::ItemId> SqliteStore::MaxItemId() {
  BATES_ASSIGN_OR_RETURN(auto s, statements_.Use("SELECT coalesce(max(id), 0) FROM item"));
  BATES_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return InternalError("max(id) returned nothing");
  return s->Int(0);
}

Status SqliteStore::InsertItem(const Item& item) {
  bool item_row_inserted = false;
  auto insert = [&]() -> Status {
    const model::Metadata& m = item.meta;
    {
      BATES_ASSIGN_OR_RETURN(auto s, statements_.Use(InsertItemSql()));
      const std::string references = JoinLines(m.references);
      BindItem(*s, item, references);
      BATES_RETURN_IF_ERROR(s->Run());
      item_row_inserted = true;
    }
    struct AddressRow {
      std::string_view role;
      int64_t ordinal;
      const model::Address* address;
    };
    std::vector<AddressRow> addresses;
    if (m.from) addresses.push_back({"from", 0, &*m.from});
    for (auto [role, list] : {std::pair{"to", &m.to}, {"cc", &m.cc}, {"bcc", &m.bcc}}) {
      for (size_t i = 0; i < list->size(); ++i) {
        addresses.push_back({role, static_cast<int64_t>(i), &(*list)[i]});
      }
    }
    for (size_t first = 0; first < addresses.size(); first += kRowsPerInsert) {
      size_t rows = std::min(kRowsPerInsert, addresses.size() - first);
      BATES_ASSIGN_OR_RETURN(auto s, statements_.Use(InsertAddressesSql(rows)));
      int p = 0;
      for (size_t i = first; i < first + rows; ++i) {
        s->BindInt(++p, item.id);
        s->BindText(++p, addresses[i].role);
        s->BindInt(++p, addresses[i].ordinal);
        s->BindText(++p, addresses[i].address->name);
        s->BindText(++p, addresses[i].address->address);
      }
      BATES_RETURN_IF_ERROR(s->Run());
    }
    for (size_t first = 0; first < m.extra.size(); first += kRowsPerInsert) {
      size_t rows = std::min(kRowsPerInsert, m.extra.size() - first);
      BATES_ASSIGN_OR_RETURN(auto s, statements_.Use(InsertFieldsSql(rows)));
      int p = 0;
      for (size_t i = first; i < first + rows; ++i) {
        s->BindInt(++p, item.id);
        s->BindInt(++p, static_cast<int64_t>(i));
        s->BindText(++p, m.extra[i].first);
        s->BindText(++p, m.extra[i].second);
      }
      BATES_RETURN_IF_ERROR(s->Run());
    }
    return Status::Ok();
  };
  Status status;
  if (sqlite3_get_autocommit(db_) != 0) {
    // Outside a transaction the item, its addresses and its fields still land together.
    status = InSavepoint("insert_item", insert);
  } else {
    status = insert();
    if (!status.ok() && item_row_inserted) {
      // Inside the caller's transaction: take back the half-stored item (its addresses and fields
      // follow by cascade) rather than leave it for the caller's batch to commit.
      Exec(fmt::format("DELETE FROM item WHERE id = {}", item.id).c_str(), "").IgnoreError();
    }
  }
  if (!status.ok()) return status.WithContext(fmt::format("inserting item {}", item.id));
  return Status::Ok();
}

Status SqliteStore::SetItemException(model::ItemId id, const std::string& code,
                                     const std::string& tool, const std::string& message) {
  BATES_ASSIGN_OR_RETURN(
      auto s, statements_.Use("UPDATE item SET status = 'exception', exception_code = ?, "
                              "exception_tool = ?, exception_message = ? WHERE id = ?"));
  s->BindText(1, code);
  s->BindText(2, tool);
  s->BindText(3, message);
  s->BindInt(4, id);
  BATES_RETURN_IF_ERROR(s->Run());
  if (sqlite3_changes(db_) == 0) return NotFoundError("no item {}", model::FormatItemId(id));
  return Status::Ok();
}

Result<Item> SqliteStore::GetItem(model::ItemId id) {
  Item item;
  {
    BATES_ASSIGN_OR_RETURN(auto s, statements_.Use(SelectItemByIdSql()));
    s->BindInt(1, id);
    BATES_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return NotFoundError("no item {}", model::FormatItemId(id));
    BATES_ASSIGN_OR_RETURN(item, ReadItemRow(*s));
  }
  {
    BATES_ASSIGN_OR_RETURN(auto s, statements_.Use(kSelectAddressesSql));
    s->BindInt(1, id);
    s->BindInt(2, id);
    while (true) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      BATES_RETURN_IF_ERROR(AddAddressRow(*s, item));
    }
  }
  BATES_ASSIGN_OR_RETURN(auto s, statements_.Use(kSelectFieldsSql));
  s->BindInt(1, id);
  s->BindInt(2, id);
  while (true) {
    BATES_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    item.meta.extra.emplace_back(s->Text(1), s->Text(2));
  }
  return item;
}

Result<std::vector<Item>> SqliteStore::GetItems(const std::vector<model::ItemId>& ids) {
  std::vector<Item> out;
  out.reserve(ids.size());
  for (model::ItemId id : ids) {
    BATES_ASSIGN_OR_RETURN(Item item, GetItem(id));
    out.push_back(std::move(item));
  }
  return out;
}

Result<std::vector<model::ItemId>> SqliteStore::IdList(std::string_view sql, int64_t arg) {
  BATES_ASSIGN_OR_RETURN(auto s, statements_.Use(sql));
  s->BindInt(1, arg);
  std::vector<model::ItemId> out;
  while (true) {
    BATES_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return out;
    out.push_back(s->Int(0));
  }
}

Result<std::vector<model::ItemId>> SqliteStore::ChildIds(model::ItemId id) {
  return IdList("SELECT id FROM item WHERE parent_id = ? ORDER BY id", id);
}

Result<std::vector<model::ItemId>> SqliteStore::FamilyIds(model::ItemId family_id) {
  return IdList("SELECT id FROM item WHERE family_id = ? ORDER BY id", family_id);
}

Result<int64_t> SqliteStore::CountItems() {
  BATES_ASSIGN_OR_RETURN(auto s, statements_.Use("SELECT count(*) FROM item"));
  BATES_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return InternalError("count(*) returned nothing");
  return s->Int(0);
}

Status SqliteStore::ForEachItem(model::ItemId first, model::ItemId last,
                                const std::function<Status(const Item&)>& fn) {
  if (last < first) return Status::Ok();
  // Three cursors walked side by side in item order (a merge join), rather than two lookups per
  // item: re-indexing a million items reads each table once, sequentially.
  BATES_ASSIGN_OR_RETURN(auto items, statements_.Use(SelectItemRangeSql()));
  BATES_ASSIGN_OR_RETURN(auto addresses, statements_.Use(kSelectAddressesSql));
  BATES_ASSIGN_OR_RETURN(auto fields, statements_.Use(kSelectFieldsSql));
  for (auto* s : {&items, &addresses, &fields}) {
    (*s)->BindInt(1, first);
    (*s)->BindInt(2, last);
  }
  BATES_ASSIGN_OR_RETURN(bool address_row, addresses->Step());
  BATES_ASSIGN_OR_RETURN(bool field_row, fields->Step());
  while (true) {
    BATES_ASSIGN_OR_RETURN(bool row, items->Step());
    if (!row) return Status::Ok();
    BATES_ASSIGN_OR_RETURN(Item item, ReadItemRow(*items));
    for (; address_row && addresses->Int(0) <= item.id;) {
      if (addresses->Int(0) == item.id) BATES_RETURN_IF_ERROR(AddAddressRow(*addresses, item));
      BATES_ASSIGN_OR_RETURN(address_row, addresses->Step());
    }
    for (; field_row && fields->Int(0) <= item.id;) {
      if (fields->Int(0) == item.id) item.meta.extra.emplace_back(fields->Text(1), fields->Text(2));
      BATES_ASSIGN_OR_RETURN(field_row, fields->Step());
    }
    BATES_RETURN_IF_ERROR(fn(item));
  }
}

Result<std::vector<SourceAccount>> SqliteStore::AccountBySource() {
  static const std::string sql = fmt::format(
      "SELECT {}, count(i.id), coalesce(sum(i.status = 'processed'), 0), "
      "coalesce(sum(i.status = 'exception'), 0) "
      "FROM source s JOIN custodian c ON c.id = s.custodian_id "
      "LEFT JOIN item i ON i.source_id = s.id GROUP BY s.id ORDER BY s.id",
      kSourceColumns);
  BATES_ASSIGN_OR_RETURN(auto s, statements_.Use(sql));
  std::vector<SourceAccount> out;
  while (true) {
    BATES_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return out;
    out.push_back(SourceAccount{ReadSource(*s, 0), s->Int(7), s->Int(8), s->Int(9)});
  }
}

Result<std::vector<ExceptionRow>> SqliteStore::ListExceptions() {
  BATES_ASSIGN_OR_RETURN(auto s,
                         statements_.Use("SELECT id, relative_path, inner_path, exception_code, "
                                         "exception_tool, exception_message FROM item "
                                         "WHERE status = 'exception' ORDER BY id"));
  std::vector<ExceptionRow> out;
  while (true) {
    BATES_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return out;
    out.push_back(
        ExceptionRow{s->Int(0), s->Text(1), s->Text(2), s->Text(3), s->Text(4), s->Text(5)});
  }
}

Result<model::ItemId> SqliteStore::IndexedThrough() {
  BATES_ASSIGN_OR_RETURN(auto s,
                         statements_.Use("SELECT indexed_through FROM index_state WHERE id = 1"));
  BATES_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return CorruptError("the index_state row is missing");
  return s->Int(0);
}

Status SqliteStore::SetIndexedThrough(model::ItemId id) {
  BATES_ASSIGN_OR_RETURN(
      auto s, statements_.Use("UPDATE index_state SET indexed_through = ? WHERE id = 1"));
  s->BindInt(1, id);
  BATES_RETURN_IF_ERROR(s->Run());
  if (sqlite3_changes(db_) == 0) return CorruptError("the index_state row is missing");
  return Status::Ok();
}

Status SqliteStore::AppendAudit(int64_t at, const std::string& actor, const std::string& action,
                                const std::string& detail_json) {
  BATES_ASSIGN_OR_RETURN(auto s,
                         statements_.Use("INSERT INTO audit_log (at, actor, action, detail) "
                                         "SELECT ?1, ?2, ?3, ?4 WHERE ?4 = '' OR json_valid(?4)"));
  s->BindInt(1, at);
  s->BindText(2, actor);
  s->BindText(3, action);
  s->BindText(4, detail_json);
  Status status = s->Run();
  if (!status.ok())
    return status.WithContext(fmt::format("appending '{}' to the audit log", action));
  if (sqlite3_changes(db_) == 0) {
    return InvalidArgumentError("audit entry '{}': the detail is not JSON: {}", action,
                                detail_json.substr(0, 80));
  }
  return Status::Ok();
}

Result<std::vector<AuditEntry>> SqliteStore::ListAudit() {
  BATES_ASSIGN_OR_RETURN(
      auto s, statements_.Use("SELECT id, at, actor, action, detail FROM audit_log ORDER BY id"));
  std::vector<AuditEntry> out;
  while (true) {
    BATES_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return out;
    out.push_back(AuditEntry{s->Int(0), s->Int(1), s->Text(2), s->Text(3), s->Text(4)});
  }
}

}  // namespace sqlite
}  // namespace bates::store
