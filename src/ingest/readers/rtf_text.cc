#include "ingest/readers/rtf_text.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "ingest/readers/codepage.h"

namespace bates::ingest {
namespace {

// Where the text of a group goes.
enum class Dest {
  kText,       // the document's text
  kSkip,       // nowhere (tables, pictures, field instructions, unknown \* destinations)
  kFontTable,  // read for the charsets of fonts, text dropped
  kInfo,       // \info: its own text dropped, its fields kept
  kInfoField,  // one \info text field (title, author...)
  kInfoTime,   // \creatim or \revtim: numbers only
  kHtmlTag,    // \*\htmltag in HTML-encapsulated RTF: HTML only
};

enum class InfoField {
  kNone,
  kTitle,
  kSubject,
  kAuthor,
  kOperator,
  kKeywords,
  kComments,
  kCompany,
  kCategory,
  kManager
};

struct TimeFields {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
};

struct State {
  Dest dest = Dest::kText;
  int uc = 1;
  int font = -1;
  bool htmlrtf = false;
  bool annotation = false;  // inside a comment (\annotation): set apart from the text around it
  InfoField field = InfoField::kNone;
  int time_slot = 0;  // 1: created, 2: modified
};

// Destinations whose whole group is dropped even when not marked \*.
bool IsSkippedDestination(std::string_view word) {
  static constexpr std::string_view kSkipped[] = {"colortbl",
                                                  "stylesheet",
                                                  "listtable",
                                                  "listoverridetable",
                                                  "revtbl",
                                                  "rsidtbl",
                                                  "filetbl",
                                                  "pgdsctbl",
                                                  "pict",
                                                  "objdata",
                                                  "objclass",
                                                  "objname",
                                                  "objalias",
                                                  "objsect",
                                                  "fldinst",
                                                  "datafield",
                                                  "template",
                                                  "xmlnstbl",
                                                  "themedata",
                                                  "colorschememapping",
                                                  "latentstyles",
                                                  "datastore",
                                                  "nonshppict",
                                                  "shprslt",
                                                  "sp",
                                                  "sn",
                                                  "sv",
                                                  "ftnsep",
                                                  "ftnsepc",
                                                  "aftnsep",
                                                  "aftnsepc",
                                                  "fchars",
                                                  "lchars",
                                                  "printim",
                                                  "buptim",
                                                  "bkmkstart",
                                                  "bkmkend",
                                                  "atnid",
                                                  "atnauthor",
                                                  "atndate",
                                                  "atnicn",
                                                  "atnref",
                                                  "atntime",
                                                  "atrfstart",
                                                  "atrfend",
                                                  "xe",
                                                  "tc",
                                                  "docvar",
                                                  "userprops",
                                                  "panose",
                                                  "falt",
                                                  "leveltext",
                                                  "levelnumbers",
                                                  "listname",
                                                  "generator",
                                                  "mmathPr",
                                                  "wgrffmtfilter",
                                                  "passwordhash",
                                                  "protusertbl",
                                                  "pn",
                                                  "pntxta",
                                                  "pntxtb",
                                                  "blipuid",
                                                  "mhtmltag",
                                                  "hlinkbase",
                                                  "keycode",
                                                  "background",
                                                  "oldcprops",
                                                  "oldpprops",
                                                  "oldtprops",
                                                  "oldsprops",
                                                  "factoidname",
                                                  "ebcstart",
                                                  "ebcend",
                                                  "file",
                                                  "txe",
                                                  "formfield",
                                                  "ffname",
                                                  "ffdeftext",
                                                  "ffformat",
                                                  "ffhelptext",
                                                  "ffstattext",
                                                  "ffentrymcr",
                                                  "ffexitmcr",
                                                  "ffl",
                                                  "listpicture",
                                                  "picprop",
                                                  "shpgrp"};
  for (std::string_view s : kSkipped) {
    if (word == s) return true;
  }
  return false;
}

// Destinations marked \* that hold text we keep.
bool IsKeptStarredDestination(std::string_view word) {
  static constexpr std::string_view kKept[] = {"shpinst",  "shptxt",  "annotation", "ud",
                                               "footnote", "fldrslt", "pntext",     "listtext"};
  for (std::string_view s : kKept) {
    if (word == s) return true;
  }
  return false;
}

// The parser. One pass over the input; every loop advances `pos_`.
class RtfParser {
 public:
  RtfParser(std::string_view in, const RtfOptions& options) : in_(in), options_(options) {
    stack_.reserve(64);
    stack_.push_back(State{});
  }

