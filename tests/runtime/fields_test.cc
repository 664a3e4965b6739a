#include "kube/fields.h"

#include <gtest/gtest.h>

namespace kube::fields {
namespace {

TEST(FieldSelectorTest, MatchesEqualityAndInequality) {
  auto s = Selector::Parse("metadata.name=alpha,status.phase!=Failed");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->Matches(Set{{"metadata.name", "alpha"}, {"status.phase", "Running"}}));
  EXPECT_FALSE(s->Matches(Set{{"metadata.name", "alpha"}, {"status.phase", "Failed"}}));
  EXPECT_FALSE(s->Matches(Set{{"metadata.name", "beta"}}));
  auto dbl = Selector::Parse("spec.nodeName==node-1");
  ASSERT_TRUE(dbl);
  EXPECT_TRUE(dbl->Matches(Set{{"spec.nodeName", "node-1"}}));
}

TEST(FieldSelectorTest, UnknownFieldIsEmpty) {
  auto s = Selector::Parse("spec.nodeName=");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->Matches(Set{}));
}

TEST(FieldSelectorTest, EscapesInValues) {
  auto s = Selector::Parse(R"(metadata.name=a\,b\=c)");
  ASSERT_TRUE(s);
  ASSERT_EQ(s->Requirements().size(), 1u);
  EXPECT_EQ(s->Requirements()[0].value, "a,b=c");
  EXPECT_EQ(s->ToString(), R"(metadata.name=a\,b\=c)");
}

TEST(FieldSelectorTest, RejectsMalformedTerms) {
  for (const char* bad : {"metadata.name", "=x", "a=b,,c=d", "a in (b)"}) {
    auto s = Selector::Parse(bad);
    ASSERT_FALSE(s) << bad;
    EXPECT_TRUE(IsInvalid(s.error()));
  }
  EXPECT_TRUE(Selector::Parse("")->Empty());
}

}  // namespace
}  // namespace kube::fields
