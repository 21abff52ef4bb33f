// Demand tracking actions (engine/demand_track.h): serve, log, status, remind, deficiency.
#include "engine/demand_track.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace bates::engine {
namespace {

using demand::CivilDate;
using json = nlohmann::ordered_json;

std::optional<std::string> DateText(const std::optional<CivilDate>& d) {
  if (!d) return std::nullopt;
  return d->ToString();
}

Result<std::optional<CivilDate>> ParseStored(const std::optional<std::string>& text) {
  if (!text) return std::optional<CivilDate>();
  BATES_ASSIGN_OR_RETURN(CivilDate d, demand::ParseCivilDate(*text));
  return std::optional<CivilDate>(d);
}

Status CheckRecipient(const demand::DemandSpec& spec, const std::string& recipient) {
  if (spec.FindRecipient(recipient) != nullptr) return Status::Ok();
  return NotFoundError("recipient '{}' is not in {} (see `bates demand check`)", recipient,
                       spec.source_path);
}

std::string Dump(const json& j, int indent) {
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

json DateOrNull(const std::optional<CivilDate>& d) { return d ? json(d->ToString()) : json(); }

}  // namespace

Status DemandServe(Case& matter, const demand::DemandSpec& spec, const std::string& recipient,
                   const CivilDate& date) {
  DemandLogRequest log;
  log.recipient = recipient;
  log.status = "served";
  log.date = date;
  log.note = "demand served";
  return DemandLog(matter, spec, log);
}

Status DemandLog(Case& matter, const demand::DemandSpec& spec, const DemandLogRequest& request) {
  BATES_RETURN_IF_ERROR(CheckRecipient(spec, request.recipient));
  if (!store::IsDemandStatus(request.status)) {
    std::string known;
    for (const char* s : store::kDemandStatuses)
      known += std::string(known.empty() ? "" : ", ") + s;
    return InvalidArgumentError("status '{}': expected one of {}", request.status, known);
  }
  if (request.status == "extension_granted" && !request.new_due) {
    return InvalidArgumentError("extension_granted needs the new due date (--new-due)");
  }
  if (request.new_due && request.status != "extension_granted") {
    return InvalidArgumentError("--new-due goes with --status extension_granted");
  }
  // The clock is read once here so the store, the audit and the caller agree on "today".
  CivilDate date = request.date ? *request.date : TodayUtc(CaseOptions{});
  store::DemandStatusEvent e;
  e.recipient = request.recipient;
  e.date = date.ToString();
  e.status = request.status;
  e.note = request.note;
  e.new_due = DateText(request.new_due);
  e.promised = DateText(request.promised);
  store::DemandCommunication c;
  c.recipient = request.recipient;
  c.date = e.date;
  // Service and the requester's own letters go out; everything else is the recipient's doing.
  c.direction =
      request.status == "served" || request.status == "issued" || request.status == "escalated"
          ? "sent"
          : "received";
  c.summary = request.note.empty() ? request.status : request.status + ": " + request.note;
  json detail;
  detail["recipient"] = e.recipient;
  detail["date"] = e.date;
  detail["status"] = e.status;
  detail["note"] = e.note;
  if (e.new_due) detail["new_due"] = *e.new_due;
  if (e.promised) detail["promised"] = *e.promised;
  store::DemandStore& ds = matter.demand_store();
  return matter.InDemandTransaction([&]() -> Status {
    BATES_ASSIGN_OR_RETURN(int64_t id, ds.AddStatusEvent(e));
    detail["event"] = id;
    Result<int64_t> logged = ds.AddCommunication(c);
    if (!logged.ok()) return logged.status();
    return matter.RecordDemandChange(request.status == "served" ? "demand.serve" : "demand.log",
                                     Dump(detail, -1));
  });
}

Result<DemandStatusReport> DemandStatus(Case& matter, const demand::DemandSpec& spec,
                                        const CivilDate& as_of, int follow_up_days) {
  store::DemandStore& ds = matter.demand_store();
  BATES_ASSIGN_OR_RETURN(std::vector<store::DemandStatusEvent> events, ds.StatusEvents(""));
  BATES_ASSIGN_OR_RETURN(std::vector<store::DemandCommunication> comms, ds.Communications(""));
  BATES_ASSIGN_OR_RETURN(std::vector<store::DemandProduction> productions, ds.Productions(""));
  DemandStatusReport report;
  report.spec = spec.source_path;
  report.as_of = as_of;
  for (const demand::Recipient& r : spec.recipients) {
    DemandStatusRow row;
    row.recipient = r.id;
    row.name = r.name;
    row.agency = r.agency;
    row.time_zone = r.time_zone;
    std::vector<demand::TrackEvent> track;
    for (const store::DemandStatusEvent& e : events) {
      if (e.recipient != r.id) continue;
      BATES_ASSIGN_OR_RETURN(CivilDate date, demand::ParseCivilDate(e.date));
      if (as_of < date) continue;
      BATES_ASSIGN_OR_RETURN(auto new_due, ParseStored(e.new_due));
      BATES_ASSIGN_OR_RETURN(auto promised, ParseStored(e.promised));
      track.push_back({date, e.status, new_due, promised});
      row.last_note = e.note;
    }
    row.state = demand::ComputeRecipientState(spec.deadline, track, as_of, r.state);
    for (const store::DemandCommunication& c : comms) {
      if (c.recipient != r.id) continue;
      BATES_ASSIGN_OR_RETURN(CivilDate date, demand::ParseCivilDate(c.date));
      if (as_of < date) continue;
      if (!row.last_communication || *row.last_communication < date) row.last_communication = date;
    }
    row.next_follow_up = demand::NextFollowUp(row.state, row.last_communication, follow_up_days);
    std::map<std::string, int64_t> kinds;
    for (const store::DemandProduction& p : productions) {
      if (p.recipient != r.id) continue;
      BATES_ASSIGN_OR_RETURN(CivilDate received, demand::ParseCivilDate(p.received));
      if (as_of < received) continue;
      row.late = row.late || p.late;
      for (const auto& d : p.defects) ++kinds[d.kind];
      row.productions.push_back(p);
    }
    if (row.state.status != "closed") row.open_deficiencies.assign(kinds.begin(), kinds.end());
    report.rows.push_back(std::move(row));
  }
  return report;
}

Result<std::vector<DemandReminder>> DemandRemind(Case& matter, const demand::DemandSpec& spec,
                                                 const CivilDate& as_of, int follow_up_days) {
  BATES_ASSIGN_OR_RETURN(DemandStatusReport status,
                         DemandStatus(matter, spec, as_of, follow_up_days));
  std::vector<DemandReminder> out;
  for (const DemandStatusRow& row : status.rows) {
    const demand::RecipientState& s = row.state;
    if (s.overdue) {
      out.push_back({row.recipient, "overdue", *s.due,
                     fmt::format("due {} 23:59 {}, {} day(s) late, status {}", s.due->ToString(),
                                 row.time_zone, -*s.days_left, s.status)});
    }
    if (s.paused) {
      out.push_back({row.recipient, "waiting_on_requester", as_of,
                     fmt::format("the recipient's clock is paused ({} day(s)) until the "
                                 "requester answers",
                                 s.paused_days)});
    }
    if (row.next_follow_up && !(as_of < *row.next_follow_up)) {
      std::string why = row.last_communication ? fmt::format("last communication {}",
                                                             row.last_communication->ToString())
                                               : fmt::format("served {}", s.served->ToString());
      if (s.promised) why += fmt::format("; promised by {}", s.promised->ToString());
      out.push_back({row.recipient, "follow_up", *row.next_follow_up, why});
    }
  }
  auto rank = [](const std::string& kind) {
    return kind == "overdue" ? 0 : kind == "waiting_on_requester" ? 1 : 2;
  };
  std::stable_sort(out.begin(), out.end(), [&](const DemandReminder& a, const DemandReminder& b) {
    if (rank(a.kind) != rank(b.kind)) return rank(a.kind) < rank(b.kind);
    return a.date < b.date;
  });
  return out;
}

Result<DemandDeficiencyReport> DemandDeficiencyFor(Case& matter, const demand::DemandSpec& spec,
                                                   const std::string& recipient,
                                                   const CivilDate& as_of) {
  BATES_RETURN_IF_ERROR(CheckRecipient(spec, recipient));
  BATES_ASSIGN_OR_RETURN(DemandStatusReport status, DemandStatus(matter, spec, as_of, 14));
  DemandDeficiencyReport out;
  for (DemandStatusRow& row : status.rows) {
    if (row.recipient == recipient) out.row = std::move(row);
  }
  out.recipient = out.row.recipient;
  out.name = out.row.name;
  out.agency = out.row.agency;
  const demand::RecipientState& s = out.row.state;
  if (s.overdue) {
    out.deficiencies.push_back(
        {"overdue", fmt::format("due {} 23:59 {}; {} day(s) late and not complete",
                                s.due->ToString(), out.row.time_zone, -*s.days_left)});
  }
  int64_t documents = 0;
  for (const store::DemandProduction& p : out.row.productions) {
    documents += p.documents;
    if (p.late) {
      out.deficiencies.push_back(
          {"late", fmt::format("{} received {}{}", p.volume, p.received,
                               s.due ? ", after the due date " + s.due->ToString() : "")});
    }
    if (!p.verified) {
      out.deficiencies.push_back({"unverified", fmt::format("{} ({} documents) failed verification",
                                                            p.volume, p.documents)});
    }
    for (const auto& d : p.defects) {
      if (d.kind == "late") continue;  // reported above, once per volume
      out.deficiencies.push_back({d.kind, fmt::format("{}: {}", p.volume, d.detail)});
    }
  }
  // Without documents coded to requests, a request is known to be unanswered only when nothing
  // at all has been produced.
  if (documents == 0 && s.status != "no_responsive_documents") {
    for (const demand::DemandRequest& r : spec.requests) {
      out.requests_without_production.push_back(r.number);
    }
    if (s.served) {
      out.deficiencies.push_back(
          {"nothing_produced", fmt::format("no documents received for any of the {} request(s)",
                                           spec.requests.size())});
    }
  }
  return out;
}

namespace {

json RowJson(const DemandStatusRow& row) {
  const demand::RecipientState& s = row.state;
  json j;
  j["recipient"] = row.recipient;
  j["name"] = row.name;
  j["agency"] = row.agency;
  j["status"] = s.status;
  j["served"] = DateOrNull(s.served);
  j["due"] = DateOrNull(s.due);
  j["due_time"] = "23:59";
  j["time_zone"] = row.time_zone;
  j["days_left"] = s.days_left ? json(*s.days_left) : json();
  j["overdue"] = s.overdue;
  j["open"] = s.open;
  j["paused"] = s.paused;
  j["paused_days"] = s.paused_days;
  j["extended"] = s.extended;
  j["promised"] = DateOrNull(s.promised);
  j["last_communication"] = DateOrNull(row.last_communication);
  j["next_follow_up"] = DateOrNull(row.next_follow_up);
  j["note"] = row.last_note;
  j["late"] = row.late;
  json prods = json::array();
  for (const store::DemandProduction& p : row.productions) {
    json kinds = json::object();
    for (const auto& d : p.defects) kinds[d.kind] = kinds.value(d.kind, 0) + 1;
    prods.push_back({{"volume", p.volume},
                     {"received", p.received},
                     {"documents", p.documents},
                     {"verified", p.verified},
                     {"late", p.late},
                     {"defects", kinds}});
  }
  j["productions"] = std::move(prods);
  json open = json::object();
  for (const auto& [kind, count] : row.open_deficiencies) open[kind] = count;
  j["open_deficiencies"] = std::move(open);
  return j;
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string ToJson(const DemandStatusReport& report) {
  json j;
  j["spec"] = report.spec;
  j["as_of"] = report.as_of.ToString();
  json rows = json::array();
  for (const DemandStatusRow& row : report.rows) rows.push_back(RowJson(row));
  j["recipients"] = std::move(rows);
  return Dump(j, 2);
}

std::string ToJson(const std::vector<DemandReminder>& reminders) {
  json rows = json::array();
  for (const DemandReminder& r : reminders) {
    rows.push_back({{"recipient", r.recipient},
                    {"kind", r.kind},
                    {"date", r.date.ToString()},
                    {"reason", r.reason}});
  }
  return Dump(rows, 2);
}

std::string ToJson(const DemandDeficiencyReport& report) {
  json j;
  j["recipient"] = report.recipient;
  j["name"] = report.name;
  j["agency"] = report.agency;
  j["status"] = RowJson(report.row);
  j["requests_without_production"] = report.requests_without_production;
  json defs = json::array();
  for (const DemandDeficiency& d : report.deficiencies) {
    defs.push_back({{"kind", d.kind}, {"detail", d.detail}});
  }
  j["deficiencies"] = std::move(defs);
  return Dump(j, 2);
}

std::string ToCsv(const DemandStatusReport& report) {
  std::string out =
      "recipient,agency,status,served,due,time_zone,days_left,overdue,paused_days,productions,"
      "verified,late,open_deficiencies,note\n";
  for (const DemandStatusRow& row : report.rows) {
    const demand::RecipientState& s = row.state;
    int64_t verified = 0;
    for (const auto& p : row.productions) verified += p.verified ? 1 : 0;
    int64_t open = 0;
    for (const auto& kv : row.open_deficiencies) open += kv.second;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", CsvField(row.recipient),
                       CsvField(row.agency), s.status, s.served ? s.served->ToString() : "",
                       s.due ? s.due->ToString() : "", row.time_zone,
                       s.days_left ? std::to_string(*s.days_left) : "", s.overdue ? "yes" : "no",
                       s.paused_days, row.productions.size(), verified, row.late ? "yes" : "no",
                       open, CsvField(row.last_note));
  }
  return out;
}

}  // namespace bates::engine
