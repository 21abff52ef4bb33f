// The SQLite searches area (see store/searches_store.h).
#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"

namespace bates::store::sqlite {
namespace {

class SqliteSearchStore final : public SearchStore {
 public:
  explicit SqliteSearchStore(SqliteStore& store) : store_(store) {}

  Result<int64_t> SaveSearch(const SavedSearch& search) override {
    if (search.origin != "search" && search.origin != "terms") {
      return InvalidArgumentError("saved search origin '{}': expected search or terms",
                                  search.origin);
    }
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    "INSERT INTO saved_search (query, spaces, origin, ran_by, ran_at, hits) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    s->BindText(1, search.query);
    s->BindText(2, search.spaces_mean_phrase ? "phrase" : "and");
    s->BindText(3, search.origin);
    s->BindText(4, search.ran_by);
    s->BindInt(5, search.ran_at);
    s->BindInt(6, search.hits);
    Status status = s->Run();
    if (!status.ok()) return status.WithContext("saving a search");
    return sqlite3_last_insert_rowid(store_.db());
  }

  Result<std::vector<SavedSearch>> ListSearches() override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use("SELECT id, query, spaces, origin, ran_by, ran_at, hits "
                                        "FROM saved_search ORDER BY id"));
    std::vector<SavedSearch> out;
    while (true) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return out;
      out.push_back(SavedSearch{s->Int(0), s->Text(1), s->TextView(2) == "phrase", s->Text(3),
                                s->Text(4), s->Int(5), s->Int(6)});
    }
  }

  Result<std::vector<ItemKey>> ItemKeys() override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use("SELECT id, family_id, sha256 FROM item ORDER BY id"));
    std::vector<ItemKey> out;
    while (true) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return out;
      out.push_back(ItemKey{s->Int(0), s->Int(1), s->Text(2)});
    }
  }

 private:
  SqliteStore& store_;
};

}  // namespace

SearchStore& SqliteStore::searches() {
  if (!searches_) searches_ = std::make_unique<SqliteSearchStore>(*this);
  return *searches_;
}

}  // namespace bates::store::sqlite
