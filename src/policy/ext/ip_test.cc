#include "policy/ext/ip.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace sluice::policy::ext {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

IpAddr Ip(std::string_view text) {
  auto r = IpAddr::Parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? *r : *IpAddr::Parse("0.0.0.0/0");
}

struct Accepted {
  std::string_view text;
  bool v4;
  int prefix;
  std::string_view canonical;  // ToString()
};

TEST(IpAddrTest, AcceptsEveryForm) {
  const std::vector<Accepted> cases = {
      {"0.0.0.0", true, 32, "0.0.0.0/32"},
      {"255.255.255.255", true, 32, "255.255.255.255/32"},
      {"10.0.0.1", true, 32, "10.0.0.1/32"},
      {"192.168.0.1/24", true, 24, "192.168.0.1/24"},  // host bits kept
      {"10.0.0.0/8", true, 8, "10.0.0.0/8"},
      {"0.0.0.0/0", true, 0, "0.0.0.0/0"},
      {"1.2.3.4/32", true, 32, "1.2.3.4/32"},
      {"100.99.9.0", true, 32, "100.99.9.0/32"},
      {"::", false, 128, "::/128"},
      {"::1", false, 128, "::1/128"},
      {"::/0", false, 0, "::/0"},
      {"1::", false, 128, "1::/128"},
      {"1:2:3:4:5:6:7:8", false, 128, "1:2:3:4:5:6:7:8/128"},
      {"1:2:3:4:5:6:7::", false, 128, "1:2:3:4:5:6:7:0/128"},
      {"::2:3:4:5:6:7:8", false, 128, "0:2:3:4:5:6:7:8/128"},
      {"2001:DB8::1/64", false, 64, "2001:db8::1/64"},
      {"2001:0db8:0000:0000:0000:0000:0000:0001", false, 128, "2001:db8::1/128"},
      {"2001:db8:0:0:1:0:0:1", false, 128, "2001:db8::1:0:0:1/128"},     // leftmost tie
      {"2001:0:0:1:0:0:0:1", false, 128, "2001:0:0:1::1/128"},           // longest run
      {"2001:db8:0:1:1:1:1:1", false, 128, "2001:db8:0:1:1:1:1:1/128"},  // single 0
      {"fe80::1/10", false, 10, "fe80::1/10"},
      {"ff02::1", false, 128, "ff02::1/128"},
      {"::ffff:ff00:1", false, 128, "::ffff:ff00:1/128"},  // mapped, in hex: ok
      {"::ffff:7f00:1", false, 128, "::ffff:7f00:1/128"},
      {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/126", false, 126,
       "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/126"},
      {"afaf:afaf:afaf:afaf:afaf:afaf:afaf:afaf/46", false, 46,
       "afaf:afaf:afaf:afaf:afaf:afaf:afaf:afaf/46"},
      {"0000:0000:0000:0000:0000:0000:0000:0000/128", false, 128, "::/128"},  // 43 bytes
      {"::/128", false, 128, "::/128"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto r = IpAddr::Parse(c.text);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->IsV4(), c.v4);
    EXPECT_EQ(r->IsV6(), !c.v4);
    EXPECT_EQ(r->prefix_length(), c.prefix);
    EXPECT_EQ(r->ToString(), c.canonical);
    EXPECT_EQ(r->ToCedarExpr(), "ip(\"" + std::string(c.canonical) + "\")");
    auto again = IpAddr::Parse(r->ToString());
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(*again, *r);
  }
}

