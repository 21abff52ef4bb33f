// The requester's status board (engine/demand_board.h): the status table plus its history.
#include "engine/demand_board.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "demand/calendar.h"
#include "store/demand_store.h"

namespace bates::engine {
namespace {

using demand::CivilDate;
using json = nlohmann::ordered_json;

struct Received {
  std::string recipient;
  CivilDate date;
  int64_t documents = 0;
};

// Every recipient's status events, parsed, in the store's order (date, then as recorded).
Result<std::map<std::string, std::vector<demand::TrackEvent>>> EventsByRecipient(
    store::DemandStore& ds) {
  BATES_ASSIGN_OR_RETURN(std::vector<store::DemandStatusEvent> events, ds.StatusEvents(""));
  std::map<std::string, std::vector<demand::TrackEvent>> out;
  for (const store::DemandStatusEvent& e : events) {
    demand::TrackEvent t;
    BATES_ASSIGN_OR_RETURN(t.date, demand::ParseCivilDate(e.date));
    t.status = e.status;
    if (e.new_due) {
      BATES_ASSIGN_OR_RETURN(t.new_due, demand::ParseCivilDate(*e.new_due));
    }
    if (e.promised) {
      BATES_ASSIGN_OR_RETURN(t.promised, demand::ParseCivilDate(*e.promised));
    }
    out[e.recipient].push_back(std::move(t));
  }
  return out;
}

Result<std::vector<Received>> ProductionsReceived(store::DemandStore& ds,
                                                  const demand::DemandSpec& spec) {
  BATES_ASSIGN_OR_RETURN(std::vector<store::DemandProduction> productions, ds.Productions(""));
  std::vector<Received> out;
  for (const store::DemandProduction& p : productions) {
    // A recipient since taken out of the spec is not on the board, so not in its chart either.
    if (spec.FindRecipient(p.recipient) == nullptr) continue;
    BATES_ASSIGN_OR_RETURN(CivilDate date, demand::ParseCivilDate(p.received));
    out.push_back({p.recipient, date, p.documents});
  }
  return out;
}

// The days charted, oldest first, ending on `as_of`, at most kMaxBoardPoints of them.
std::vector<CivilDate> ChartDays(const CivilDate& start, const CivilDate& as_of, int& step) {
  int64_t span = std::max<int64_t>(0, demand::DaysBetween(start, as_of));
  step =
      static_cast<int>(std::max<int64_t>(1, (span + kMaxBoardPoints - 2) / (kMaxBoardPoints - 1)));
  std::vector<CivilDate> days;
  for (int64_t back = 0; back <= span; back += step) {
    days.push_back(demand::AddDays(as_of, static_cast<int>(-back)));
  }
  std::reverse(days.begin(), days.end());
  return days;
}

}  // namespace

std::string BoardStatus(const demand::RecipientState& state) {
  return state.overdue ? "overdue" : state.status;
}

Result<DemandBoard> DemandBoardFor(Case& matter, const demand::DemandSpec& spec,
                                   const CivilDate& as_of, int follow_up_days) {
  DemandBoard board;
  BATES_ASSIGN_OR_RETURN(board.status, DemandStatus(matter, spec, as_of, follow_up_days));
  store::DemandStore& ds = matter.demand_store();
  BATES_ASSIGN_OR_RETURN(auto events, EventsByRecipient(ds));
  BATES_ASSIGN_OR_RETURN(std::vector<Received> received, ProductionsReceived(ds, spec));

  CivilDate start = as_of;
  for (const demand::Recipient& r : spec.recipients) {
    auto it = events.find(r.id);
    if (it != events.end() && !it->second.empty()) start = std::min(start, it->second.front().date);
  }
  for (const Received& p : received) start = std::min(start, p.date);

  std::vector<CivilDate> days = ChartDays(start, as_of, board.step_days);
  static const std::vector<demand::TrackEvent> kNoEvents;
  int64_t to_date = 0;
  for (size_t i = 0; i < days.size(); ++i) {
    DemandBoardDay point;
    point.date = days[i];
    for (const demand::Recipient& r : spec.recipients) {
      auto it = events.find(r.id);
      const auto& track = it == events.end() ? kNoEvents : it->second;
      ++point.statuses[BoardStatus(
          demand::ComputeRecipientState(spec.deadline, track, point.date, r.state))];
    }
    std::set<std::string> produced;
    for (const Received& p : received) {
      if (point.date < p.date) continue;
      produced.insert(p.recipient);
      // The first point takes in everything before it: the history starts there.
      if (i > 0 && !(days[i - 1] < p.date)) continue;
      ++point.productions;
      point.documents += p.documents;
    }
    to_date += point.productions;
    point.productions_to_date = to_date;
    point.recipients_produced = static_cast<int64_t>(produced.size());
    board.history.push_back(std::move(point));
  }
  return board;
}

std::string ToJson(const DemandBoard& board) {
  json j = json::parse(ToJson(board.status));
  json statuses = json::array({"not_served"});
  for (const char* s : store::kDemandStatuses) statuses.push_back(s);
  j["statuses"] = std::move(statuses);
  json days = json::array();
  for (const DemandBoardDay& d : board.history) {
    json counts = json::object();
    for (const auto& [status, n] : d.statuses) counts[status] = n;
    days.push_back({{"date", d.date.ToString()},
                    {"statuses", std::move(counts)},
                    {"productions", d.productions},
                    {"documents", d.documents},
                    {"productions_to_date", d.productions_to_date},
                    {"recipients_produced", d.recipients_produced}});
  }
  j["history"] = {{"step_days", board.step_days}, {"days", std::move(days)}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace bates::engine
