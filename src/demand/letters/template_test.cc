#include "demand/letters/template.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace bates::demand::letters {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TemplateFields Sample() {
  TemplateFields f;
  f.Set("agency", "Smith & <Sons> \"Ltd\"");
  f.SetFlag("has_items", true);
  f.DeclareList("items", {"number", "text"});
  TemplateFields& one = f.AddItem("items");
  one.Set("number", "1");
  one.Set("text", "<script>alert(1)</script>");
  f.DeclareList("empty", {"text"});
  return f;
}

TEST(TemplateTest, EscapesHtmlSpecialCharactersFromTheSpec) {
  auto out = RenderTemplate("<p>{{agency}}</p>{{#items}}<li>{{number}} {{text}}</li>{{/items}}",
                            Sample(), "t.html");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT(*out, HasSubstr("Smith &amp; &lt;Sons&gt; &quot;Ltd&quot;"));
  EXPECT_THAT(*out, HasSubstr("&lt;script&gt;"));
  EXPECT_THAT(*out, Not(HasSubstr("<script>")));
}

TEST(TemplateTest, ListsRepeatAndEmptyListsShowTheInvertedSection) {
  auto out = RenderTemplate(
      "{{#items}}[{{number}} of {{agency}}]{{/items}}{{^empty}}none{{/empty}}", Sample(), "t.html");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "[1 of Smith &amp; &lt;Sons&gt; &quot;Ltd&quot;]none");
}

TEST(TemplateTest, UnknownFieldIsAClearErrorWithTheLine) {
  auto out = RenderTemplate("<p>\n{{agency}}\n{{deadlin}}</p>", Sample(), "mine.html");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(out.status().message(), HasSubstr("mine.html:3: {{deadlin}}: no such field"));
  EXPECT_THAT(out.status().message(), HasSubstr("agency"));
}

TEST(TemplateTest, ItemFieldsAreCheckedEvenForAnEmptyList) {
  EXPECT_TRUE(CheckTemplate("{{#empty}}{{text}}{{/empty}}", Sample(), "t").ok());
  Status bad = CheckTemplate("{{#empty}}{{txet}}{{/empty}}", Sample(), "t");
  EXPECT_THAT(bad.message(), HasSubstr("{{txet}}: no such field"));
  // An item field is not visible outside its list.
  EXPECT_FALSE(CheckTemplate("{{number}}", Sample(), "t").ok());
}

TEST(TemplateTest, StructuralMistakesAreErrors) {
  EXPECT_THAT(CheckTemplate("{{#items}}x", Sample(), "t").message(),
              HasSubstr("t:1: section {{#items}} is never closed"));
  EXPECT_THAT(CheckTemplate("{{#items}}\n{{/has_items}}", Sample(), "t").message(),
              HasSubstr("t:2: {{/has_items}} closes nothing"));
  EXPECT_THAT(CheckTemplate("{{agency", Sample(), "t").message(), HasSubstr("never closed"));
  EXPECT_THAT(CheckTemplate("{{> header}}", Sample(), "t").message(),
              HasSubstr("partials are not supported"));
  EXPECT_TRUE(CheckTemplate("{{! a comment }}{{{agency}}}", Sample(), "t").ok());
  EXPECT_THAT(CheckTemplate("<p>\xff\xfe</p>", Sample(), "bin.html").message(),
              HasSubstr("bin.html: not UTF-8 text"));
}

}  // namespace
}  // namespace bates::demand::letters
