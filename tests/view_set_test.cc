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

TEST(ViewSet, MayContainNeverMissesAWordItHolds) {
  // The filter may say yes for an absent word, never no for a present one; and Contains agrees
  // with a plain set whatever the filter says.
  std::vector<std::string> words;
  for (int i = 0; i < 3000; ++i) {
    words.push_back(std::string(static_cast<size_t>(1 + i % 23), static_cast<char>('a' + i % 26))
                        .append(std::to_string(i * 7919)));
  }
  ViewSet set;
  for (size_t i = 0; i < words.size(); i += 2) set.Insert(words[i]);
  EXPECT_EQ(set.size(), (words.size() + 1) / 2);
  for (size_t i = 0; i < words.size(); ++i) {
    const bool held = i % 2 == 0;
    if (held) {
      EXPECT_TRUE(set.MayContain(words[i])) << words[i];
    }
    EXPECT_EQ(set.Contains(words[i]), held) << words[i];
  }
  EXPECT_EQ(set.Contains("zz"), false);
  // Long words (more than eight bytes) differing only past the eighth byte, and in their length.
  ViewSet longs;
  longs.Insert("abcdefghij");
  EXPECT_TRUE(longs.Contains("abcdefghij"));
  EXPECT_FALSE(longs.Contains("abcdefghik"));
  EXPECT_FALSE(longs.Contains("abcdefghi"));
  EXPECT_FALSE(longs.Contains(std::string_view("abcdefghij\0", 11)));
}

TEST(ViewSet, EmptySetFiltersEverything) {
  ViewSet set(100);
  EXPECT_FALSE(set.MayContain("word"));
  EXPECT_FALSE(set.MayContain(""));
  set.Insert("word");
  EXPECT_TRUE(set.MayContain("word"));
  EXPECT_TRUE(set.Contains("word"));
  set.Reset(0);
  EXPECT_FALSE(set.MayContain("word"));
  EXPECT_FALSE(set.Contains("word"));
}

}  // namespace
}  // namespace claims