  RtfText Run() {
    while (pos_ < in_.size()) {
      char c = in_[pos_];
      if (c == '{') {
        ++pos_;
        OpenGroup();
      } else if (c == '}') {
        ++pos_;
        CloseGroup();
      } else if (c == '\\') {
        ++pos_;
        Control();
      } else if (c == '\r' || c == '\n') {
        ++pos_;
      } else {
        ++pos_;
        group_start_ = false;
        if (overflow_ > 0) continue;
        if (c == '\t') {
          Special("\t");
        } else {
          Byte(static_cast<unsigned char>(c));
        }
      }
    }
    Flush();
    Finish();
    return std::move(out_);
  }

 private:
  State& state() { return stack_.back(); }

  void OpenGroup() {
    Flush();
    skip_units_ = 0;
    if (overflow_ > 0 || static_cast<int>(stack_.size()) > options_.max_depth) {
      ++overflow_;
      out_.too_deep = true;
      return;
    }
    stack_.push_back(stack_.back());
    group_start_ = true;
  }

  void CloseGroup() {
    Flush();
    skip_units_ = 0;
    starred_ = false;
    if (overflow_ > 0) {
      --overflow_;
      return;
    }
    if (stack_.size() <= 1) return;  // stray '}': nothing to close
    State closed = stack_.back();
    stack_.pop_back();
    if (stack_.size() == 1 && in_.find_first_of("{}\\", pos_) == std::string_view::npos) {
      // The brace that closes the document, and nothing after it but bytes with no RTF syntax
      // (some writers, or a damaged copy, leave such a tail): they are no part of the document.
      // After a stray brace with more groups to come, reading goes on.
      pos_ = in_.size();
    }
    if (closed.annotation && !stack_.back().annotation && closed.dest == Dest::kText) {
      Emit("] ");
    }
    if (closed.dest == Dest::kInfoTime && stack_.back().dest != Dest::kInfoTime) {
      CommitTime(closed.time_slot);
    }
  }

  // Reads a control word or symbol after its backslash.
  void Control() {
    if (pos_ >= in_.size()) return;
    char c = in_[pos_];
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      ++pos_;
      Symbol(c);
      if (c != '*') group_start_ = false;
      return;
    }
    size_t start = pos_;
    while (pos_ < in_.size() && std::isalpha(static_cast<unsigned char>(in_[pos_])) &&
           pos_ - start < 32) {
      ++pos_;
    }
    std::string_view word = in_.substr(start, pos_ - start);
    while (pos_ < in_.size() && std::isalpha(static_cast<unsigned char>(in_[pos_]))) ++pos_;
    bool has_param = false;
    bool negative = false;
    int64_t param = 0;
    if (pos_ < in_.size() && in_[pos_] == '-' && pos_ + 1 < in_.size() &&
        std::isdigit(static_cast<unsigned char>(in_[pos_ + 1]))) {
      negative = true;
      ++pos_;
    }
    int digits = 0;
    while (pos_ < in_.size() && std::isdigit(static_cast<unsigned char>(in_[pos_]))) {
      if (digits < 10) param = param * 10 + (in_[pos_] - '0');
      ++digits;
      ++pos_;
      has_param = true;
    }
    param = std::clamp<int64_t>(negative ? -param : param, INT32_MIN, INT32_MAX);
    if (pos_ < in_.size() && in_[pos_] == ' ') ++pos_;
    if (overflow_ > 0) {
      if (word == "bin" && has_param && param > 0) SkipBinary(param);
      return;
    }
    Word(word, has_param, static_cast<int>(param));
  }

  void SkipBinary(int64_t n) {
    size_t skip = std::min<uint64_t>(static_cast<uint64_t>(n), in_.size() - pos_);
    pos_ += skip;
  }

