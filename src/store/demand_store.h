// DemandStore: demand tracking on the requester's side (issue 9), tables from
// schema/0009_demand.sql — per recipient of a demand spec, a dated status history, a
// communications log, and the productions received with the defects intake found in them.
//
// Recipients are keyed by their spec id; the spec (demand/spec.h) stays the source of names,
// agencies and deadline rules. The store keeps what it is given; what the history means (due
// dates, paused clocks, follow-ups) is demand/track.h's.
//
// Thread safety: as CaseStore — one per thread, reached through CaseStore::demand().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace bates::store {

// The statuses a recipient can be put in, in the order of a demand's life.
inline constexpr const char* kDemandStatuses[] = {"issued",
                                                  "served",
                                                  "acknowledged",
                                                  "waiting_on_requester",
                                                  "extension_granted",
                                                  "partial_production",
                                                  "production_complete",
                                                  "no_responsive_documents",
                                                  "deficient",
                                                  "overdue",
                                                  "escalated",
                                                  "in_litigation",
                                                  "closed"};
bool IsDemandStatus(const std::string& status);

struct DemandStatusEvent {
  int64_t id = 0;  // assigned by the store
  std::string recipient;
  std::string date;  // YYYY-MM-DD
  std::string status;
  std::string note;
  std::optional<std::string> new_due;   // extension_granted: YYYY-MM-DD
  std::optional<std::string> promised;  // YYYY-MM-DD
  int64_t recorded_at = 0;              // unix seconds
  std::string actor;
};

struct DemandCommunication {
  int64_t id = 0;
  std::string recipient;
  std::string date;       // YYYY-MM-DD
  std::string direction;  // "sent" or "received"
  std::string summary;
  int64_t recorded_at = 0;
};

struct DemandProductionDefect {
  std::string kind;
  std::string detail;
};

struct DemandProduction {
  int64_t id = 0;
  std::string recipient;
  std::string volume;
  std::string folder;
  std::string received;  // YYYY-MM-DD
  int64_t documents = 0;
  bool verified = false;
  bool late = false;
  int64_t recorded_at = 0;
  std::vector<DemandProductionDefect> defects;
};

class DemandStore {
 public:
  virtual ~DemandStore() = default;

  // Appends a status event; returns its id. An unknown status, an empty recipient or a date that
  // is not YYYY-MM-DD is InvalidArgument.
  virtual Result<int64_t> AddStatusEvent(const DemandStatusEvent& event) = 0;
  // A recipient's events ("" for every recipient's), by recipient, date, then order recorded.
  virtual Result<std::vector<DemandStatusEvent>> StatusEvents(const std::string& recipient) = 0;

  virtual Result<int64_t> AddCommunication(const DemandCommunication& communication) = 0;
  virtual Result<std::vector<DemandCommunication>> Communications(const std::string& recipient) = 0;

  // Records a received production with its defects (one atomic step); returns its id.
  virtual Result<int64_t> AddProduction(const DemandProduction& production) = 0;
  virtual Result<std::vector<DemandProduction>> Productions(const std::string& recipient) = 0;
};

}  // namespace bates::store
