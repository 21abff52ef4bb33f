#include "core/hash.h"

#include <gtest/gtest.h>

namespace bates {
namespace {

TEST(HashTest, KnownDigests) {
  ContentHashes h = HashContent("abc");
  EXPECT_EQ(h.md5, "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(h.sha1, "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(h.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abc"), h.sha256);
}

TEST(HashTest, StreamingEqualsWholeAndResets) {
  ContentHasher hasher;
  hasher.Update("a");
  hasher.Update("bc");
  EXPECT_EQ(hasher.Finish().sha256, HashContent("abc").sha256);
  hasher.Update("abc");
  EXPECT_EQ(hasher.Finish().md5, HashContent("abc").md5);
}

TEST(HashTest, Xxh3IsStableAndSeeded) {
  EXPECT_EQ(Xxh3_64("directive"), Xxh3_64("directive"));
  EXPECT_NE(Xxh3_64("directive", 1), Xxh3_64("directive", 2));
  EXPECT_EQ(Xxh3_128Hex("x").size(), 32u);
}

}  // namespace
}  // namespace bates
