#include "demand/letters/template.h"

#include <fmt/format.h>

#include <algorithm>
#include <mstch/mstch.hpp>

#include "core/text.h"

namespace bates::demand::letters {

void TemplateFields::Set(const std::string& name, std::string text) {
  texts_[name] = std::move(text);
}

void TemplateFields::SetFlag(const std::string& name, bool value) { flags_[name] = value; }

void TemplateFields::DeclareList(const std::string& name, std::vector<std::string> item_fields) {
  list_fields_[name] = std::move(item_fields);
  lists_[name];  // present, possibly empty
}

TemplateFields& TemplateFields::AddItem(const std::string& list_name) {
  return lists_[list_name].emplace_back();
}

namespace {

// One scope of names visible at a point of the template: the top level, or a list's item.
struct Scope {
  std::vector<std::string> names;
  bool Has(const std::string& name) const {
    return std::find(names.begin(), names.end(), name) != names.end();
  }
};

Scope TopScope(const TemplateFields& fields) {
  Scope scope;
  for (const auto& [name, text] : fields.texts()) scope.names.push_back(name);
  for (const auto& [name, flag] : fields.flags()) scope.names.push_back(name);
  for (const auto& [name, items] : fields.lists()) scope.names.push_back(name);
  return scope;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// The names visible anywhere in the scope stack, for the error message.
std::string VisibleNames(const std::vector<Scope>& stack) {
  std::vector<std::string> all;
  for (const Scope& s : stack) all.insert(all.end(), s.names.begin(), s.names.end());
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  std::string out;
  for (const std::string& n : all) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

Status CheckTemplate(std::string_view text, const TemplateFields& fields,
                     std::string_view template_name) {
  if (!IsValidUtf8(text)) {
    return InvalidArgumentError("{}: not UTF-8 text (save the template as UTF-8)", template_name);
  }
  // The item fields of every list, wherever it is declared (lists nest only one level in
  // bates's letters, but the lookup does not depend on that).
  std::map<std::string, std::vector<std::string>> list_fields;
  auto collect = [&](const TemplateFields& f, auto&& self) -> void {
    for (const auto& [name, item_names] : f.list_fields()) list_fields[name] = item_names;
    for (const auto& [name, items] : f.lists())
      for (const TemplateFields& item : items) self(item, self);
  };
  collect(fields, collect);

  std::vector<Scope> stack = {TopScope(fields)};
  std::vector<std::pair<std::string, int>> open;  // section name, line it opened on
  size_t pos = 0;
  int line = 1;
  auto advance_to = [&](size_t to) {
    line += static_cast<int>(std::count(text.begin() + static_cast<std::ptrdiff_t>(pos),
                                        text.begin() + static_cast<std::ptrdiff_t>(to), '\n'));
    pos = to;
  };
  while (true) {
    size_t start = text.find("{{", pos);
    if (start == std::string_view::npos) break;
    advance_to(start);
    bool triple = text.substr(start, 3) == "{{{";
    std::string_view close = triple ? "}}}" : "}}";
    size_t end = text.find(close, start + close.size());
    if (end == std::string_view::npos) {
      return InvalidArgumentError("{}:{}: a tag opened with {{{{ is never closed", template_name,
                                  line);
    }
    std::string_view inner = text.substr(start + close.size(), end - start - close.size());
    char sigil = inner.empty() ? '\0' : inner.front();
    std::string name =
        Trim(triple ? inner
                    : (std::string_view("#^/!>&=").find(sigil) != std::string_view::npos
                           ? inner.substr(1)
                           : inner));
    if (triple) sigil = '&';
    if (sigil == '!') {
      advance_to(end + close.size());
      continue;
    }
    if (sigil == '>' || sigil == '=') {
      return InvalidArgumentError("{}:{}: {{{{{}}}}}: {} are not supported in letter templates",
                                  template_name, line, Trim(inner),
                                  sigil == '>' ? "partials" : "delimiter changes");
    }
    if (name.empty()) {
      return InvalidArgumentError("{}:{}: empty tag {{{{}}}}", template_name, line);
    }
    if (sigil == '/') {
      if (open.empty() || open.back().first != name) {
        return InvalidArgumentError(
            "{}:{}: {{{{/{}}}}} closes {}", template_name, line, name,
            open.empty() ? std::string("no open section")
                         : fmt::format("nothing: the open section is {{{{#{}}}}} from line {}",
                                       open.back().first, open.back().second));
      }
      open.pop_back();
      stack.pop_back();
      advance_to(end + close.size());
      continue;
    }
    bool known =
        std::any_of(stack.begin(), stack.end(), [&](const Scope& s) { return s.Has(name); });
    if (!known) {
      return InvalidArgumentError("{}:{}: {{{{{}}}}}: no such field (fields here: {})",
                                  template_name, line, name, VisibleNames(stack));
    }
    if (sigil == '#' || sigil == '^') {
      open.emplace_back(name, line);
      Scope inner_scope;
      // Inside {{#list}} the item's fields are visible; inside {{^list}} or a flag, nothing new.
      if (sigil == '#' && list_fields.count(name)) inner_scope.names = list_fields[name];
      stack.push_back(std::move(inner_scope));
    }
    advance_to(end + close.size());
  }
  if (!open.empty()) {
    return InvalidArgumentError("{}:{}: section {{{{#{}}}}} is never closed ({{{{/{}}}}})",
                                template_name, open.back().second, open.back().first,
                                open.back().first);
  }
  return Status::Ok();
}

namespace {

mstch::map ToMstch(const TemplateFields& fields) {
  mstch::map out;
  for (const auto& [name, text] : fields.texts()) out.emplace(name, text);
  for (const auto& [name, flag] : fields.flags()) out.emplace(name, flag);
  for (const auto& [name, items] : fields.lists()) {
    mstch::array array;
    for (const TemplateFields& item : items) array.emplace_back(ToMstch(item));
    out.emplace(name, std::move(array));
  }
  return out;
}

}  // namespace

Result<std::string> RenderTemplate(std::string_view template_text, const TemplateFields& fields,
                                   std::string_view template_name) {
  BATES_RETURN_IF_ERROR(CheckTemplate(template_text, fields, template_name));
  return mstch::render(std::string(template_text), ToMstch(fields));
}

}  // namespace bates::demand::letters
