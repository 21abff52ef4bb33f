// The SQLite demand area (see store/demand_store.h).
#include <algorithm>
#include <cctype>
#include <string_view>

#include "store/sqlite/sqlite_store.h"

namespace bates::store {

bool IsDemandStatus(const std::string& status) {
  return std::any_of(std::begin(kDemandStatuses), std::end(kDemandStatuses),
                     [&](const char* s) { return status == s; });
}

namespace sqlite {
namespace {

// The shape only (YYYY-MM-DD); the calendar check is the caller's (demand::ParseCivilDate). The
// store refuses what would sort wrongly as text.
bool LooksLikeDate(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(d[i]))) return false;
  }
  return true;
}

Status CheckDate(std::string_view d, std::string_view field) {
  if (!LooksLikeDate(d)) return InvalidArgumentError("{} '{}': expected YYYY-MM-DD", field, d);
  return Status::Ok();
}

void BindOptionalText(Statement& s, int index, const std::optional<std::string>& value) {
  if (value) {
    s.BindText(index, *value);
  } else {
    s.BindNull(index);
  }
}

std::optional<std::string> OptionalText(const Statement& s, int column) {
  if (s.IsNull(column)) return std::nullopt;
  return s.Text(column);
}

class SqliteDemandStore final : public DemandStore {
 public:
  explicit SqliteDemandStore(SqliteStore& store) : store_(store) {}

  Result<int64_t> AddStatusEvent(const DemandStatusEvent& e) override {
    if (e.recipient.empty()) return InvalidArgumentError("a status event needs a recipient");
    if (!IsDemandStatus(e.status)) return InvalidArgumentError("unknown status '{}'", e.status);
    BATES_RETURN_IF_ERROR(CheckDate(e.date, "date"));
    if (e.new_due) BATES_RETURN_IF_ERROR(CheckDate(*e.new_due, "new due date"));
    if (e.promised) BATES_RETURN_IF_ERROR(CheckDate(*e.promised, "promised date"));
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    "INSERT INTO demand_status_event (recipient, date, status, note, new_due, "
                    "promised, recorded_at, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
    s->BindText(1, e.recipient);
    s->BindText(2, e.date);
    s->BindText(3, e.status);
    s->BindText(4, e.note);
    BindOptionalText(*s, 5, e.new_due);
    BindOptionalText(*s, 6, e.promised);
    s->BindInt(7, e.recorded_at);
    s->BindText(8, e.actor);
    Status status = s->Run();
    if (!status.ok()) return status.WithContext("recording a demand status");
    return sqlite3_last_insert_rowid(store_.db());
  }