  void Symbol(char c) {
    if (overflow_ > 0) {
      if (c == '\'') pos_ = std::min(pos_ + 2, in_.size());
      return;
    }
    switch (c) {
      case '\'': {
        int hi = pos_ < in_.size() ? HexValue(in_[pos_]) : -1;
        int lo = pos_ + 1 < in_.size() ? HexValue(in_[pos_ + 1]) : -1;
        if (hi < 0 || lo < 0) return;
        pos_ += 2;
        Byte(static_cast<unsigned char>(hi * 16 + lo));
        return;
      }
      case '\\':
      case '{':
      case '}':
        Byte(static_cast<unsigned char>(c));
        return;
      case '~':
        Special("\u00A0");
        return;
      case '_':
        Special("\u2011");
        return;
      case '-':  // optional hyphen: shown only at a line end
        ConsumeUnit();
        return;
      case '*':
        // \* marks the group's destination as ignorable only where a destination can be: at
        // the group's start. Elsewhere (some writers put it mid-group) it means nothing.
        starred_ = group_start_;
        return;
      case '\n':
      case '\r':
        Special("\n");
        return;
      case '\t':
        Special("\t");
        return;
      default:
        ConsumeUnit();  // \: \| and unknown symbols are formatting
        return;
    }
  }

  static int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  void Word(std::string_view word, bool has_param, int param) {
    bool starred = starred_;
    starred_ = false;
    group_start_ = false;
    State& s = state();

    // Binary data is skipped wherever it is.
    if (word == "bin") {
      Flush();
      if (has_param && param > 0) SkipBinary(param);
      return;
    }
    // The Unicode twin inside an \upr group is text even though \upr itself is skipped.
    if (word == "ud" && starred) return SetDest(Dest::kText);
    if (s.dest == Dest::kSkip) return;

    // Destinations.
    if (word == "fonttbl") return SetDest(Dest::kFontTable);
    if (word == "info") return SetDest(Dest::kInfo);
    if (word == "pict") {
      ++out_.pictures;
      return SetDest(Dest::kSkip);
    }
    if (word == "annotation") {
      // A comment sits where it was anchored; its brackets keep its words from running into
      // the text's ("textHere").
      SetDest(Dest::kText);
      if (!s.annotation) {
        s.annotation = true;
        Emit(" [comment: ");
      }
      return;
    }
    if (word == "object") {
      ++out_.objects;
      return;  // its \objdata is skipped, its \result kept
    }
    if (word == "htmltag") {
      if (starred && out_.from_html) {
        SetDest(Dest::kHtmlTag);
      } else {
        SetDest(Dest::kSkip);
      }
      return;
    }
    if (word == "upr") return SetDest(Dest::kSkip);  // the ANSI twin of the \ud that follows
    if (s.dest == Dest::kInfo || s.dest == Dest::kInfoField) {
      if (InfoWord(word)) return;
    }
    if (s.dest == Dest::kInfoTime) {
      TimeWord(word, param);
      return;
    }
    if (IsSkippedDestination(word)) return SetDest(Dest::kSkip);
    // An unknown destination marked \* is one a reader may ignore, with all its text.
    if (starred && !IsKeptStarredDestination(word)) return SetDest(Dest::kSkip);

    if (s.dest == Dest::kFontTable) {
      if (word == "f" && has_param) {
        table_font_ = param;
      } else if (word == "fcharset" && has_param && table_font_ >= 0 && fonts_.size() < 65536) {
        int cp = CodepageOfFontCharset(param);
        if (cp != 0) fonts_[table_font_] = cp;
      } else if (word == "cpg" && has_param && table_font_ >= 0 && fonts_.size() < 65536 &&
                 !CodepageCharset(param).empty()) {
        fonts_[table_font_] = param;
      }
      return;
    }

    // Document-wide settings.
    if (word == "ansicpg" && has_param) {
      if (!CodepageCharset(param).empty()) codepage_ = param;
      return;
    }
    if (word == "ansi") return SetCodepage(1252);
    if (word == "mac") return SetCodepage(10000);
    if (word == "pc") return SetCodepage(437);
    if (word == "pca") return SetCodepage(850);
    if (word == "deff" && has_param) {
      default_font_ = param;
      return;
    }
    if (word == "fromhtml") {
      out_.from_html = !has_param || param != 0;
      return;
    }
    if (word == "htmlrtf") {
      Flush();
      s.htmlrtf = !has_param || param != 0;
      return;
    }
    if (word == "uc") {
      if (has_param) s.uc = std::clamp(param, 0, 16);
      return;
    }
    if (word == "u" && has_param) {
      uint32_t unit = static_cast<uint32_t>(param < 0 ? param + 65536 : param) & 0xFFFF;
      Unicode(unit);
      skip_units_ = s.uc;
      return;
    }
    if (word == "f" && has_param) {
      Flush();
      s.font = param;
      return;
    }
    if (word == "plain") {
      Flush();
      s.font = -1;
      return;
    }

    // Words that stand for text.
    if (word == "par" || word == "line" || word == "sect" || word == "page" || word == "row" ||
        word == "nestrow" || word == "softline") {
      return Special("\n");
    }
    if (word == "tab" || word == "cell" || word == "nestcell") return Special("\t");
    if (word == "emdash") return Special("\u2014");
    if (word == "endash") return Special("\u2013");
    if (word == "bullet") return Special("\u2022");
    if (word == "lquote") return Special("\u2018");
    if (word == "rquote") return Special("\u2019");
    if (word == "ldblquote") return Special("\u201C");
    if (word == "rdblquote") return Special("\u201D");
    if (word == "emspace" || word == "enspace" || word == "qmspace") return Special(" ");
    // Any other control word is formatting; it still counts as one \uN fallback unit.
    ConsumeUnit();
  }

