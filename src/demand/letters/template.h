// Letter templates: Mustache ({{name}}, {{#list}}...{{/list}}, {{^list}}...{{/list}}) rendered
// by Debian's libmstch, which HTML-escapes every {{name}} so text from a spec ("Smith & Sons",
// "<b>") cannot break or inject markup. Before rendering, the template is checked against the
// fields bates supplies: a misspelt or unknown {{field}}, an unclosed section or an unsupported
// tag (partials, delimiter changes) is a clear error naming the template and line — Mustache
// itself would silently print nothing, and a letter missing its deadline must not go out.
//
// Thread safety: values; RenderTemplate is reentrant.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace bates::demand::letters {

// The values a template may use: texts, yes/no flags (for {{#flag}}...{{/flag}}) and lists of
// items, each item itself a TemplateFields. A list declares its item fields up front, so a
// template is checked even when the list happens to be empty.
class TemplateFields {
 public:
  void Set(const std::string& name, std::string text);
  void SetFlag(const std::string& name, bool value);
  // Declares list `name` with the fields each item carries; adding items is optional.
  void DeclareList(const std::string& name, std::vector<std::string> item_fields);
  // Appends an item to a declared list and returns it to be filled in.
  TemplateFields& AddItem(const std::string& list_name);

  const std::map<std::string, std::string>& texts() const { return texts_; }
  const std::map<std::string, bool>& flags() const { return flags_; }
  const std::map<std::string, std::vector<TemplateFields>>& lists() const { return lists_; }
  const std::map<std::string, std::vector<std::string>>& list_fields() const {
    return list_fields_;
  }

 private:
  std::map<std::string, std::string> texts_;
  std::map<std::string, bool> flags_;
  std::map<std::string, std::vector<TemplateFields>> lists_;
  std::map<std::string, std::vector<std::string>> list_fields_;
};

// Checks `template_text` against `fields` (see above); `template_name` is used in errors
// ("letter.html:12: {{deadlin}}: no such field (fields here: ...)").
Status CheckTemplate(std::string_view template_text, const TemplateFields& fields,
                     std::string_view template_name);

// Checks, then renders. Errors are InvalidArgument.
Result<std::string> RenderTemplate(std::string_view template_text, const TemplateFields& fields,
                                   std::string_view template_name);

}  // namespace bates::demand::letters