  Result<std::vector<DemandStatusEvent>> StatusEvents(const std::string& recipient) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    "SELECT id, recipient, date, status, note, new_due, promised, recorded_at, "
                    "actor FROM demand_status_event WHERE ?1 = '' OR recipient = ?1 "
                    "ORDER BY recipient, date, id"));
    s->BindText(1, recipient);
    std::vector<DemandStatusEvent> out;
    while (true) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      out.push_back({s->Int(0), s->Text(1), s->Text(2), s->Text(3), s->Text(4), OptionalText(*s, 5),
                     OptionalText(*s, 6), s->Int(7), s->Text(8)});
    }
    return out;
  }

  Result<int64_t> AddCommunication(const DemandCommunication& c) override {
    if (c.recipient.empty()) return InvalidArgumentError("a communication needs a recipient");
    if (c.direction != "sent" && c.direction != "received") {
      return InvalidArgumentError("direction '{}': expected sent or received", c.direction);
    }
    BATES_RETURN_IF_ERROR(CheckDate(c.date, "date"));
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    "INSERT INTO demand_communication (recipient, date, direction, summary, "
                    "recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)"));
    s->BindText(1, c.recipient);
    s->BindText(2, c.date);
    s->BindText(3, c.direction);
    s->BindText(4, c.summary);
    s->BindInt(5, c.recorded_at);
    Status status = s->Run();
    if (!status.ok()) return status.WithContext("recording a communication");
    return sqlite3_last_insert_rowid(store_.db());
  }

  Result<std::vector<DemandCommunication>> Communications(const std::string& recipient) override {
    BATES_ASSIGN_OR_RETURN(
        auto s,
        store_.statements().Use("SELECT id, recipient, date, direction, summary, recorded_at FROM "
                                "demand_communication WHERE ?1 = '' OR recipient = ?1 "
                                "ORDER BY recipient, date, id"));
    s->BindText(1, recipient);
    std::vector<DemandCommunication> out;
    while (true) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      out.push_back({s->Int(0), s->Text(1), s->Text(2), s->Text(3), s->Text(4), s->Int(5)});
    }
    return out;
  }

  Result<int64_t> AddProduction(const DemandProduction& p) override {
    if (p.recipient.empty()) return InvalidArgumentError("a production needs a recipient");
    BATES_RETURN_IF_ERROR(CheckDate(p.received, "received date"));
    int64_t id = 0;
    Status saved = store_.InSavepoint("demand_production", [&]() -> Status {
      BATES_ASSIGN_OR_RETURN(
          auto s, store_.statements().Use(
                      "INSERT INTO demand_production (recipient, volume, folder, received, "
                      "documents, verified, late, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                      "?7, ?8)"));
      s->BindText(1, p.recipient);
      s->BindText(2, p.volume);
      s->BindText(3, p.folder);
      s->BindText(4, p.received);
      s->BindInt(5, p.documents);
      s->BindInt(6, p.verified ? 1 : 0);
      s->BindInt(7, p.late ? 1 : 0);
      s->BindInt(8, p.recorded_at);
      Status status = s->Run();
      if (!status.ok()) return status.WithContext("recording a received production");
      id = sqlite3_last_insert_rowid(store_.db());
      BATES_ASSIGN_OR_RETURN(
          auto d, store_.statements().Use("INSERT INTO demand_production_defect (production_id, "
                                          "seq, kind, detail) VALUES (?1, ?2, ?3, ?4)"));
      for (size_t i = 0; i < p.defects.size(); ++i) {
        d->BindInt(1, id);
        d->BindInt(2, static_cast<int64_t>(i));
        d->BindText(3, p.defects[i].kind);
        d->BindText(4, p.defects[i].detail);
        BATES_RETURN_IF_ERROR(d->Run());
        d->Reset();
      }
      return Status::Ok();
    });
    if (!saved.ok()) return saved;
    return id;
  }

  Result<std::vector<DemandProduction>> Productions(const std::string& recipient) override {
    BATES_ASSIGN_OR_RETURN(
        auto s, store_.statements().Use(
                    "SELECT id, recipient, volume, folder, received, documents, verified, late, "
                    "recorded_at FROM demand_production WHERE ?1 = '' OR recipient = ?1 "
                    "ORDER BY recipient, received, id"));
    s->BindText(1, recipient);
    std::vector<DemandProduction> out;
    while (true) {
      BATES_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      DemandProduction p;
      p.id = s->Int(0);
      p.recipient = s->Text(1);
      p.volume = s->Text(2);
      p.folder = s->Text(3);
      p.received = s->Text(4);
      p.documents = s->Int(5);
      p.verified = s->Int(6) != 0;
      p.late = s->Int(7) != 0;
      p.recorded_at = s->Int(8);
      out.push_back(std::move(p));
    }
    BATES_ASSIGN_OR_RETURN(
        auto d, store_.statements().Use("SELECT kind, detail FROM demand_production_defect WHERE "
                                        "production_id = ?1 ORDER BY seq"));
    for (DemandProduction& p : out) {
      d->BindInt(1, p.id);
      while (true) {
        BATES_ASSIGN_OR_RETURN(bool row, d->Step());
        if (!row) break;
        p.defects.push_back({d->Text(0), d->Text(1)});
      }
      d->Reset();
    }
    return out;
  }

 private:
  SqliteStore& store_;
};

}  // namespace

DemandStore& SqliteStore::demand() {
  if (!demand_) demand_ = std::make_unique<SqliteDemandStore>(*this);
  return *demand_;
}

}  // namespace sqlite
}  // namespace bates::store