  bool InfoWord(std::string_view word) {
    static constexpr std::pair<std::string_view, InfoField> kFields[] = {
        {"title", InfoField::kTitle},       {"subject", InfoField::kSubject},
        {"author", InfoField::kAuthor},     {"operator", InfoField::kOperator},
        {"keywords", InfoField::kKeywords}, {"doccomm", InfoField::kComments},
        {"comment", InfoField::kComments},  {"company", InfoField::kCompany},
        {"category", InfoField::kCategory}, {"manager", InfoField::kManager}};
    for (const auto& [name, field] : kFields) {
      if (word == name) {
        SetDest(Dest::kInfoField);
        state().field = field;
        return true;
      }
    }
    if (word == "creatim" || word == "revtim") {
      SetDest(Dest::kInfoTime);
      state().time_slot = word == "creatim" ? 1 : 2;
      time_ = TimeFields{};
      return true;
    }
    return false;
  }

  void TimeWord(std::string_view word, int param) {
    if (word == "yr") time_.year = param;
    if (word == "mo") time_.month = param;
    if (word == "dy") time_.day = param;
    if (word == "hr") time_.hour = param;
    if (word == "min") time_.minute = param;
    if (word == "sec") time_.second = param;
  }

  void CommitTime(int slot) {
    const TimeFields& t = time_;
    if (t.year < 1601 || t.year > 9999 || t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31 ||
        t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 ||
        t.second > 59) {
      return;
    }
    CivilDateTime civil{{t.year, t.month, t.day}, t.hour, t.minute, t.second};
    Timestamp stamp{UnixSecondsFromCivil(civil), 0, true};
    if (slot == 1) out_.created = stamp;
    if (slot == 2) out_.modified = stamp;
  }

  void SetDest(Dest dest) {
    Flush();
    state().dest = dest;
  }

  void SetCodepage(int cp) { codepage_ = cp; }

  // The code page escaped bytes are in: the current font's, else the document's.
  int CurrentCodepage() {
    int font = state().font >= 0 ? state().font : default_font_;
    auto it = fonts_.find(font);
    if (it != fonts_.end() && it->second > 0) return it->second;
    return codepage_;
  }

  void ConsumeUnit() {
    if (skip_units_ > 0) --skip_units_;
  }

