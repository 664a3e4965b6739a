// kube::Optional<T>: std::optional's interface over a heap value, deep copies, value equality,
// and a T that is still incomplete where the member is declared (recursive schemas).
#include "kube/optional.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace {

struct Node {
  std::string name;
  kube::Optional<Node> child;  // Node is incomplete here
  std::map<std::string, Node> by_name;
  friend bool operator==(const Node&, const Node&) = default;
};

TEST(OptionalTest, AbsentByDefaultAndOnePointerWide) {
  kube::Optional<std::string> o;
  EXPECT_FALSE(o.has_value());
  EXPECT_FALSE(o);
  EXPECT_EQ(o, std::nullopt);
  EXPECT_EQ(sizeof(kube::Optional<Node>), sizeof(void*));
  EXPECT_THROW(o.value(), std::bad_optional_access);
  EXPECT_EQ(o.value_or("fallback"), "fallback");
}

TEST(OptionalTest, ValueAccessEmplaceResetAndAssignment) {
  kube::Optional<std::string> o = std::string("a");
  ASSERT_TRUE(o);
  EXPECT_EQ(*o, "a");
  EXPECT_EQ(o->size(), 1u);
  EXPECT_EQ(o.value(), "a");
  EXPECT_EQ(o.value_or("b"), "a");
  o.emplace(3, 'x');
  EXPECT_EQ(*o, "xxx");
  o = "converted";  // converting assignment from something T is constructible from
  EXPECT_EQ(o, std::string("converted"));
  o.reset();
  EXPECT_FALSE(o);
  o = std::string("again");
  o = std::nullopt;
  EXPECT_FALSE(o.has_value());
  kube::Optional<std::string> in_place(std::in_place, 2, 'y');
  EXPECT_EQ(*in_place, "yy");
  std::string moved = *std::move(in_place);
  EXPECT_EQ(moved, "yy");
}

TEST(OptionalTest, CopiesAreDeepAndMovesTransfer) {
  kube::Optional<std::vector<int>> a = std::vector<int>{1, 2};
  kube::Optional<std::vector<int>> b = a;
  b->push_back(3);
  EXPECT_EQ(a->size(), 2u);
  EXPECT_EQ(b->size(), 3u);
  a = b;  // copy assignment into a present value
  EXPECT_EQ(*a, (std::vector<int>{1, 2, 3}));
  const int* data = a->data();
  kube::Optional<std::vector<int>> c = std::move(a);
  EXPECT_EQ(c->data(), data);  // the heap value moved, not copied
  kube::Optional<std::vector<int>> empty;
  c = empty;
  EXPECT_FALSE(c);
  swap(b, c);
  EXPECT_FALSE(b);
  EXPECT_EQ(c->size(), 3u);
}

TEST(OptionalTest, ComparesByValue) {
  kube::Optional<int> a = 1, b = 1, absent;
  EXPECT_EQ(a, b);
  EXPECT_FALSE(a == absent);
  EXPECT_EQ(absent, kube::Optional<int>());
  EXPECT_TRUE(a == 1);
  EXPECT_FALSE(absent == 1);
  b = 2;
  EXPECT_FALSE(a == b);
}

TEST(OptionalTest, RecursiveTypesCopyAndCompareDeeply) {
  Node root{"root", {}, {}};
  root.child.emplace();
  root.child->name = "child";
  root.child->child.emplace();
  root.child->child->name = "grandchild";
  root.by_name["x"].name = "x";
  Node copy = root;
  EXPECT_EQ(copy, root);
  copy.child->child->name = "changed";
  EXPECT_FALSE(copy == root);
  EXPECT_EQ(root.child->child->name, "grandchild");
}

// Replacing a value with something it owns (walking down a tree) must take the new value before
// deleting the old one; ASan reports a use after free otherwise.
TEST(OptionalTest, ReplacingAValueWithPartOfItselfIsSafe) {
  kube::Optional<Node> tree = Node{"root", Node{"child", Node{"grandchild", {}, {}}, {}}, {}};
  tree = std::move(tree->child);
  ASSERT_TRUE(tree);
  EXPECT_EQ(tree->name, "child");
  ASSERT_TRUE(tree->child);
  EXPECT_EQ(tree->child->name, "grandchild");

  tree.emplace(*tree->child);  // a copy of its own child
  EXPECT_EQ(tree->name, "grandchild");
  EXPECT_FALSE(tree->child);

  auto& self = tree;
  tree = std::move(self);  // self-move leaves it as it was
  ASSERT_TRUE(tree);
  EXPECT_EQ(tree->name, "grandchild");
}

}  // namespace
