// The SQLite production area (see store/production_store.h).
#include "store/sqlite/sqlite_store.h"

namespace bates::store::sqlite {
namespace {

class SqliteProductionStore final : public ProductionStore {
 public:
  explicit SqliteProductionStore(SqliteStore& store) : store_(store) {}

  Result<int64_t> InsertProduction(const ProductionRow& p,
                                   const std::vector<ProductionItemRow>& items,
                                   const std::vector<ProductionFileRow>& files) override {
    BATES_ASSIGN_OR_RETURN(bool exists, VolumeExists(p.volume));
    if (exists) return AlreadyExistsError("a production named {} exists already", p.volume);
    int64_t id = 0;
    Status status = store_.InSavepoint("production", [&]() -> Status {
      BATES_ASSIGN_OR_RETURN(id, InsertRow(p));
      BATES_RETURN_IF_ERROR(InsertItems(id, items));
      return InsertFiles(id, files);
    });
    if (!status.ok()) return status;
    return id;
  }

 private:
  Result<bool> VolumeExists(const std::string& volume) {
    BATES_ASSIGN_OR_RETURN(auto s,
                           store_.statements().Use("SELECT 1 FROM production WHERE volume = ?1"));
    s->BindText(1, volume);
    return s->Step();
  }

  Result<int64_t> InsertRow(const ProductionRow& p) {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    "INSERT INTO production (volume, prefix, digits, first_number, last_number, "
                    "selection, folder, root_hash, qc_passed, created_at, created_by) VALUES "
                    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
    s->BindText(1, p.volume);
    s->BindText(2, p.prefix);
    s->BindInt(3, p.digits);
    s->BindInt(4, p.first_number);
    s->BindInt(5, p.last_number);
    s->BindText(6, p.selection);
    s->BindText(7, p.folder);
    s->BindText(8, p.root_hash);
    s->BindInt(9, p.qc_passed ? 1 : 0);
    s->BindInt(10, p.created_at);
    s->BindText(11, p.created_by);
    BATES_RETURN_IF_ERROR(s->Run());
    return sqlite3_last_insert_rowid(store_.db());
  }

  Status InsertItems(int64_t id, const std::vector<ProductionItemRow>& items) {
    // One lease per row: a lease resets and unbinds its statement when it ends.
    for (const ProductionItemRow& r : items) {
      BATES_ASSIGN_OR_RETURN(
          auto i, store_.statements().Use(
                      "INSERT INTO production_item (production_id, item_id, disposition, "
                      "beg_number, end_number, pages, how, reason, duplicate_of) VALUES "
                      "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
      i->BindInt(1, id);
      i->BindInt(2, r.item_id);
      i->BindText(3, r.disposition);
      i->BindOptionalInt(4, r.beg_number);
      i->BindOptionalInt(5, r.end_number);
      i->BindOptionalInt(6, r.pages);
      i->BindText(7, r.how);
      i->BindText(8, r.reason);
      i->BindOptionalInt(9, r.duplicate_of);
      BATES_RETURN_IF_ERROR(i->Run());
    }
    return Status::Ok();
  }

  Status InsertFiles(int64_t id, const std::vector<ProductionFileRow>& files) {
    for (const ProductionFileRow& r : files) {
      BATES_ASSIGN_OR_RETURN(
          auto f, store_.statements().Use("INSERT INTO production_file (production_id, path, "
                                          "bytes, sha256) VALUES (?1, ?2, ?3, ?4)"));
      f->BindInt(1, id);
      f->BindText(2, r.path);
      f->BindInt(3, r.bytes);
      f->BindText(4, r.sha256);
      BATES_RETURN_IF_ERROR(f->Run());
    }
    return Status::Ok();
  }

 public:
  Result<std::optional<int64_t>> LastBatesNumber(const std::string& prefix) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use("SELECT max(last_number) FROM production WHERE prefix = ?1 "
                                        "AND last_number >= first_number"));
    s->BindText(1, prefix);
    BATES_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row || s->IsNull(0)) return std::optional<int64_t>();
    return std::optional<int64_t>(s->Int(0));
  }

  Result<bool> RangeUsed(const std::string& prefix, int64_t first, int64_t last) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    "SELECT 1 FROM production WHERE prefix = ?1 AND last_number >= first_number "
                    "AND first_number <= ?3 AND last_number >= ?2 LIMIT 1"));
    s->BindText(1, prefix);
    s->BindInt(2, first);
    s->BindInt(3, last);
    return s->Step();
  }

  Result<std::vector<ProductionRow>> ListProductions() override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    "SELECT id, volume, prefix, digits, first_number, last_number, selection, "
                    "folder, root_hash, qc_passed, created_at, created_by FROM production "
                    "ORDER BY id"));
    std::vector<ProductionRow> out;
    while (true) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return out;
      out.push_back(ProductionRow{s->Int(0), s->Text(1), s->Text(2), static_cast<int>(s->Int(3)),
                                  s->Int(4), s->Int(5), s->Text(6), s->Text(7), s->Text(8),
                                  s->Int(9) != 0, s->Int(10), s->Text(11)});
    }
  }

  Result<std::vector<ProductionItemRow>> ProductionItems(int64_t production_id) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    "SELECT item_id, disposition, beg_number, end_number, pages, how, reason, "
                    "duplicate_of FROM production_item WHERE production_id = ?1 ORDER BY item_id"));
    s->BindInt(1, production_id);
    std::vector<ProductionItemRow> out;
    auto opt = [&](int c) {
      return s->IsNull(c) ? std::nullopt : std::optional<int64_t>(s->Int(c));
    };
    while (true) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return out;
      out.push_back(ProductionItemRow{s->Int(0), s->Text(1), opt(2), opt(3), opt(4), s->Text(5),
                                      s->Text(6), opt(7)});
    }
  }

 private:
  SqliteStore& store_;
};

}  // namespace

ProductionStore& SqliteStore::production() {
  if (!production_) production_ = std::make_unique<SqliteProductionStore>(*this);
  return *production_;
}

}  // namespace bates::store::sqlite