  void Byte(unsigned char b) {
    if (skip_units_ > 0) {
      --skip_units_;
      return;
    }
    Dest dest = state().dest;
    if (dest == Dest::kSkip || dest == Dest::kFontTable || dest == Dest::kInfo ||
        dest == Dest::kInfoTime) {
      return;
    }
    int cp = CurrentCodepage();
    if (!pending_.empty() && cp != pending_cp_) Flush();
    if (b < 0x80 && IsSingleByteCodepage(cp)) {
      Flush();
      char ch = static_cast<char>(b);
      Emit(std::string_view(&ch, 1));
      return;
    }
    pending_cp_ = cp;
    pending_.push_back(static_cast<char>(b));
    if (pending_.size() >= 4096) Flush();
  }

  void Unicode(uint32_t unit) {
    Flush();
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      high_surrogate_ = unit;
      return;
    }
    uint32_t c = unit;
    if (unit >= 0xDC00 && unit <= 0xDFFF) {
      if (high_surrogate_ == 0) return;
      c = 0x10000 + ((high_surrogate_ - 0xD800) << 10) + (unit - 0xDC00);
    }
    high_surrogate_ = 0;
    if (c == 0) return;
    std::string utf8;
    AppendUtf8(utf8, c);
    Emit(utf8);
  }

  void Special(std::string_view text) {
    if (skip_units_ > 0) {
      --skip_units_;
      return;
    }
    Flush();
    Emit(text);
  }

  void Flush() {
    if (pending_.empty()) return;
    std::string decoded = DecodeCodepage(pending_, pending_cp_);
    pending_.clear();
    Emit(decoded);
  }

  void Emit(std::string_view utf8) {
    const State& s = state();
    switch (s.dest) {
      case Dest::kText:
        AppendText(utf8);
        if (out_.from_html && !s.htmlrtf) AppendHtml(utf8);
        return;
      case Dest::kHtmlTag:
        AppendHtml(utf8 == "\n" ? std::string_view("\r\n") : utf8);
        return;
      case Dest::kInfoField:
        AppendField(s.field, utf8);
        return;
      default:
        return;
    }
  }

  void AppendText(std::string_view utf8) {
    if (out_.truncated) return;
    if (out_.text.size() + utf8.size() > options_.max_text_bytes) {
      out_.truncated = true;
      return;
    }
    out_.text += utf8;
  }

  void AppendHtml(std::string_view utf8) {
    if (out_.html.size() + utf8.size() > options_.max_text_bytes) return;
    out_.html += utf8;
  }

  void AppendField(InfoField field, std::string_view utf8) {
    std::string* target = nullptr;
    switch (field) {
      case InfoField::kTitle:
        target = &out_.title;
        break;
      case InfoField::kSubject:
        target = &out_.subject;
        break;
      case InfoField::kAuthor:
        target = &out_.author;
        break;
      case InfoField::kOperator:
        target = &out_.last_author;
        break;
      case InfoField::kKeywords:
        target = &out_.keywords;
        break;
      case InfoField::kComments:
        target = &out_.comments;
        break;
      case InfoField::kCompany:
        target = &out_.company;
        break;
      case InfoField::kCategory:
        target = &out_.category;
        break;
      case InfoField::kManager:
        target = &out_.manager;
        break;
      case InfoField::kNone:
        return;
    }
    if (target->size() + utf8.size() <= 64 * 1024) *target += utf8;
  }

  // Lines lose trailing blanks; more than one empty line in a row becomes one.
  void Finish() {
    std::string& text = out_.text;
    std::string clean;
    clean.reserve(text.size());
    int newlines = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c == '\n') {
        while (!clean.empty() && (clean.back() == ' ' || clean.back() == '\t')) clean.pop_back();
        if (++newlines <= 2) clean.push_back('\n');
        continue;
      }
      newlines = 0;
      clean.push_back(c);
    }
    size_t begin = clean.find_first_not_of(" \t\n");
    size_t end = clean.find_last_not_of(" \t\n");
    text = begin == std::string::npos ? std::string() : clean.substr(begin, end - begin + 1);
    for (std::string* field :
         {&out_.title, &out_.subject, &out_.author, &out_.last_author, &out_.keywords,
          &out_.comments, &out_.company, &out_.category, &out_.manager}) {
      *field = std::string(TrimAscii(*field));
    }
  }

  std::string_view in_;
  const RtfOptions& options_;
  size_t pos_ = 0;
  std::vector<State> stack_;
  int overflow_ = 0;  // groups opened past max_depth, being skipped
  bool starred_ = false;
  bool group_start_ = false;  // nothing but '{' read yet in the current group
  int skip_units_ = 0;        // \uN fallback units still to skip
  uint32_t high_surrogate_ = 0;
  int codepage_ = 1252;
  int default_font_ = 0;
  int table_font_ = -1;
  std::unordered_map<int, int> fonts_;  // font number -> code page
  std::string pending_;                 // escaped bytes not yet decoded
  int pending_cp_ = 1252;
  TimeFields time_;
  RtfText out_;
};

