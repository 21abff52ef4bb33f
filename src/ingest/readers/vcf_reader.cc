// Contacts: vCard files (RFC 6350 version 4.0, RFC 2426 version 3.0, and vCard 2.1 with its
// quoted-printable values), as phones and mail programs export them, one card or thousands. One
// item per file; its text lists every card: name, organisation and title, e-mail addresses,
// telephone numbers, postal addresses, web sites, birthday and notes. A file with one card also
// gets it as metadata: the title is the card's name, and name, organisation, e-mail addresses and
// telephone numbers are extra fields. Photos, logos and sounds (base64 data) are not text and are
// left out. One item and not a child per card for the reason given in ics_reader.cc.

#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "ingest/charset.h"
#include "ingest/reader.h"
#include "ingest/readers/vobject.h"
#include "model/item.h"

namespace bates::ingest {
namespace {

using vobject::Component;
using vobject::Property;

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    std::string_view trimmed = TrimAscii(part);
    if (trimmed.empty()) continue;
    if (!out.empty()) out += separator;
    out += trimmed;
  }
  return out;
}

// The types worth showing ("work", "cell"), without the ones that say nothing to a reader.
std::string TypeLabel(const Property& p) {
  std::vector<std::string> shown;
  for (const std::string& type : p.Types()) {
    if (type == "internet" || type == "voice" || type == "pref" || type == "x400") continue;
    shown.push_back(type);
  }
  return Join(shown, ", ");
}

// N is family;given;additional;prefixes;suffixes.
std::string NameFromN(const Property& n) {
  std::vector<std::string> parts = vobject::SplitUnescaped(n.value, ';');
  parts.resize(5);
  return Join({parts[3], parts[1], parts[2], parts[0], parts[4]}, " ");
}

// ADR is box;extended;street;locality;region;code;country.
std::string Address(const Property& adr) {
  std::vector<std::string> parts = vobject::SplitUnescaped(adr.value, ';');
  parts.resize(7);
  return Join({parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]}, ", ");
}

struct Card {
  std::string text;
  std::string name;
  std::string organization;
  std::vector<std::string> emails;
  std::vector<std::string> phones;
};

Card Describe(const Component& c) {
  Card card;
  card.name = c.Text("FN");
  if (TrimAscii(card.name).empty()) {
    if (const Property* n = c.Find("N")) card.name = NameFromN(*n);
  }
  std::string& text = card.text;
  auto line = [&](std::string_view label, std::string_view value, std::string_view type = {}) {
    value = TrimAscii(value);
    if (value.empty()) return;
    text += label;
    if (!type.empty()) {
      text += " (";
      text += type;
      text += ")";
    }
    text += ": ";
    text += value;
    text += '\n';
  };
  line("Name", card.name.empty() ? std::string("(no name)") : card.name);
  if (const Property* nickname = c.Find("NICKNAME")) {
    line("Nickname", Join(vobject::SplitUnescaped(nickname->value, ','), ", "));
  }
  if (const Property* org = c.Find("ORG")) {
    card.organization = Join(vobject::SplitUnescaped(org->value, ';'), ", ");
    line("Organization", card.organization);
  }
  line("Title", c.Text("TITLE"));
  line("Role", c.Text("ROLE"));
  for (const Property& p : c.properties) {
    if (p.binary) continue;
    if (p.name == "EMAIL") {
      std::string email(TrimAscii(vobject::Unescape(p.value)));
      line("Email", email, TypeLabel(p));
      if (!email.empty()) card.emails.push_back(email);
    } else if (p.name == "TEL") {
      std::string phone(TrimAscii(vobject::Unescape(p.value)));
      if (phone.starts_with("tel:")) phone.erase(0, 4);
      line("Phone", phone, TypeLabel(p));
      if (!phone.empty()) card.phones.push_back(phone);
    } else if (p.name == "ADR") {
      line("Address", Address(p), TypeLabel(p));
    } else if (p.name == "URL") {
      line("Web", vobject::Unescape(p.value), TypeLabel(p));
    } else if (p.name == "IMPP" || p.name.starts_with("X-AIM") || p.name.starts_with("X-JABBER") ||
               p.name.starts_with("X-SKYPE")) {
      line("Messaging", vobject::Unescape(p.value));
    }
  }
  line("Birthday", c.Text("BDAY"));
  line("Anniversary", c.Text("ANNIVERSARY"));
  if (const Property* categories = c.Find("CATEGORIES")) {
    line("Categories", Join(vobject::SplitUnescaped(categories->value, ','), ", "));
  }
  for (const Property& p : c.properties) {
    if (p.name == "NOTE" && !p.binary) line("Note", vobject::Unescape(p.value));
  }
  return card;
}

class VcfReader final : public Reader {
 public:
  std::string_view name() const override { return "vcf"; }
  std::vector<std::string> mime_types() const override {
    return {"text/vcard", "text/x-vcard", "text/directory"};
  }

  Status Read(const Input& input, ReadContext& context) const override {
    BATES_ASSIGN_OR_RETURN(std::string_view bytes, input.bytes());
    // RFC 6350 says UTF-8; vCard 2.1 and 3.0 exports are often in the phone's code page.
    std::string storage;
    std::string_view text = vobject::ToUtf8(bytes, storage);

    const Limits& limits = context.limits();
    Extracted out;
    std::vector<Card> first;
    uint64_t count = 0;
    bool truncated = false;
    Status parsed = vobject::Parse(
        text, [&](Component& c, const std::vector<Component>& ancestors, bool* taken) -> Status {
          // A card nested in a card (vCard 2.1's AGENT) belongs to its outer card.
          if (c.name != "VCARD" || !ancestors.empty()) return Status::Ok();
          *taken = true;
          ++count;
          if (out.text.size() > limits.max_text_bytes) {
            truncated = true;
            return Status::Ok();
          }
          Card card = Describe(c);
          if (!out.text.empty()) out.text += '\n';
          out.text += card.text;
          if (first.empty()) first.push_back(std::move(card));
          return Status::Ok();
        });
    BATES_RETURN_IF_ERROR(parsed);

    model::Metadata& meta = out.meta;
    if (count == 1) {
      const Card& card = first.front();
      meta.title = card.name;
      auto extra = [&](std::string_view key, std::string value) {
        if (!value.empty()) meta.extra.emplace_back(std::string(key), std::move(value));
      };
      extra("contact_name", card.name);
      extra("organization", card.organization);
      extra("emails", Join(card.emails, ", "));
      extra("phones", Join(card.phones, ", "));
    } else {
      meta.extra.emplace_back("card_count", std::to_string(count));
    }
    if (truncated) out.flags |= model::kFlagTruncated;
    if (count == 0) {
      std::string_view head = TrimAscii(text.substr(0, 64));
      if (AsciiLower(head.substr(0, std::min<size_t>(head.size(), 11))) != "begin:vcard") {
        return CorruptError("no vCard data (no BEGIN:VCARD)");
      }
      out.flags |= model::kFlagNoText;
    }
    return context.SetDocument(std::move(out));
  }
};

}  // namespace

BATES_REGISTER_READER(VcfReader)

}  // namespace bates::ingest
