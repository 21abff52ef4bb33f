// BlobIndex: where each packed blob lies, in its own SQLite database (case/blobs/blobs.db), for
// the BlobStore (store/blob_store.h). One row per (key, kind): the pack number, the offset of the
// record's header in the pack and the payload's length. Blobs stored as loose files have no row.
//
// The database runs in WAL mode with synchronous=NORMAL and a 10-second busy timeout, so readers
// in other processes see committed rows while a writer appends. Rows are only ever added; a row
// that exists already is kept (the same content stored twice is the same content).
//
// Thread safety: none; the BlobStore serialises calls with its own mutex. sqlite3.h stays inside
// store/sqlite/ (docs/DEVELOPING.md), so this header does not include it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace bates::store::sqlite {

struct BlobRow {
  std::string key;  // the SHA-256, 32 raw bytes
  int kind = 0;     // BlobStore's record kind (native, text)
  uint32_t pack = 0;
  uint64_t offset = 0;  // of the record's header
  uint64_t length = 0;  // payload bytes after the header
};

class BlobIndex {
 public:
  // Opens the database, creating it and its table if need be.
  static Result<std::unique_ptr<BlobIndex>> Open(const std::filesystem::path& db_path);
  ~BlobIndex();
  BlobIndex(const BlobIndex&) = delete;
  BlobIndex& operator=(const BlobIndex&) = delete;

  // The row of (raw_key, kind), or nullopt when there is none.
  Result<std::optional<BlobRow>> Find(std::string_view raw_key, int kind);
  // Inserts `rows` in one transaction; a row whose (key, kind) is present already is skipped.
  Status Insert(const std::vector<BlobRow>& rows);

 private:
  struct Connection;
  explicit BlobIndex(std::unique_ptr<Connection> connection);
  std::unique_ptr<Connection> connection_;
};

}  // namespace bates::store::sqlite
