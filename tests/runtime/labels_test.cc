#include "kube/labels.h"

#include <gtest/gtest.h>

namespace kube::labels {
namespace {

bool Match(std::string_view selector, const Set& labels) {
  auto s = Selector::Parse(selector);
  EXPECT_TRUE(s) << selector << ": " << (s ? "" : s.error().message);
  return s && s->Matches(labels);
}

TEST(LabelSelectorTest, EqualityOperators) {
  Set l = {{"app", "web"}, {"tier", "front"}};
  EXPECT_TRUE(Match("app=web", l));
  EXPECT_TRUE(Match("app==web", l));
  EXPECT_FALSE(Match("app=api", l));
  EXPECT_TRUE(Match("app!=api", l));
  EXPECT_TRUE(Match("missing!=x", l)) << "!= matches an absent label";
  EXPECT_TRUE(Match("app=web,tier=front", l));
  EXPECT_FALSE(Match("app=web,tier=back", l));
}

TEST(LabelSelectorTest, SetOperators) {
  Set l = {{"env", "prod"}};
  EXPECT_TRUE(Match("env in (prod,staging)", l));
  EXPECT_TRUE(Match("env in(prod)", l));
  EXPECT_FALSE(Match("env notin (prod)", l));
  EXPECT_TRUE(Match("other notin (prod)", l)) << "notin matches an absent label";
  EXPECT_FALSE(Match("other in (prod)", l));
}

TEST(LabelSelectorTest, ExistenceAndNumericOperators) {
  Set l = {{"gpu", ""}, {"replicas", "3"}};
  EXPECT_TRUE(Match("gpu", l));
  EXPECT_FALSE(Match("!gpu", l));
  EXPECT_TRUE(Match("!cpu", l));
  EXPECT_TRUE(Match("replicas>2", l));
  EXPECT_FALSE(Match("replicas<3", l));
  EXPECT_TRUE(Match("gpu=", l)) << "the empty value";
}

TEST(LabelSelectorTest, EmptySelectsEverything) {
  auto s = Selector::Parse("");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->Empty());
  EXPECT_TRUE(s->Matches({}));
  EXPECT_TRUE(Selector::Everything().Matches({{"a", "b"}}));
}

TEST(LabelSelectorTest, PrefixedKeys) {
  EXPECT_TRUE(Match("app.kubernetes.io/name=web", {{"app.kubernetes.io/name", "web"}}));
}

TEST(LabelSelectorTest, ErrorsSayWhatWasExpectedAndWhere) {
  struct Case {
    const char* input;
    const char* expect;
  } cases[] = {
      {"app in prod", "expected '(' after 'in'/'notin' at position 7"},
      {"app=web,", "expected a label key at position 8"},
      {"=web", "expected a label key at position 0"},
      {"app in (a b)", "expected ',' or ')'"},
      {"app=-bad-", "invalid label value \"-bad-\""},
      {"UPPER/x=y", "invalid label key \"UPPER/x\""},
      {"replicas>x", "needs an integer"},
      {"a b", "expected one of '=', '==', '!=', 'in', 'notin', '>', '<', ','"},
  };
  for (const auto& c : cases) {
    auto s = Selector::Parse(c.input);
    ASSERT_FALSE(s) << c.input;
    EXPECT_TRUE(IsInvalid(s.error()));
    EXPECT_NE(s.error().message.find(c.expect), std::string::npos)
        << c.input << " -> " << s.error().message;
  }
}

TEST(LabelSelectorTest, CanonicalStringRoundTrips) {
  auto s = Selector::Parse("tier notin (b,a), app=web, !legacy");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->ToString(), "app=web,!legacy,tier notin (a,b)");
  auto again = Selector::Parse(s->ToString());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->Requirements(), s->Requirements());
}

TEST(LabelSelectorTest, FromStructuredSelector) {
  LabelSelector ls;
  ls.match_labels = {{"app", "web"}};
  ls.match_expressions = {{"env", "In", {"prod", "qa"}}, {"legacy", "DoesNotExist", {}}};
  auto s = Selector::FromLabelSelector(ls);
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->Matches({{"app", "web"}, {"env", "qa"}}));
  EXPECT_FALSE(s->Matches({{"app", "web"}, {"env", "qa"}, {"legacy", "1"}}));
  ls.match_expressions = {{"env", "Near", {}}};
  EXPECT_FALSE(Selector::FromLabelSelector(ls));
  EXPECT_TRUE(Selector::FromSet({{"a", "b"}}).Matches({{"a", "b"}, {"c", "d"}}));
}

}  // namespace
}  // namespace kube::labels