TEST(IpAddrTest, RejectsWhatCedarRejects) {
  const std::vector<std::string_view> cases = {
      "",
      " 10.0.0.1",
      "10.0.0.1 ",
      "10.0.0",
      "10.0.0.0.1",
      "10.0.0.",
      ".10.0.0",
      "10..0.1",
      "256.0.0.1",
      "1.2.3.1000",
      "010.0.0.1",  // leading zero in an octet
      "10.0.0.01",
      "00.0.0.0",
      "+1.2.3.4",
      "1.2.3.4/",
      "1.2.3.4/33",
      "1.2.3.4/08",  // leading zero in the prefix
      "1.2.3.4/00",
      "1.2.3.4/-1",
      "1.2.3.4/+8",
      "1.2.3.4/8/8",
      "1.2.3.4/ 8",
      "1.2.3.4/100",
      "::1/129",
      "::1/0128",
      "::1/999",
      "::1/",
      ":",
      ":::",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7",
      "1:2:3:4:5:6:7:8::",
      "::1:2:3:4:5:6:7:8",
      "1:2:3:4::5:6:7:8",
      "1::2::3",
      "1:::2",
      ":1:2:3:4:5:6:7",
      "1:2:3:4:5:6:7:",
      "12345::",
      "g::1",
      "::ffff:1.2.3.4",  // IPv4-embedded IPv6
      "::127.0.0.1",
      "1:2:3:4:5:6:1.2.3.4",
      "::1.2.3",
      "fe80::1%eth0",  // zone id
      "fe80::1%1",
      "[::1]",
      "0x0a.0.0.1",
      "localhost",
      "0000:0000:0000:0000:0000:0000:0000:0000/0128",  // 44 bytes: too long
      "1.2.3.4\n",
  };
  for (auto text : cases) {
    SCOPED_TRACE(text);
    auto r = IpAddr::Parse(text);
    ASSERT_FALSE(r.ok()) << r->ToString();
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), StartsWith("invalid ip address \""));
  }
}

TEST(IpAddrTest, ErrorMessagesExplain) {
  EXPECT_EQ(IpAddr::Parse("1.2.3.4/33").status().message(),
            "invalid ip address \"1.2.3.4/33\": prefix length must be a number from 0 to 32 "
            "without leading zeros");
  EXPECT_THAT(IpAddr::Parse("::ffff:1.2.3.4").status().message(),
              HasSubstr("IPv4-embedded IPv6 notation is not supported"));
  EXPECT_THAT(IpAddr::Parse("nope").status().message(), HasSubstr("not an IPv4 or IPv6 address"));
  EXPECT_THAT(IpAddr::Parse(std::string(50, '1')).status().message(),
              HasSubstr("longer than 43 bytes"));
}

TEST(IpAddrTest, EqualityComparesAddressAndPrefix) {
  EXPECT_EQ(Ip("10.0.0.1"), Ip("10.0.0.1/32"));
  EXPECT_EQ(Ip("::1"), Ip("0:0:0:0:0:0:0:1/128"));
  EXPECT_EQ(Ip("2001:DB8::"), Ip("2001:db8::"));
  EXPECT_NE(Ip("10.0.0.1/24"), Ip("10.0.0.0/24"));  // no host-bit masking
  EXPECT_NE(Ip("10.0.0.0/24"), Ip("10.0.0.0/25"));
  EXPECT_NE(Ip("0.0.0.0"), Ip("::"));
  EXPECT_NE(Ip("0.0.0.0/0"), Ip("::/0"));
  EXPECT_NE(Ip("127.0.0.1"), Ip("::ffff:7f00:1"));
  EXPECT_EQ(Ip("10.0.0.1").Hash(), Ip("10.0.0.1/32").Hash());
  std::unordered_set<IpAddr> set = {Ip("10.0.0.1"), Ip("10.0.0.1/32"), Ip("::a00:1")};
  EXPECT_EQ(set.size(), 2u);
}

TEST(IpAddrTest, OrderingPutsV4FirstThenAddressThenPrefix) {
  EXPECT_LT(Ip("255.255.255.255"), Ip("::"));
  EXPECT_LT(Ip("10.0.0.1"), Ip("10.0.0.2"));
  EXPECT_LT(Ip("10.0.0.0/8"), Ip("10.0.0.0/9"));
  EXPECT_LT(Ip("::1"), Ip("::2"));
  EXPECT_LT(Ip("0:0:0:1::"), Ip("1::"));
}

struct RangeCase {
  std::string_view ip;
  std::string_view range;
  bool in;
};

