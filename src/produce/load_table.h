// The DAT/CSV rows of a volume, from what was produced: one row per document, the spec's fields
// in the spec's order under the spec's names. Family fields come from the production itself:
// BEGATTACH/ENDATTACH span the family's first to last page, PARENTBATES is the parent's
// BEGBATES, ATTACHCOUNT counts the document's produced children. Internal to produce.
#pragma once

#include <vector>

#include "produce/volume.h"

namespace bates::produce {

loadfile::LoadTable MakeLoadTable(const VolumeRequest& request,
                                  const std::vector<DocumentInput>& inputs,
                                  const std::vector<ProducedDoc>& docs);

}  // namespace bates::produce
