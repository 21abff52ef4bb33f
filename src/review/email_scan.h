// ScanEmailsAroundAt: the personal-data scan's email pattern, run only where an address can be.
//
// An address holds exactly one '@', and every character of a match is a local-part character
// ([A-Za-z0-9._%+-]) before it or a domain character ([A-Za-z0-9.-]) after it. So the pattern
// runs only over the stretch those characters allow around each '@', plus one character on each
// side so that \b sees what the whole text would show it. The matches are the same as a scan of
// the whole text (email_scan_test checks it on random text); in the one pass over every
// pattern, the email pattern took most of the time (docs/REVIEW.md, "Speed").
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "core/status.h"
#include "review/pattern_set.h"

namespace bates::review {

// Calls on_match(start, end) (bytes of `text`) for each match of `email_set` (which must hold
// the email pattern alone) that contains an '@', in order of the '@', then of end.
Status ScanEmailsAroundAt(PatternSet& email_set, std::string_view text,
                          const std::function<void(uint64_t start, uint64_t end)>& on_match);

}  // namespace bates::review