TEST(IpAddrTest, IsInRange) {
  const std::vector<RangeCase> cases = {
      {"10.0.0.1", "10.0.0.0/8", true},
      {"10.0.0.1", "10.0.0.0/24", true},
      {"10.0.1.1", "10.0.0.0/24", false},
      {"10.0.0.0/24", "10.0.0.0/16", true},
      {"10.0.0.0/16", "10.0.0.0/24", false},  // wider is not inside narrower
      {"10.0.0.0/24", "10.0.0.0/24", true},
      {"10.0.0.1", "10.0.0.1", true},
      {"10.0.0.1", "10.0.0.2", false},
      {"10.0.0.77/24", "10.0.0.0/24", true},  // host bits ignored for ranges
      {"10.0.0.0/24", "10.0.0.77/24", true},
      {"1.2.3.4", "0.0.0.0/0", true},
      {"0.0.0.0/0", "0.0.0.0/0", true},
      {"0.0.0.0/0", "1.2.3.4/1", false},
      {"255.255.255.255", "255.255.255.254/31", true},
      {"192.168.0.1", "192.168.0.1/32", true},
      {"127.0.0.1", "::ffff:7f00:0/104", false},  // v4 never in a v6 range
      {"1.2.3.4", "::/0", false},
      {"::1", "0.0.0.0/0", false},
      {"::1", "::/0", true},
      {"::1", "::1/128", true},
      {"::2", "::1/128", false},
      {"2001:db8::1", "2001:db8::/32", true},
      {"2001:db9::1", "2001:db8::/32", false},
      {"2001:db8::/48", "2001:db8::/32", true},
      {"2001:db8::/31", "2001:db8::/32", false},
      {"::/0", "::/0", true},
      {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00/120",
       true},
      {"afaf:afaf:afaf:af00:ffff:ffff:ffff:ffaf/46", "afaf:afaf:afaf:afaf:afaf:afaf:afaf:afaf/46",
       true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.ip) + " in " + std::string(c.range));
    EXPECT_EQ(Ip(c.ip).IsInRange(Ip(c.range)), c.in);
  }
}

struct PredicateCase {
  std::string_view ip;
  bool loopback;
  bool multicast;
};

TEST(IpAddrTest, LoopbackAndMulticast) {
  const std::vector<PredicateCase> cases = {
      {"127.0.0.1", true, false},
      {"127.255.255.255", true, false},
      {"127.0.0.0/8", true, false},
      {"127.1.2.3/16", true, false},
      {"127.0.0.1/7", false, false},  // range reaches outside 127/8
      {"126.0.0.1", false, false},
      {"128.0.0.1", false, false},
      {"0.0.0.0", false, false},
      {"224.0.0.1", false, true},
      {"239.255.255.255", false, true},
      {"224.0.0.0/4", false, true},
      {"230.0.0.0/3", false, false},  // 224/3 reaches outside 224/4
      {"223.255.255.255", false, false},
      {"240.0.0.0", false, false},
      {"::1", true, false},
      {"::1/127", false, false},
      {"::", false, false},
      {"::2", false, false},
      {"::ffff:7f00:1", false, false},  // IPv4-mapped loopback is IPv6, not loopback
      {"ff00::", false, true},
      {"ff02::1", false, true},
      {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/126", false, true},
      {"ff00::/8", false, true},
      {"ff00::/7", false, false},
      {"fe80::1", false, false},
      {"::ffff:e000:1", false, false},  // IPv4-mapped multicast is not multicast
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.ip);
    const IpAddr ip = Ip(c.ip);
    EXPECT_EQ(ip.IsLoopback(), c.loopback);
    EXPECT_EQ(ip.IsMulticast(), c.multicast);
  }
}

// The requests of tests/ip/{1,2,3}.json in the Cedar integration tests,
// reduced to the extension calls their policies make.
TEST(IpAddrTest, IntegrationTestExamples) {
  // ip/1: context.source_ip == ip("222.222.222.222")
  EXPECT_EQ(Ip("222.222.222.222"), Ip("222.222.222.222"));
  EXPECT_NE(Ip("222.222.222.111"), Ip("222.222.222.222"));
  // ip/2: !isLoopback() && !isMulticast()
  for (auto [text, allow] :
       std::vector<std::pair<std::string_view, bool>>{{"222.222.222.222", true},
                                                      {"127.0.0.100", false},
                                                      {"::1", false},
                                                      {"228.222.222.222", false}}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(!Ip(text).IsLoopback() && !Ip(text).IsMulticast(), allow);
  }
  // ip/3: isInRange(ip("222.222.222.0/24"))
  EXPECT_TRUE(Ip("222.222.222.222").IsInRange(Ip("222.222.222.0/24")));
  EXPECT_FALSE(Ip("222.222.111.0").IsInRange(Ip("222.222.222.0/24")));
}

}  // namespace
}  // namespace sluice::policy::ext
