// The SQLite tar area (see store/tar_store.h).
#include "store/sqlite/sqlite_store.h"

namespace bates::store::sqlite {
namespace {

class SqliteTarStore final : public TarStore {
 public:
  explicit SqliteTarStore(SqliteStore& store) : store_(store) {}

  Result<std::optional<TarReview>> GetReview() override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use("SELECT topic, seed_text, started_by, started_at, "
                                        "next_batch FROM tar_review WHERE id = 1"));
    BATES_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return std::optional<TarReview>();
    return std::optional<TarReview>(
        TarReview{s->Text(0), s->Text(1), s->Text(2), s->Int(3), s->Int(4)});
  }

  Status StartReview(const TarReview& review) override {
    BATES_ASSIGN_OR_RETURN(auto existing, GetReview());
    if (existing) return AlreadyExistsError("a review was started already ({})", existing->topic);
    BATES_ASSIGN_OR_RETURN(auto s,
                           store_.statements().Use("INSERT INTO tar_review (id, topic, seed_text, "
                                                   "started_by, started_at, next_batch) VALUES "
                                                   "(1, ?1, ?2, ?3, ?4, ?5)"));
    s->BindText(1, review.topic);
    s->BindText(2, review.seed_text);
    s->BindText(3, review.started_by);
    s->BindInt(4, review.started_at);
    s->BindInt(5, review.next_batch);
    return s->Run();
  }

  Status SetNextBatch(int64_t size) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use("UPDATE tar_review SET next_batch = ?1 WHERE id = 1"));
    s->BindInt(1, size);
    return s->Run();
  }

  Status Code(const TarCoding& c) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    "INSERT INTO tar_coding (item_id, responsive, origin, coded_by, coded_at, seq) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, "
                    "(SELECT COALESCE(MAX(seq), 0) + 1 FROM tar_coding)) "
                    "ON CONFLICT (item_id) DO UPDATE SET "
                    "responsive = excluded.responsive, origin = excluded.origin, "
                    "coded_by = excluded.coded_by, coded_at = excluded.coded_at, "
                    "seq = excluded.seq"));
    s->BindInt(1, c.item_id);
    s->BindInt(2, c.responsive ? 1 : 0);
    s->BindText(3, c.origin);
    s->BindText(4, c.coded_by);
    s->BindInt(5, c.coded_at);
    return s->Run();
  }

  Result<std::vector<TarCoding>> Codings() override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use("SELECT item_id, responsive, origin, coded_by, coded_at "
                                        "FROM tar_coding ORDER BY seq"));
    std::vector<TarCoding> out;
    while (true) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return out;
      out.push_back(TarCoding{s->Int(0), s->Int(1) != 0, s->Text(2), s->Text(3), s->Int(4)});
    }
  }

  Result<int64_t> AddBatch(const std::vector<TarBatchEntry>& entries) override {
    int64_t round = 1;
    {
      BATES_ASSIGN_OR_RETURN(
          auto q, store_.statements().Use("SELECT COALESCE(MAX(round), 0) FROM tar_batch"));
      BATES_ASSIGN_OR_RETURN(bool row, q->Step());
      if (row) round = q->Int(0) + 1;
    }
    for (const TarBatchEntry& e : entries) {
      BATES_ASSIGN_OR_RETURN(
          auto s, store_.statements().Use("INSERT INTO tar_batch (round, rank, item_id, score, "
                                          "made_at) VALUES (?1, ?2, ?3, ?4, ?5)"));
      s->BindInt(1, round);
      s->BindInt(2, e.rank);
      s->BindInt(3, e.item_id);
      sqlite3_bind_double(s->get(), 4, e.score);
      s->BindInt(5, e.made_at);
      BATES_RETURN_IF_ERROR(s->Run());
    }
    return round;
  }

  Result<std::vector<TarBatchEntry>> LastBatch() override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    "SELECT round, rank, item_id, score, made_at FROM tar_batch WHERE round = "
                    "(SELECT MAX(round) FROM tar_batch) ORDER BY rank"));
    std::vector<TarBatchEntry> out;
    while (true) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return out;
      out.push_back(TarBatchEntry{s->Int(0), s->Int(1), s->Int(2),
                                  sqlite3_column_double(s->get(), 3), s->Int(4)});
    }
  }

 private:
  SqliteStore& store_;
};

}  // namespace

TarStore& SqliteStore::tar() {
  if (!tar_) tar_ = std::make_unique<SqliteTarStore>(*this);
  return *tar_;
}

}  // namespace bates::store::sqlite
