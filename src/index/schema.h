// Schema: how an item is laid out in the Xapian database — the term prefixes, the value slots, and
// the rules that turn field text into terms. The writer indexes by these rules and index::Query
// normalises what a user typed by the same rules, so the two cannot drift apart. This header is
// the written specification of the on-disk index; changing a prefix or slot needs a reindex.
//
// Terms (all text with diacritics folded, "Müller" → "muller", then lower-cased as
// Xapian::Unicode::tolower does):
//   (none)  body text, with positions; address-looking tokens also whole ("a@b.example")
//   S       subject, with positions; address-looking tokens also whole
//   XFROM XTO XCC XBCC  per address: the whole address, its local part (and the words of a
//           dotted local part), the full domain and each parent domain; the display name's words
//           with positions
//   XCUST   custodian: the whole name as one term ("chief ramos"), and its words with positions
//   XFN     file name: the whole name as one term ("report_final.pdf"), and its words with
//           positions ('_' separates words here, so "final" and "pdf" are words)
//   T       type: the MIME type, its major and minor parts, its family ("pdf", "email") and the
//           item kind ("attachment")
//   Q       unique id: "Q" + decimal item id
//   XIS     analytics flags (issue 5): "duplicate", "inclusive", "pivot", "nearduplicate"
//   XTHREAD the email thread's id, XNEAR the near-duplicate group's id (decimal item ids)
//           The analytics terms are boolean, written by `bates analyze` onto documents already
//           indexed (IndexWriter::ReplaceFilterTerms) and replaced whole by each run.
//   Z...    stems (English, Xapian's STEM_SOME): "Z" + prefix + stem, without positions
// Document data: the decimal item id.
// Values: see the k*Slot constants; dates are sortable_serialise(UTC seconds), absent when the
// item has no such date.
//
// Whole-value terms longer than Xapian's limit are skipped (the words remain searchable).
//
// Thread safety: constants and pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bates::index::schema {

inline constexpr std::string_view kPrefixBody{};  // unprefixed
inline constexpr std::string_view kPrefixSubject = "S";
inline constexpr std::string_view kPrefixFrom = "XFROM";
inline constexpr std::string_view kPrefixTo = "XTO";
inline constexpr std::string_view kPrefixCc = "XCC";
inline constexpr std::string_view kPrefixBcc = "XBCC";
inline constexpr std::string_view kPrefixCustodian = "XCUST";
inline constexpr std::string_view kPrefixFileName = "XFN";
inline constexpr std::string_view kPrefixType = "T";
inline constexpr std::string_view kPrefixId = "Q";
inline constexpr std::string_view kPrefixStem = "Z";
inline constexpr std::string_view kPrefixIs = "XIS";
inline constexpr std::string_view kPrefixThread = "XTHREAD";
inline constexpr std::string_view kPrefixNearGroup = "XNEAR";
// The prefixes IndexWriter::ReplaceFilterTerms owns.
inline constexpr std::string_view kFilterPrefixes[] = {kPrefixIs, kPrefixThread, kPrefixNearGroup};

inline constexpr unsigned kSortDateSlot = 0;
inline constexpr unsigned kSentSlot = 1;
inline constexpr unsigned kCreatedSlot = 2;
inline constexpr unsigned kModifiedSlot = 3;
inline constexpr unsigned kSizeSlot = 4;      // bytes
inline constexpr unsigned kIdSlot = 5;        // item id, for ordering and DeleteAbove
inline constexpr unsigned kFamilyIdSlot = 6;  // family head's item id

// Xapian (glass) refuses terms longer than this many bytes, prefix included.
inline constexpr size_t kMaxTermBytes = 245;

// Folds diacritics (core/text.h) and lower-cases as Xapian does (Unicode simple case folding of
// each code point): how every whole-value term and typed word is normalised.
std::string Lower(std::string_view text);
// Diacritics folded, case kept: what the writer gives Xapian's TermGenerator (which lower-cases).
std::string Fold(std::string_view text);

// Whether `word` (as typed, without surrounding punctuation) looks like an email address:
// local@domain.tld.
bool LooksLikeAddress(std::string_view word);
// Every address-looking token in free text, lower-cased, in order of appearance.
std::vector<std::string> FindAddresses(std::string_view text);

// The whole-value terms (without prefix) of one address: the address, its local part, the words
// of a local part joined by '.', '_', '-' or '+', the domain and each parent domain.
// "Chief@PD.larkspur.example" → chief@pd.larkspur.example, chief, pd.larkspur.example,
// larkspur.example, example.
std::vector<std::string> AddressTerms(std::string_view address);
// The address without surrounding spaces and angle brackets.
std::string_view TrimAddress(std::string_view address);

// The friendly family of a MIME type: "email", "pdf", "html", "text", "zip", "word", "excel",
// "powerpoint", "image", "mbox"...; empty when there is none.
std::string_view TypeFamily(std::string_view mime_type);

// The words Xapian's TermGenerator makes of `text`, folded and lower-cased, in order (what a
// positional field holds and what a phrase must match).
std::vector<std::string> Words(std::string_view text);

// File names treat '_' as a word separator (Xapian would keep "report_final" as one word).
std::string FileNameText(std::string_view file_name);

}  // namespace bates::index::schema