// [MS-OXRTFCP] 2.1.3.1.1: the dictionary starts with this text.
constexpr std::string_view kLzfuPreset =
    "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern "
    "\\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0"
    "\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

uint32_t Le32(std::string_view s, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(s[at])) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24);
}

}  // namespace

bool LooksLikeRtf(std::string_view bytes) {
  size_t i = 0;
  while (i < bytes.size() && i < 64 && std::isspace(static_cast<unsigned char>(bytes[i]))) ++i;
  return bytes.substr(i, 5) == "{\\rtf";
}

Result<RtfText> RtfToText(std::string_view rtf, const RtfOptions& options) {
  if (!LooksLikeRtf(rtf)) return CorruptError("not RTF: it does not begin with {{\\rtf");
  RtfParser parser(rtf, options);
  RtfText out = parser.Run();
  if (!IsValidUtf8(out.text)) out.text = RepairUtf8(out.text);
  return out;
}

Result<std::string> DecompressRtf(std::string_view in, uint64_t max_bytes) {
  static_assert(kLzfuPreset.size() == 207, "[MS-OXRTFCP] preset dictionary is 207 bytes");
  if (in.size() < 16) return CorruptError("compressed RTF shorter than its 16-byte header");
  uint32_t comp_size = Le32(in, 0);
  uint32_t raw_size = Le32(in, 4);
  uint32_t type = Le32(in, 8);
  uint64_t cap = std::min<uint64_t>(raw_size, max_bytes);
  std::string_view data = in.substr(16);
  if (comp_size >= 12 && comp_size - 12 < data.size()) data = data.substr(0, comp_size - 12);
  if (type == 0x414C454Du) {  // "MELA": stored
    return std::string(data.substr(0, static_cast<size_t>(std::min<uint64_t>(cap, data.size()))));
  }
  if (type != 0x75465A4Cu) {
    return CorruptError("compressed RTF of unknown type 0x{:08X}", type);
  }
  std::array<char, 4096> dictionary{};
  std::memcpy(dictionary.data(), kLzfuPreset.data(), kLzfuPreset.size());
  size_t write = kLzfuPreset.size();
  std::string out;
  // LZFu expands at most 8.5:1, which bounds the reservation whatever RAWSIZE claims.
  out.reserve(static_cast<size_t>(std::min<uint64_t>(cap, uint64_t{data.size()} * 9 + 64)));
  size_t pos = 0;
  while (pos < data.size()) {
    auto control = static_cast<unsigned char>(data[pos++]);
    for (int bit = 0; bit < 8; ++bit) {
      if (pos >= data.size()) return out;
      if ((control & (1u << bit)) == 0) {
        char c = data[pos++];
        if (out.size() >= cap) return out;
        out.push_back(c);
        dictionary[write] = c;
        write = (write + 1) & 0xFFF;
        continue;
      }
      if (pos + 1 >= data.size()) return out;
      unsigned reference =
          (static_cast<unsigned char>(data[pos]) << 8) | static_cast<unsigned char>(data[pos + 1]);
      pos += 2;
      size_t offset = reference >> 4;
      size_t length = (reference & 0xF) + 2;
      if (offset == write) return out;  // the end marker
      for (size_t k = 0; k < length; ++k) {
        if (out.size() >= cap) return out;
        char c = dictionary[(offset + k) & 0xFFF];
        out.push_back(c);
        dictionary[write] = c;
        write = (write + 1) & 0xFFF;
      }
    }
  }
  return out;
}

}  // namespace bates::ingest
