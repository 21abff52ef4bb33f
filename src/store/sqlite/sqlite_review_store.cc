// The SQLite review area (see store/review_store.h, schema/0006_review.sql).
#include "store/sqlite/sqlite_store.h"

namespace bates::store::sqlite {
namespace {

Coding ReadCoding(const Statement& s) {
  return Coding{s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4), s.Text(5)};
}

constexpr const char* kCodingColumns = "item_id, field, value, reviewer, coded_at, reason";
constexpr const char* kRedactionColumns =
    "id, item_id, area, start_cp, end_cp, page, x, y, width, height, reason, origin, reviewer, "
    "created_at";

RedactionRow ReadRedaction(const Statement& s) {
  RedactionRow r;
  r.id = s.Int(0);
  r.item_id = s.Int(1);
  r.area = s.Text(2);
  r.start = s.Int(3);
  r.end = s.Int(4);
  r.page = s.Int(5);
  r.x = sqlite3_column_double(s.get(), 6);
  r.y = sqlite3_column_double(s.get(), 7);
  r.width = sqlite3_column_double(s.get(), 8);
  r.height = sqlite3_column_double(s.get(), 9);
  r.reason = s.Text(10);
  r.origin = s.Text(11);
  r.reviewer = s.Text(12);
  r.created_at = s.Int(13);
  return r;
}

class SqliteReviewStore final : public ReviewStore {
 public:
  explicit SqliteReviewStore(SqliteStore& store) : store_(store) {}

