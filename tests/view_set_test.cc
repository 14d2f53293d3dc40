// ViewSet: the per-document word set (include/claims/view_set.h).
#include "claims/view_set.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace claims {
namespace {

TEST(ViewSet, InsertAndContains) {
  std::string text = "keuangan negara tidak pernah keuangan";
  ViewSet set;
  set.Insert(std::string_view(text).substr(0, 8));   // keuangan
  set.Insert(std::string_view(text).substr(9, 6));   // negara
  set.Insert(std::string_view(text).substr(29, 8));  // keuangan again
  EXPECT_EQ(set.size(), 2u);
  EXPECT_TRUE(set.Contains("keuangan"));
  EXPECT_TRUE(set.Contains("negara"));
  EXPECT_FALSE(set.Contains("Keuangan"));  // exact bytes, no folding
  EXPECT_FALSE(set.Contains("tidak"));
  EXPECT_FALSE(set.Contains("keuanga"));
}

TEST(ViewSet, EmptyWordIsAWordLikeAnyOther) {
  ViewSet set;
  EXPECT_FALSE(set.Contains(""));
  EXPECT_FALSE(set.Contains(std::string_view()));
  set.Insert(std::string_view());
  EXPECT_TRUE(set.Contains(""));
  EXPECT_EQ(set.size(), 1u);
}

TEST(ViewSet, GrowsPastItsFirstSizeAndResets) {
  std::vector<std::string> words;
  for (int i = 0; i < 5000; ++i) words.push_back(std::string(1, 'w').append(std::to_string(i)));
  ViewSet set(4);
  for (const auto& w : words) set.Insert(w);
  EXPECT_EQ(set.size(), words.size());
  for (const auto& w : words) EXPECT_TRUE(set.Contains(w)) << w;
  EXPECT_FALSE(set.Contains("w5000"));
  set.Reset(10);
  EXPECT_EQ(set.size(), 0u);
  EXPECT_FALSE(set.Contains("w1"));
}

}  // namespace
}  // namespace claims
