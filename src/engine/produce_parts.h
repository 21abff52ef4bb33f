// What the engine's production action (produce.cc) uses to feed the produce module from the case:
// the facts its plan needs, the documents' content, and the certificate's facts. Internal.
#pragma once

#include <map>
#include <set>
#include <string>

#include "engine/case_parts.h"
#include "produce/certificate.h"
#include "produce/plan.h"
#include "produce/volume.h"
#include "store/analytics_store.h"

namespace bates::engine {

// Every item of the matter as the plan sees it, with the last analysis's duplicate masters.
Result<std::vector<produce::PlanItem>> GatherPlanItems(CaseParts& parts);

// Documents from the store and the blob store.
class CaseContentSource : public produce::ContentSource {
 public:
  CaseContentSource(CaseParts& parts, const produce::Plan& plan) : parts_(parts), plan_(plan) {}
  Result<produce::DocumentInput> Document(model::ItemId id) override;
  Result<std::string> Native(model::ItemId id) override;
  // The redacted text for an item with redactions (Document() is asked first), else extracted.
  Result<std::string> Text(model::ItemId id) override;

 private:
  Status ApplyRedactions(const store::Item& item, produce::DocumentInput& d);

  CaseParts& parts_;
  const produce::Plan& plan_;
  std::map<model::ItemId, std::string> redacted_text_;
};

// What was collected and searched, for the certificate (the production's own figures are added by
// the caller).
Result<produce::CertificateData> GatherCertificateFacts(CaseParts& parts);

}  // namespace bates::engine