  Status SetCoding(const Coding& c) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    "INSERT INTO coding (item_id, field, value, reviewer, coded_at, reason) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (item_id, field) DO UPDATE SET "
                    "value = excluded.value, reviewer = excluded.reviewer, "
                    "coded_at = excluded.coded_at, reason = excluded.reason"));
    s->BindInt(1, c.item_id);
    s->BindText(2, c.field);
    s->BindText(3, c.value);
    s->BindText(4, c.reviewer);
    s->BindInt(5, c.coded_at);
    s->BindText(6, c.reason);
    return s->Run();
  }

  Status ClearCoding(model::ItemId item_id, const std::string& field) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use("DELETE FROM coding WHERE item_id = ? AND field = ?"));
    s->BindInt(1, item_id);
    s->BindText(2, field);
    return s->Run();
  }

  Result<std::vector<Coding>> ItemCoding(model::ItemId item_id) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(fmt::format(
                    "SELECT {} FROM coding WHERE item_id = ? ORDER BY field", kCodingColumns)));
    s->BindInt(1, item_id);
    std::vector<Coding> out;
    for (;;) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return out;
      out.push_back(ReadCoding(*s));
    }
  }

  Status ForEachCoding(const std::function<Status(const Coding&)>& fn) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    fmt::format("SELECT {} FROM coding ORDER BY item_id, field", kCodingColumns)));
    for (;;) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return Status::Ok();
      BATES_RETURN_IF_ERROR(fn(ReadCoding(*s)));
    }
  }

  Status AddPrivilegeParty(const PrivilegeParty& p) override {
    BATES_ASSIGN_OR_RETURN(
        auto s,
        store_.statements().Use("INSERT INTO privilege_party (kind, value, label) VALUES (?, ?, ?) "
                                "ON CONFLICT (kind, value) DO UPDATE SET label = excluded.label"));
    s->BindText(1, p.kind);
    s->BindText(2, p.value);
    s->BindText(3, p.label);
    return s->Run();
  }

  Status RemovePrivilegeParty(const std::string& kind, const std::string& value) override {
    BATES_ASSIGN_OR_RETURN(auto s, store_.statements().Use(
                                       "DELETE FROM privilege_party WHERE kind = ? AND value = ?"));
    s->BindText(1, kind);
    s->BindText(2, value);
    BATES_RETURN_IF_ERROR(s->Run());
    if (sqlite3_changes(store_.db()) == 0) {
      return NotFoundError("no {} '{}' on the privilege list", kind, value);
    }
    return Status::Ok();
  }

  Result<std::vector<PrivilegeParty>> ListPrivilegeParties() override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use("SELECT id, kind, value, label FROM privilege_party "
                                        "ORDER BY kind, value"));
    std::vector<PrivilegeParty> out;
    for (;;) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return out;
      out.push_back(PrivilegeParty{s->Int(0), s->Text(1), s->Text(2), s->Text(3)});
    }
  }

  Status ReplaceScreen(const std::vector<PrivilegeHitRow>& privilege,
                       const std::vector<PiiHitRow>& pii, const ScreenRun& run) override {
    return store_.InSavepoint("review_screen", [&]() -> Status {
      BATES_RETURN_IF_ERROR(
          store_.Exec("DELETE FROM privilege_hit; DELETE FROM pii_hit; DELETE FROM screen_run",
                      "clearing the screen's results"));
      // Repeats are dropped, but not rows a CHECK refuses (OR IGNORE would drop those silently).
      BATES_ASSIGN_OR_RETURN(
          auto p, store_.statements().Use("INSERT INTO privilege_hit (item_id, why) VALUES (?, ?) "
                                          "ON CONFLICT DO NOTHING"));
      for (const PrivilegeHitRow& h : privilege) {
        p->BindInt(1, h.item_id);
        p->BindText(2, h.why);
        BATES_RETURN_IF_ERROR(p->Run());
        p->Reset();
      }
      BATES_ASSIGN_OR_RETURN(
          auto q, store_.statements().Use("INSERT INTO pii_hit (item_id, kind, start_cp, end_cp) "
                                          "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"));
      for (const PiiHitRow& h : pii) {
        q->BindInt(1, h.item_id);
        q->BindText(2, h.kind);
        q->BindInt(3, h.start);
        q->BindInt(4, h.end);
        BATES_RETURN_IF_ERROR(q->Run());
        q->Reset();
      }
      BATES_ASSIGN_OR_RETURN(
          auto r, store_.statements().Use("INSERT INTO screen_run (id, finished_at, items, "
                                          "text_bytes) VALUES (1, ?, ?, ?)"));
      r->BindInt(1, run.finished_at);
      r->BindInt(2, run.items);
      r->BindInt(3, run.text_bytes);
      return r->Run();
    });
  }

  Result<std::vector<PrivilegeHitRow>> ListPrivilegeHits() override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use("SELECT item_id, why FROM privilege_hit ORDER BY item_id, "
                                        "why"));
    std::vector<PrivilegeHitRow> out;
    for (;;) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return out;
      out.push_back(PrivilegeHitRow{s->Int(0), s->Text(1)});
    }
  }

  Result<std::vector<PiiHitRow>> ListPiiHits(std::optional<model::ItemId> item_id) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    "SELECT item_id, kind, start_cp, end_cp FROM pii_hit WHERE ?1 IS NULL OR "
                    "item_id = ?1 ORDER BY item_id, start_cp, kind"));
    s->BindOptionalInt(1, item_id);
    std::vector<PiiHitRow> out;
    for (;;) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return out;
      out.push_back(PiiHitRow{s->Int(0), s->Text(1), s->Int(2), s->Int(3)});
    }
  }

  Result<std::optional<ScreenRun>> LastScreen() override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use("SELECT finished_at, items, text_bytes FROM screen_run"));
    BATES_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return std::optional<ScreenRun>();
    return std::optional<ScreenRun>(ScreenRun{s->Int(0), s->Int(1), s->Int(2)});
  }

  Result<int64_t> AddRedaction(const RedactionRow& r) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    "INSERT INTO redaction (item_id, area, start_cp, end_cp, page, x, y, width, "
                    "height, reason, origin, reviewer, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
                    "?, ?, ?, ?, ?, ?)"));
    const bool text = r.area == "text";
    s->BindInt(1, r.item_id);
    s->BindText(2, r.area);
    s->BindOptionalInt(3, text ? std::optional<int64_t>(r.start) : std::nullopt);
    s->BindOptionalInt(4, text ? std::optional<int64_t>(r.end) : std::nullopt);
    s->BindOptionalInt(5, text ? std::nullopt : std::optional<int64_t>(r.page));
    const double area[] = {r.x, r.y, r.width, r.height};
    for (int i = 0; i < 4; ++i) {
      if (text) {
        s->BindNull(6 + i);
      } else {
        sqlite3_bind_double(s->get(), 6 + i, area[i]);
      }
    }
    s->BindText(10, r.reason);
    s->BindText(11, r.origin);
    s->BindText(12, r.reviewer);
    s->BindInt(13, r.created_at);
    BATES_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(store_.db()));
  }

  Status RemoveRedaction(int64_t id) override {
    BATES_ASSIGN_OR_RETURN(auto s, store_.statements().Use("DELETE FROM redaction WHERE id = ?"));
    s->BindInt(1, id);
    BATES_RETURN_IF_ERROR(s->Run());
    if (sqlite3_changes(store_.db()) == 0) return NotFoundError("no redaction {}", id);
    return Status::Ok();
  }

  Result<std::vector<RedactionRow>> ListRedactions(std::optional<model::ItemId> item_id) override {
    BATES_ASSIGN_OR_RETURN(auto s, store_.statements().Use(fmt::format(
                                       "SELECT {} FROM redaction WHERE ?1 IS NULL OR item_id = ?1 "
                                       "ORDER BY item_id, id",
                                       kRedactionColumns)));
    s->BindOptionalInt(1, item_id);
    std::vector<RedactionRow> out;
    for (;;) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return out;
      out.push_back(ReadRedaction(*s));
    }
  }

 private:
  SqliteStore& store_;
};

}  // namespace

ReviewStore& SqliteStore::review() {
  if (!review_) review_ = std::make_unique<SqliteReviewStore>(*this);
  return *review_;
}

}  // namespace bates::store::sqlite
