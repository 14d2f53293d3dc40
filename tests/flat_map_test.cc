// FlatStringMap and HashBytes: the rule tables' hash map (include/claims/flat_map.h) and the hash
// it shares with ViewSet and the boilerplate stage (include/claims/hash.h).
#include "claims/flat_map.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "test_util.h"

namespace claims {
namespace {

TEST(HashBytes, SameBytesSameHashWhereverTheyLie) {
  // Every length from 0 to 40 (the fixed-size loads overlap differently at each), from views
  // into two different buffers.
  std::string a = "keuangan negara tidak pernah keuangan negara menteri pertahanan";
  std::string b = "xx" + a;
  for (size_t n = 0; n <= 40; ++n) {
    EXPECT_EQ(HashBytes(std::string_view(a).substr(0, n)),
              HashBytes(std::string_view(b).substr(2, n)))
        << n;
  }
}

TEST(HashBytes, EveryByteCounts) {
  // Changing any one byte of words of each length changes the hash (no byte is skipped by the
  // overlapping loads), and so does the length alone.
  for (size_t n = 1; n <= 24; ++n) {
    std::string w(n, 'a');
    const uint64_t h = HashBytes(w);
    for (size_t i = 0; i < n; ++i) {
      std::string v = w;
      v[i] = 'b';
      EXPECT_NE(HashBytes(v), h) << "length " << n << ", byte " << i;
    }
    EXPECT_NE(HashBytes(std::string(n + 1, 'a')), h) << n;
  }
  EXPECT_NE(HashBytes(std::string("\0", 1)), HashBytes(""));
}

TEST(HashBytes, FewCollisionsOnManyWords) {
  std::set<uint64_t> seen;
  for (int i = 0; i < 100000; ++i) seen.insert(HashBytes(test::Numbered("w", i)));
  EXPECT_EQ(seen.size(), 100000u);
}

// SameBytes reads up to 16 bytes by two overlapping loads: at every length from 0 to 40, equal
// bytes (in two buffers at different offsets) are the same, and one byte changed anywhere is not.
TEST(SameBytes, AgreesWithMemcmpAtEveryLengthAndEveryByte) {
  const std::string base = "menteri pertahanan republik indonesia, keuangan negara";
  for (size_t n = 0; n <= 40; ++n) {
    std::string a = base.substr(0, n);
    std::string b = "xyz" + a;  // the same bytes, at another alignment
    EXPECT_TRUE(SameBytes(a.data(), b.data() + 3, n)) << n;
    for (size_t k = 0; k < n; ++k) {
      std::string c = b;
      c[3 + k] = static_cast<char>(c[3 + k] ^ 0x20);
      EXPECT_FALSE(SameBytes(a.data(), c.data() + 3, n)) << n << " " << k;
    }
  }
}

// A one-byte key is answered from its own bit: every byte, inserted or not, before and after the
// table grows, and the longer keys that start with it stay apart.
TEST(FlatStringMap, OneByteKeysAnsweredFromTheirBits) {
  FlatStringMap<int> m;
  const std::string held = std::string("a,I7") + '\x00' + '\xC3' + '\xFF';
  for (char c : held) m.Insert(std::string(1, c), static_cast<unsigned char>(c));
  m.Insert("ab", 1000);
  for (int round = 0; round < 2; ++round) {
    for (int c = 0; c < 256; ++c) {
      const std::string key(1, static_cast<char>(c));
      const bool in = held.find(static_cast<char>(c)) != std::string::npos;
      ASSERT_EQ(m.Contains(key), in) << c;
      if (in) {
        EXPECT_EQ(*m.Find(key), c);
      }
    }
    EXPECT_EQ(*m.Find("ab"), 1000);
    EXPECT_EQ(m.Find("b"), nullptr);
    for (int i = 0; i < 1000; ++i) m.Insert("word" + std::to_string(i), i);  // grow
  }
}

TEST(FlatStringMap, FindInsertAndDefaultConstruct) {
  FlatStringMap<int> m;
  EXPECT_EQ(m.Find("korea"), nullptr);
  EXPECT_FALSE(m.Contains(""));
  EXPECT_TRUE(m.Insert("korea", 1));
  EXPECT_FALSE(m.Insert("korea", 2));  // the first value stays
  m["utara"] += 5;                     // operator[] value-initialises
  m[""] = 7;                           // the empty key is a key like any other
  ASSERT_NE(m.Find("korea"), nullptr);
  EXPECT_EQ(*m.Find("korea"), 1);
  EXPECT_EQ(*m.Find("utara"), 5);
  EXPECT_EQ(*m.Find(""), 7);
  EXPECT_EQ(m.Find("Korea"), nullptr);  // exact bytes
  EXPECT_EQ(m.Find("kore"), nullptr);
  EXPECT_EQ(m.Find("korea "), nullptr);
  EXPECT_EQ(m.size(), 3u);
}

TEST(FlatStringMap, GrowsAndKeepsEveryKeyAndInsertionOrder) {
  FlatStringMap<size_t> m;
  std::vector<std::string> keys;
  for (size_t i = 0; i < 20000; ++i) keys.push_back(test::Numbered("k", i * 7919));
  for (size_t i = 0; i < keys.size(); ++i) EXPECT_TRUE(m.Insert(keys[i], i));
  EXPECT_EQ(m.size(), keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const size_t* v = m.Find(keys[i]);
    ASSERT_NE(v, nullptr) << keys[i];
    EXPECT_EQ(*v, i);
  }
  EXPECT_EQ(m.Find("k1"), nullptr);
  size_t next = 0;
  m.ForEach([&](std::string_view k, size_t v) {
    EXPECT_EQ(k, keys[next]);
    EXPECT_EQ(v, next);
    ++next;
  });
  EXPECT_EQ(next, keys.size());
}

TEST(FlatStringMap, LookupsTakeViewsIntoLargerText) {
  FlatStringMap<int> m;
  m["menteri pertahanan"] = 1;
  m["menteri"] = 2;
  std::string text = "Kata menteri pertahanan itu";
  EXPECT_EQ(*m.Find(std::string_view(text).substr(5, 7)), 2);
  EXPECT_EQ(*m.Find(std::string_view(text).substr(5, 18)), 1);
  EXPECT_EQ(m.Find(std::string_view(text).substr(5, 8)), nullptr);
}

// The filter in front of the slots: every key is found through it, at every size the table grows
// to (the filter is rebuilt with the slots), and a word that is not there is not, whether the
// filter or the slots answer.
TEST(FlatStringMap, FilterNeverHidesAKeyAndAbsentWordsStayAbsent) {
  FlatStringMap<uint32_t> m;
  std::set<std::string> added;
  for (uint32_t i = 0; i < 6000; ++i) {
    std::string k = test::Numbered("w", i * 104729u % 1000003u);
    m[k] = i;
    added.insert(k);
    // Every earlier key still found after each growth step.
    if ((i & (i - 1)) == 0) {
      for (const std::string& a : added) ASSERT_NE(m.Find(a), nullptr) << a << " after " << i;
    }
  }
  for (const std::string& a : added) ASSERT_NE(m.Find(a), nullptr) << a;
  size_t absent = 0;
  for (uint32_t i = 0; i < 200000; ++i) {
    std::string k = test::Numbered("x", i);
    EXPECT_EQ(m.Find(k), nullptr) << k;
    std::string w = test::Numbered("w", i);
    if (!added.count(w)) {
      EXPECT_EQ(m.Find(w), nullptr) << w;
      ++absent;
    }
  }
  EXPECT_GT(absent, 190000u);
}

}  // namespace
}  // namespace claims
