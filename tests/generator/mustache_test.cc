// Renderer behaviour beyond the spec: errors with positions, no HTML escaping for C++.
#include "mustache/mustache.h"

#include <gtest/gtest.h>

namespace kube::gen::mustache {
namespace {

using nlohmann::json;

TEST(MustacheTest, NoEscapingByDefault) {
  auto out = Render("{{type}} x = {{init}};", json{{"type", "std::map<int, int>"}, {"init", "{}"}});
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, "std::map<int, int> x = {};");
}

TEST(MustacheTest, ErrorsNameLineAndColumn) {
  struct Case {
    const char* src;
    const char* msg;
  } cases[] = {
      {"a\n  {{#items}}\nb", "t.mustache:2:3: section 'items' is never closed"},
      {"{{#a}}{{/b}}", "t.mustache:1:7: closing tag 'b' does not match the open section 'a'"},
      {"x\n{{/a}}", "t.mustache:2:1: unexpected closing tag 'a'"},
      {"{{name", "t.mustache:1:1: unclosed tag"},
      {"{{=<% %>=}}\n<%name", "t.mustache:2:1: unclosed tag: expected '%>'"},
  };
  for (const auto& c : cases) {
    auto t = Template::Parse(c.src, "t.mustache");
    ASSERT_FALSE(t) << c.src;
    EXPECT_NE(t.error().message.find(c.msg), std::string::npos) << t.error().message;
  }
}

TEST(MustacheTest, TemplatesRenderManyTimes) {
  auto t = Template::Parse("{{#fields}}{{name}}{{^last}}, {{/last}}{{/fields}}");
  ASSERT_TRUE(t);
  json a = {{"fields", {{{"name", "a"}}, {{"name", "b"}, {"last", true}}}}};
  EXPECT_EQ(*t->Render(a, {}), "a, b");
  EXPECT_EQ(*t->Render(json{{"fields", json::array()}}, {}), "");
}

TEST(MustacheTest, BrokenPartialIsAnError) {
  auto out = Render("{{>p}}", json::object(), MapLoader({{"p", "{{#x}}"}}));
  ASSERT_FALSE(out);
  EXPECT_NE(out.error().message.find("p:1:1"), std::string::npos) << out.error().message;
}

}  // namespace
}  // namespace kube::gen::mustache
