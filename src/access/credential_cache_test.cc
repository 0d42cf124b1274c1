#include "access/credential_cache.h"

#include <gtest/gtest.h>

namespace sluice::access {
namespace {

CredentialCache::Entry MakeEntry(const std::string& id, const std::string& principal) {
  CredentialCache::Entry e;
  e.token.id = id;
  e.token.principal = principal;
  e.principal.name = principal;
  return e;
}

TEST(CredentialCacheTest, HitsUntilTtl) {
  CredentialCache cache(std::chrono::milliseconds(1000), 10);
  cache.Put(MakeEntry("t1", "alice"), 5000);
  ASSERT_TRUE(cache.Get("t1", 5999).has_value());
  EXPECT_EQ(cache.Get("t1", 5999)->principal.name, "alice");
  EXPECT_FALSE(cache.Get("t1", 6000).has_value());
  EXPECT_FALSE(cache.Get("t2", 5000).has_value());
}

TEST(CredentialCacheTest, InvalidationByTokenAndPrincipal) {
  CredentialCache cache(std::chrono::milliseconds(1000), 10);
  cache.Put(MakeEntry("t1", "alice"), 0);
  cache.Put(MakeEntry("t2", "alice"), 0);
  cache.Put(MakeEntry("t3", "bob"), 0);
  cache.InvalidateToken("t1");
  EXPECT_FALSE(cache.Get("t1", 1).has_value());
  EXPECT_TRUE(cache.Get("t2", 1).has_value());
  cache.InvalidatePrincipal("alice");
  EXPECT_FALSE(cache.Get("t2", 1).has_value());
  EXPECT_TRUE(cache.Get("t3", 1).has_value());
}

TEST(CredentialCacheTest, BoundedAndDisabledByZeroTtl) {
  CredentialCache cache(std::chrono::milliseconds(1000), 2);
  cache.Put(MakeEntry("a", "p"), 0);
  cache.Put(MakeEntry("b", "p"), 0);
  cache.Put(MakeEntry("c", "p"), 0);  // full: cleared, then c stored
  EXPECT_FALSE(cache.Get("a", 1).has_value());
  EXPECT_TRUE(cache.Get("c", 1).has_value());
  CredentialCache off(std::chrono::milliseconds(0), 2);
  off.Put(MakeEntry("a", "p"), 0);
  EXPECT_FALSE(off.Get("a", 0).has_value());
}

}  // namespace
}  // namespace sluice::access
