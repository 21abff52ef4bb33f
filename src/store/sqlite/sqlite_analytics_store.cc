// The SQLite analytics area (see store/analytics_store.h).
#include "store/sqlite/sqlite_store.h"

namespace bates::store::sqlite {
namespace {

void BindOptionalDouble(Statement& s, int index, std::optional<double> value) {
  if (value) {
    sqlite3_bind_double(s.get(), index, *value);
  } else {
    s.BindNull(index);
  }
}

std::optional<int64_t> OptionalInt(const Statement& s, int column) {
  if (s.IsNull(column)) return std::nullopt;
  return s.Int(column);
}

constexpr const char* kColumns =
    "item_id, dedup_key, duplicate_of, dup_group, near_group, near_similarity, thread_id, "
    "thread_parent, thread_depth, thread_position, thread_size, inclusive";

ItemAnalytics ReadRow(const Statement& s) {
  ItemAnalytics r;
  r.item_id = s.Int(0);
  r.dedup_key = s.Text(1);
  r.duplicate_of = OptionalInt(s, 2);
  r.dup_group = OptionalInt(s, 3);
  r.near_group = OptionalInt(s, 4);
  if (!s.IsNull(5)) r.near_similarity = sqlite3_column_double(s.get(), 5);
  r.thread_id = OptionalInt(s, 6);
  r.thread_parent = OptionalInt(s, 7);
  r.thread_depth = OptionalInt(s, 8);
  r.thread_position = OptionalInt(s, 9);
  r.thread_size = OptionalInt(s, 10);
  if (!s.IsNull(11)) r.inclusive = s.Int(11) != 0;
  return r;
}

class SqliteAnalyticsStore final : public AnalyticsStore {
 public:
  explicit SqliteAnalyticsStore(SqliteStore& store) : store_(store) {}

  Status Replace(const std::vector<ItemAnalytics>& rows,
                 const std::vector<DupGroupCustodian>& custodians,
                 const AnalyticsRun& run) override {
    return store_.InSavepoint("analytics_replace", [&]() -> Status {
      BATES_RETURN_IF_ERROR(store_.Exec(
          "DELETE FROM item_analytics; DELETE FROM dup_group_custodian; DELETE FROM analytics_run",
          "clearing analytics"));
      BATES_ASSIGN_OR_RETURN(
          auto insert,
          store_.statements().Use(
              "INSERT INTO item_analytics (item_id, dedup_key, duplicate_of, dup_group, "
              "near_group, near_similarity, thread_id, thread_parent, thread_depth, "
              "thread_position, thread_size, inclusive) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
              "?)"));
      for (const ItemAnalytics& r : rows) {
        insert->BindInt(1, r.item_id);
        insert->BindText(2, r.dedup_key);
        insert->BindOptionalInt(3, r.duplicate_of);
        insert->BindOptionalInt(4, r.dup_group);
        insert->BindOptionalInt(5, r.near_group);
        BindOptionalDouble(*insert, 6, r.near_similarity);
        insert->BindOptionalInt(7, r.thread_id);
        insert->BindOptionalInt(8, r.thread_parent);
        insert->BindOptionalInt(9, r.thread_depth);
        insert->BindOptionalInt(10, r.thread_position);
        insert->BindOptionalInt(11, r.thread_size);
        insert->BindOptionalInt(
            12, r.inclusive ? std::optional<int64_t>(*r.inclusive ? 1 : 0) : std::nullopt);
        BATES_RETURN_IF_ERROR(insert->Run());
        insert->Reset();
      }
      BATES_ASSIGN_OR_RETURN(auto group,
                             store_.statements().Use("INSERT INTO dup_group_custodian (group_id, "
                                                     "custodian_id) VALUES (?, ?)"));
      for (const DupGroupCustodian& g : custodians) {
        group->BindInt(1, g.group_id);
        group->BindInt(2, g.custodian_id);
        BATES_RETURN_IF_ERROR(group->Run());
        group->Reset();
      }
      BATES_ASSIGN_OR_RETURN(
          auto last, store_.statements().Use("INSERT INTO analytics_run (id, finished_at, "
                                             "dedup_scope, near_threshold, items) VALUES (1, ?, "
                                             "?, ?, ?)"));
      last->BindInt(1, run.finished_at);
      last->BindText(2, run.dedup_scope);
      sqlite3_bind_double(last->get(), 3, run.near_threshold);
      last->BindInt(4, run.items);
      return last->Run();
    });
  }

  Status ForEach(const std::function<Status(const ItemAnalytics&)>& fn) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    fmt::format("SELECT {} FROM item_analytics ORDER BY item_id", kColumns)));
    for (;;) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return Status::Ok();
      BATES_RETURN_IF_ERROR(fn(ReadRow(*s)));
    }
  }

  Result<std::optional<ItemAnalytics>> Get(model::ItemId id) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    fmt::format("SELECT {} FROM item_analytics WHERE item_id = ?", kColumns)));
    s->BindInt(1, id);
    BATES_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return std::optional<ItemAnalytics>();
    return std::optional<ItemAnalytics>(ReadRow(*s));
  }

  Result<std::vector<std::string>> GroupCustodians(model::ItemId group_id) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use("SELECT c.name FROM dup_group_custodian g JOIN custodian c "
                                        "ON c.id = g.custodian_id WHERE g.group_id = ? ORDER BY "
                                        "c.name"));
    s->BindInt(1, group_id);
    std::vector<std::string> names;
    for (;;) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return names;
      names.push_back(s->Text(0));
    }
  }

  Result<std::optional<AnalyticsRun>> LastRun() override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use("SELECT finished_at, dedup_scope, near_threshold, items "
                                        "FROM analytics_run WHERE id = 1"));
    BATES_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return std::optional<AnalyticsRun>();
    AnalyticsRun run;
    run.finished_at = s->Int(0);
    run.dedup_scope = s->Text(1);
    run.near_threshold = sqlite3_column_double(s->get(), 2);
    run.items = s->Int(3);
    return std::optional<AnalyticsRun>(run);
  }

 private:
  SqliteStore& store_;
};

}  // namespace

AnalyticsStore& SqliteStore::analytics() {
  if (!analytics_) analytics_ = std::make_unique<SqliteAnalyticsStore>(*this);
  return *analytics_;
}

}  // namespace bates::store::sqlite
