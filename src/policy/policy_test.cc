// Unit tests of the Cedar engine: parser (precedence, errors, limits),
// evaluator (every operator's types, overflow, like, in), entities and JSON,
// authorizer semantics and the scope index.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "policy/authorizer.h"
#include "policy/entity_json.h"
#include "policy/evaluator.h"
#include "policy/parser.h"
#include "policy/policy_set.h"
#include "policy/schema.h"
#include "policy/schema_check.h"

namespace sluice::policy {
namespace {

EntityStore Store(std::string_view json) {
  auto s = ParseEntitiesJson(json);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? std::move(*s) : EntityStore();
}

Request Req() {
  Request r;
  r.principal = {"User", "alice"};
  r.action = {"Action", "view"};
  r.resource = {"Doc", "d1"};
  auto ctx = ValueFromJson(nlohmann::json::parse(R"({"n": 5, "s": "hello", "b": true,
      "set": [1, 2, 3], "rec": {"a": {"b": 1}}})"));
  r.context = *ctx;
  return r;
}

const char* kEntities = R"([
  {"uid": {"type": "User", "id": "alice"}, "attrs": {"age": 30, "name": "Alice",
     "mgr": {"__entity": {"type": "User", "id": "bob"}}},
   "parents": [{"type": "Group", "id": "eng"}], "tags": {"level": 3}},
  {"uid": {"type": "User", "id": "bob"}, "attrs": {}, "parents": []},
  {"uid": {"type": "Group", "id": "eng"}, "attrs": {}, "parents": [{"type": "Group", "id": "all"}]},
  {"uid": {"type": "Doc", "id": "d1"}, "attrs": {"owner": {"__entity": {"type": "User", "id": "alice"}}},
   "parents": []}
])";

// Evaluates `expr`; returns its printed value or "error".
std::string Ev(std::string_view expr) {
  static EntityStore store = Store(kEntities);
  static Request req = Req();
  auto e = ParseExpression(expr);
  if (!e.ok()) return "parse error: " + e.status().message();
  Evaluator ev(req, store);
  auto v = ev.Eval(**e);
  if (!v.ok()) return "error";
  return v->ToString();
}

TEST(Parser, Precedence) {
  EXPECT_EQ(Ev("1 + 2 * 3"), "7");
  EXPECT_EQ(Ev("(1 + 2) * 3"), "9");
  EXPECT_EQ(Ev("10 - 2 - 3"), "5");
  EXPECT_EQ(Ev("true || false && false"), "true");
  EXPECT_EQ(Ev("!true || true"), "true");
  EXPECT_EQ(Ev("if 1 < 2 then 3 else 4"), "3");
  EXPECT_EQ(Ev("1 + 1 == 2 && 3 > 2"), "true");
  EXPECT_EQ(Ev("-2 * 3"), "-6");
  EXPECT_EQ(Ev("--2"), "2");
}

TEST(Parser, Errors) {
  auto r = ParsePolicies("permit(principal, action, resource) when { 1 < 2 < 3 };", "f.cedar");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("f.cedar:1:"), std::string::npos) << r.status().message();
  r = ParsePolicies("permit(principal, action, resource)\nwhen { principal.x = 1 };", "f.cedar");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("f.cedar:2:"), std::string::npos);
  EXPECT_NE(r.status().message().find("=="), std::string::npos);
  r = ParsePolicies("permit(principal, action);", "f.cedar");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("expected"), std::string::npos);
  EXPECT_FALSE(ParsePolicies("permit(principal, action, resource) when {};").ok());
  EXPECT_FALSE(ParsePolicies("permit(principal, action, resource) when { foo };").ok());
  EXPECT_FALSE(ParsePolicies("permit(principal, action, resource) when { 1 / 2 == 0 };").ok());
  EXPECT_FALSE(ParsePolicies("permit(principal, action, resource) when { {a: 1, a: 2} };").ok());
  EXPECT_FALSE(ParsePolicies("permit(principal, action, resource) when { \"\\q\" };").ok());
  EXPECT_FALSE(ParseExpression("!!!!!true").ok());
  EXPECT_TRUE(ParseExpression("!!!!true").ok());
  EXPECT_FALSE(ParseExpression("9223372036854775808").ok());
  EXPECT_EQ(Ev("-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(Ev("--9223372036854775808"), "error");  // negating i64 min overflows
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  std::string deep(10000, '(');
  deep += "1";
  deep += std::string(10000, ')');
  EXPECT_FALSE(ParseExpression(deep).ok());
  std::string chain = "1";
  for (int i = 0; i < 20000; ++i) chain += " + 1";
  EXPECT_FALSE(ParseExpression(chain).ok());
  std::string sets(10000, '[');
  EXPECT_FALSE(ParseExpression(sets).ok());
  std::string json(10000, '[');
  json += std::string(10000, ']');
  EXPECT_FALSE(ValueFromJson(nlohmann::json::parse(json)).ok());
}

TEST(Parser, PolicyIdsAndScopes) {
  auto r = ParsePolicies(R"(
    @id("x") permit(principal == User::"a", action in [Action::"r", Action::"w"], resource is Doc in Folder::"f");
    forbid(principal is User, action == Action::"r", resource) unless { false };
    permit(principal in ?principal, action, resource == ?resource);
  )");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0]->id, "policy0");
  EXPECT_EQ((*r)[1]->id, "policy1");
  EXPECT_TRUE((*r)[2]->IsTemplate());
  EXPECT_EQ((*r)[0]->action.uids.size(), 2u);
  EXPECT_EQ((*r)[0]->resource.kind, ScopeConstraint::Kind::kIsIn);
  // Printing then re-parsing yields the same policy.
  auto again = ParsePolicies((*r)[0]->ToString());
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ((*again)[0]->ToString(), (*r)[0]->ToString());
}

TEST(Evaluator, TypeErrors) {
  for (const char* e : {"1 + true",
                        "\"a\" < \"b\"",
                        "!1",
                        "-\"a\"",
                        "1 && true",
                        "false || 1",
                        "if 1 then 2 else 3",
                        "1 in Group::\"eng\"",
                        "principal in [1]",
                        "principal in 1",
                        "1.contains(1)",
                        "[1].containsAll(1)",
                        "[1].containsAny(1)",
                        "1.isEmpty()",
                        "1 has a",
                        "1.a",
                        "1 like \"a\"",
                        "1 is User",
                        "1.hasTag(\"a\")",
                        "principal.hasTag(1)",
                        "ip(1)",
                        "decimal(\"1.0\").lessThan(1)",
                        "ip(\"1.2.3.4\").isInRange(1)",
                        "datetime(\"2020-01-01\") < duration(\"1h\")"}) {
    EXPECT_EQ(Ev(e), "error") << e;
  }
  // Short-circuit avoids evaluating the erroring operand.
  EXPECT_EQ(Ev("false && 1"), "false");
  EXPECT_EQ(Ev("true || 1"), "true");
  EXPECT_EQ(Ev("if true then 1 else 1 + true"), "1");
  // == never errors across kinds.
  EXPECT_EQ(Ev("1 == \"1\""), "false");
  EXPECT_EQ(Ev("1 != \"1\""), "true");
}

TEST(Evaluator, Overflow) {
  EXPECT_EQ(Ev("9223372036854775807 + 1"), "error");
  EXPECT_EQ(Ev("-9223372036854775808 - 1"), "error");
  EXPECT_EQ(Ev("9223372036854775807 * 2"), "error");
  EXPECT_EQ(Ev("-(-9223372036854775808)"), "error");
  EXPECT_EQ(Ev("9223372036854775807 - 1"), "9223372036854775806");
}

TEST(Evaluator, LikeAndEscapes) {
  EXPECT_EQ(Ev("\"hello\" like \"h*o\""), "true");
  EXPECT_EQ(Ev("\"hello\" like \"*\""), "true");
  EXPECT_EQ(Ev("\"\" like \"*\""), "true");
  EXPECT_EQ(Ev("\"h*o\" like \"h\\*o\""), "true");
  EXPECT_EQ(Ev("\"hello\" like \"h\\*o\""), "false");
  EXPECT_EQ(Ev("\"aXbXc\" like \"a*b*c\""), "true");
  EXPECT_EQ(Ev("\"abc\" like \"a*b*c*d\""), "false");
  EXPECT_EQ(Ev("\"caf\\u{e9}\" like \"caf*\""), "true");
  EXPECT_FALSE(ParseExpression("\"a\" == \"\\*\"").ok());  // \* only in patterns
}

TEST(Evaluator, AttributesHasAndTags) {
  EXPECT_EQ(Ev("principal.age"), "30");
  EXPECT_EQ(Ev("principal[\"name\"]"), "\"Alice\"");
  EXPECT_EQ(Ev("principal has age"), "true");
  EXPECT_EQ(Ev("principal has nope"), "false");
  EXPECT_EQ(Ev("principal.nope"), "error");
  EXPECT_EQ(Ev("User::\"ghost\" has age"), "false");
  EXPECT_EQ(Ev("User::\"ghost\".age"), "error");
  EXPECT_EQ(Ev("context has rec.a.b"), "true");
  EXPECT_EQ(Ev("context has rec.a.c"), "false");
  EXPECT_EQ(Ev("context has rec.x.y"), "false");
  EXPECT_EQ(Ev("principal.hasTag(\"level\")"), "true");
  EXPECT_EQ(Ev("principal.getTag(\"level\")"), "3");
  EXPECT_EQ(Ev("principal.getTag(\"nope\")"), "error");
  EXPECT_EQ(Ev("User::\"ghost\".hasTag(\"a\")"), "false");
  EXPECT_EQ(Ev("principal.mgr == User::\"bob\""), "true");
  EXPECT_EQ(Ev("resource.owner.age"), "30");
}

TEST(Evaluator, InAndIs) {
  EXPECT_EQ(Ev("principal in Group::\"eng\""), "true");
  EXPECT_EQ(Ev("principal in Group::\"all\""), "true");  // transitive
  EXPECT_EQ(Ev("principal in principal"), "true");
  EXPECT_EQ(Ev("User::\"ghost\" in User::\"ghost\""), "true");
  EXPECT_EQ(Ev("User::\"ghost\" in Group::\"all\""), "false");
  EXPECT_EQ(Ev("principal in [Group::\"x\", Group::\"all\"]"), "true");
  EXPECT_EQ(Ev("principal is User"), "true");
  EXPECT_EQ(Ev("principal is User in Group::\"all\""), "true");
  EXPECT_EQ(Ev("principal is Group in 1"), "false");  // `in` not evaluated
  EXPECT_EQ(Ev("principal is User in 1"), "error");
}

TEST(Evaluator, SetsRecordsAndExtensions) {
  EXPECT_EQ(Ev("[1, 2, 2] == [2, 1]"), "true");
  EXPECT_EQ(Ev("{a: 1, b: 2} == {b: 2, a: 1}"), "true");
  EXPECT_EQ(Ev("context.set.contains(2)"), "true");
  EXPECT_EQ(Ev("context.set.containsAll([1, 3])"), "true");
  EXPECT_EQ(Ev("context.set.containsAny([7, 3])"), "true");
  EXPECT_EQ(Ev("[].isEmpty()"), "true");
  EXPECT_EQ(Ev("ip(\"10.0.0.1\").isInRange(ip(\"10.0.0.0/8\"))"), "true");
  EXPECT_EQ(Ev("ip(\"::1\").isLoopback()"), "true");
  EXPECT_EQ(Ev("decimal(\"1.5\").lessThan(decimal(\"2.25\"))"), "true");
  EXPECT_EQ(Ev("decimal(\"1.50\") == decimal(\"1.5\")"), "true");
  EXPECT_EQ(Ev("ip(\"bad\")"), "error");
  EXPECT_EQ(Ev("datetime(\"2024-01-01\") < datetime(\"2024-01-02\")"), "true");
  EXPECT_EQ(Ev("duration(\"1h\").toMinutes()"), "60");
  EXPECT_EQ(Ev("datetime(\"2024-01-02T10:00:00Z\").toDate() == datetime(\"2024-01-02\")"), "true");
  EXPECT_EQ(Ev("ip(\"1.2.3.4\", \"x\")"), "error");  // arity is checked when evaluated
}

TEST(Entities, DeepHierarchyAndCycles) {
  std::vector<Entity> es;
  const int n = 2000;
  for (int i = 0; i < n; ++i) {
    Entity e;
    e.uid = {"G", std::to_string(i)};
    if (i + 1 < n) e.parents.push_back({"G", std::to_string(i + 1)});
    es.push_back(std::move(e));
  }
  auto s = EntityStore::Make(std::move(es));
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->In({"G", "0"}, {"G", std::to_string(n - 1)}));
  EXPECT_FALSE(s->In({"G", "5"}, {"G", "4"}));
  // Cedar rejects entity data with a cyclic hierarchy (its transitive closure
  // step does; found by tests/cedar-diff); a store built directly tolerates one.
  EXPECT_FALSE(ParseEntitiesJson(
                   R"([{"uid":{"type":"A","id":"1"},"attrs":{},"parents":[{"type":"A","id":"2"}]},
                                 {"uid":{"type":"A","id":"2"},"attrs":{},"parents":[{"type":"A","id":"1"}]}])")
                   .ok());
  EXPECT_FALSE(ParseEntitiesJson(R"([{"uid":{"type":"A","id":"1"},"attrs":{},)"
                                 R"("parents":[{"type":"A","id":"1"}]}])")
                   .ok());
  std::vector<Entity> cyclic(2);
  cyclic[0].uid = {"A", "1"};
  cyclic[0].parents = {{"A", "2"}};
  cyclic[1].uid = {"A", "2"};
  cyclic[1].parents = {{"A", "1"}};
  auto c = EntityStore::Make(std::move(cyclic));
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->In({"A", "1"}, {"A", "2"}));
  EXPECT_TRUE(c->In({"A", "2"}, {"A", "1"}));
}

TEST(EntityJson, IntegersAndEscapes) {
  auto v = ValueFromJson(nlohmann::json::parse("9007199254740993"));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->as_long(), 9007199254740993LL);
  EXPECT_FALSE(ValueFromJson(nlohmann::json::parse("1.5")).ok());
  EXPECT_FALSE(ValueFromJson(nlohmann::json::parse("18446744073709551615")).ok());
  EXPECT_FALSE(ValueFromJson(nlohmann::json::parse("null")).ok());
  v = ValueFromJson(nlohmann::json::parse(R"({"__extn": {"fn": "ip", "arg": "10.0.0.1"}})"));
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->is_ext());
  EXPECT_FALSE(
      ParseEntitiesJson(R"([{"uid": {"type": "A", "id": "1"}, "attrs": {"a": 1, "a": 2}}])").ok());
  EXPECT_FALSE(
      ParseEntitiesJson(R"([{"uid": {"type": "A", "id": "1"}}, {"uid": {"type": "A", "id": "1"}}])")
          .ok());
  EXPECT_FALSE(ParseEntitiesJson("[{").ok());
}

TEST(Schema, DirectsJsonAndDeclaresActions) {
  auto s = Schema::ParseCedar(R"(
    namespace App {
      entity User { ip: ipaddr, boss?: User };
      // (`action read, write in [read]` would make read a member of itself:
      // a cycle, which Cedar rejects.)
      action read appliesTo { principal: [User], resource: [User], context: { when: datetime } };
      action write in [read] appliesTo { principal: [User], resource: [User],
                                         context: { when: datetime } };
    }
  )");
  ASSERT_TRUE(s.ok()) << s.status().message();
  auto store = ParseEntitiesJson(R"([{"uid": {"type": "App::User", "id": "a"},
      "attrs": {"ip": "10.0.0.1", "boss": {"type": "App::User", "id": "b"}}}])",
                                 &*s);
  ASSERT_TRUE(store.ok()) << store.status().message();
  const Entity* a = store->Find({"App::User", "a"});
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(a->attrs.FindField("ip")->is_ext());
  EXPECT_TRUE(a->attrs.FindField("boss")->is_entity());
  EXPECT_TRUE(store->In({"App::Action", "write"}, {"App::Action", "read"}));
  auto bad = Schema::ParseCedar("entity User { a: Long ", "s.cedarschema");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("s.cedarschema:1:"), std::string::npos);
}

TEST(Schema, JsonFormatMatchesHumanFormat) {
  auto j = Schema::ParseJson(R"({
    "App": {
      "commonTypes": {"Ctx": {"type": "Record", "attributes": {
          "ip": {"type": "Extension", "name": "ipaddr"},
          "n": {"type": "Long", "required": false}}}},
      "entityTypes": {
        "Group": {},
        "User": {"memberOfTypes": ["Group"],
                 "shape": {"type": "Record", "attributes": {
                    "name": {"type": "String"},
                    "boss": {"type": "Entity", "name": "User", "required": false}}},
                 "tags": {"type": "Set", "element": {"type": "Long"}}},
        "Color": {"enum": ["red", "green"]}
      },
      "actions": {
        "read": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Color"],
                               "context": {"type": "Ctx"}}},
        "write": {"memberOf": [{"id": "read"}]}
      }
    }
  })");
  ASSERT_TRUE(j.ok()) << j.status().message();
  const EntityTypeDecl* u = j->FindEntityType("App::User");
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->member_of, std::vector<std::string>{"App::Group"});
  ASSERT_EQ(u->shape.attrs.size(), 2u);
  EXPECT_EQ(u->shape.attrs[0].name, "boss");
  EXPECT_EQ(u->shape.attrs[0].type.kind, SchemaType::Kind::kEntity);
  EXPECT_FALSE(u->shape.attrs[0].required);
  const ActionDecl* read = j->FindAction({"App::Action", "read"});
  ASSERT_NE(read, nullptr);
  ASSERT_EQ(read->context.attrs.size(), 2u);
  EXPECT_EQ(read->context.attrs[0].type.kind, SchemaType::Kind::kExt);
  EXPECT_EQ(j->FindAction({"App::Action", "write"})->member_of[0],
            (EntityUid{"App::Action", "read"}));
  EXPECT_FALSE(Schema::ParseJson(R"({"App": {"entityTypes": {"U": {"shape": 1}}}})").ok());
  EXPECT_FALSE(Schema::ParseJson("[").ok());
}

TEST(SchemaCheck, RequestsAndEntities) {
  auto s = Schema::ParseCedar(R"(
    entity Group;
    entity User in [Group] { name: String, age?: Long } tags String;
    entity Color enum ["red", "green"];
    action read appliesTo { principal: User, resource: Color, context: { ip: ipaddr } };
    action none;
  )");
  ASSERT_TRUE(s.ok()) << s.status().message();
  auto ctx = [&](std::string_view json) {
    return *ContextFromJson(nlohmann::json::parse(json), &*s, {"Action", "read"});
  };
  Request r{{"User", "a"}, {"Action", "read"}, {"Color", "red"}, ctx(R"({"ip": "10.0.0.1"})")};
  EXPECT_TRUE(ValidateRequest(*s, r).ok());
  Request bad = r;
  bad.resource = {"Color", "blue"};  // not an enum member
  EXPECT_FALSE(ValidateRequest(*s, bad).ok());
  bad = r;
  bad.principal = {"Group", "g"};  // action does not apply to Group
  EXPECT_FALSE(ValidateRequest(*s, bad).ok());
  bad = r;
  bad.action = {"Action", "nope"};
  EXPECT_FALSE(ValidateRequest(*s, bad).ok());
  bad = r;
  bad.action = {"Action", "none"};  // declared, applies to nothing
  EXPECT_FALSE(ValidateRequest(*s, bad).ok());
  bad = r;
  bad.context = ctx(R"({"ip": "10.0.0.1", "extra": 1})");
  EXPECT_FALSE(ValidateRequest(*s, bad).ok());
  bad.context = ctx("{}");
  EXPECT_FALSE(ValidateRequest(*s, bad).ok());

  auto ok = ParseEntitiesJson(R"([{"uid": {"type": "User", "id": "a"}, "attrs": {"name": "A"},
      "parents": [{"type": "Group", "id": "g"}], "tags": {"t": "x"}}])",
                              &*s);
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ValidateEntities(*s, *ok).ok());
  for (const char* e :
       {R"([{"uid": {"type": "User", "id": "a"}, "attrs": {}}])",  // missing name
        R"([{"uid": {"type": "User", "id": "a"}, "attrs": {"name": 1}}])",
        R"([{"uid": {"type": "User", "id": "a"}, "attrs": {"name": "A", "x": 1}}])",
        R"([{"uid": {"type": "User", "id": "a"}, "attrs": {"name": "A"},
                "parents": [{"type": "User", "id": "b"}]}])",
        R"([{"uid": {"type": "User", "id": "a"}, "attrs": {"name": "A"}, "tags": {"t": 1}}])",
        R"([{"uid": {"type": "Nope", "id": "a"}, "attrs": {}}])",
        R"([{"uid": {"type": "Color", "id": "blue"}, "attrs": {}}])"}) {
    auto st = ParseEntitiesJson(e, &*s);
    ASSERT_TRUE(st.ok()) << e;
    EXPECT_FALSE(ValidateEntities(*s, *st).ok()) << e;
  }
}

TEST(Authorizer, Semantics) {
  EntityStore store = Store(kEntities);
  Request req = Req();
  auto ps = PolicySet::Parse(R"(
    permit(principal, action, resource) when { principal.age > 18 };
    permit(principal in Group::"eng", action == Action::"view", resource);
    forbid(principal, action, resource) when { principal.nope };
    permit(principal == User::"bob", action, resource);
  )");
  ASSERT_TRUE(ps.ok());
  Response r = IsAuthorized(req, store, *ps);
  EXPECT_EQ(r.decision, Decision::kAllow);
  EXPECT_EQ(r.reasons, (std::vector<std::string>{"policy0", "policy1"}));
  ASSERT_EQ(r.errors.size(), 1u);  // the erroring forbid does not deny
  EXPECT_EQ(r.errors[0].policy_id, "policy2");

  auto deny = PolicySet::Parse(R"(
    permit(principal, action, resource);
    forbid(principal, action, resource) unless { context.b == false };
  )");
  ASSERT_TRUE(deny.ok());
  r = IsAuthorized(req, store, *deny);
  EXPECT_EQ(r.decision, Decision::kDeny);
  EXPECT_EQ(r.reasons, std::vector<std::string>{"policy1"});

  PolicySet empty;
  EXPECT_EQ(IsAuthorized(req, store, empty).decision, Decision::kDeny);
}

TEST(Authorizer, TemplatesLink) {
  EntityStore store = Store(kEntities);
  auto ps = PolicySet::Parse("permit(principal in ?principal, action, resource == ?resource);");
  ASSERT_TRUE(ps.ok());
  ASSERT_TRUE(ps->Link("policy0", "link1", EntityUid{"Group", "all"}, EntityUid{"Doc", "d1"}).ok());
  EXPECT_FALSE(ps->Link("policy0", "link2", std::nullopt, EntityUid{"Doc", "d1"}).ok());
  EXPECT_FALSE(
      ps->Link("policy0", "link1", EntityUid{"Group", "all"}, EntityUid{"Doc", "d1"}).ok());
  Response r = IsAuthorized(Req(), store, *ps);
  EXPECT_EQ(r.decision, Decision::kAllow);
  EXPECT_EQ(r.reasons, std::vector<std::string>{"link1"});
}

// The index must give exactly the full-scan answer on random policy sets.
TEST(PolicyIndex, EquivalentToFullScan) {
  std::mt19937 rng(42);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  std::string ents = "[";
  for (int i = 0; i < 30; ++i) {
    if (i) ents += ",";
    std::string type = i < 10 ? "User" : (i < 20 ? "Group" : "Doc");
    ents += R"({"uid":{"type":")" + type + R"(","id":")" + std::to_string(i) +
            R"("},"attrs":{},"parents":[)";
    if (i < 10 || (i >= 20)) {
      ents += R"({"type":"Group","id":")" + std::to_string(10 + pick(10)) + R"("})";
    } else if (i < 19) {
      ents += R"({"type":"Group","id":")" + std::to_string(i + 1) + R"("})";
    }
    ents += "]}";
  }
  ents += "]";
  EntityStore store = Store(ents);
  auto uid = [&](std::string_view type, int lo, int hi) {
    return std::string(type) + "::\"" + std::to_string(lo + pick(hi - lo)) + "\"";
  };
  for (int round = 0; round < 20; ++round) {
    std::string text;
    for (int i = 0; i < 200; ++i) {
      text += pick(4) == 0 ? "forbid(" : "permit(";
      switch (pick(5)) {
        case 0:
          text += "principal, ";
          break;
        case 1:
          text += "principal == " + uid("User", 0, 10) + ", ";
          break;
        case 2:
          text += "principal in " + uid("Group", 10, 20) + ", ";
          break;
        case 3:
          text += "principal is User, ";
          break;
        default:
          text += "principal is User in " + uid("Group", 10, 20) + ", ";
          break;
      }
      switch (pick(3)) {
        case 0:
          text += "action, ";
          break;
        case 1:
          text += "action == Action::\"a" + std::to_string(pick(3)) + "\", ";
          break;
        default:
          text += "action in [Action::\"a0\", Action::\"a" + std::to_string(pick(3)) + "\"], ";
          break;
      }
      switch (pick(4)) {
        case 0:
          text += "resource)";
          break;
        case 1:
          text += "resource == " + uid("Doc", 20, 30) + ")";
          break;
        case 2:
          text += "resource in " + uid("Group", 10, 20) + ")";
          break;
        default:
          text += "resource is Doc)";
          break;
      }
      text += pick(5) == 0 ? " when { principal.missing };" : ";";
    }
    auto ps = PolicySet::Parse(text);
    ASSERT_TRUE(ps.ok()) << ps.status().message();
    for (int q = 0; q < 50; ++q) {
      Request req;
      req.principal = {"User", std::to_string(pick(10))};
      req.action = {"Action", "a" + std::to_string(pick(3))};
      req.resource = {"Doc", std::to_string(20 + pick(10))};
      Response a = IsAuthorized(req, store, *ps);
      Response b = IsAuthorizedFullScan(req, store, *ps);
      ASSERT_EQ(a.decision, b.decision);
      ASSERT_EQ(a.reasons, b.reasons);
      ASSERT_EQ(a.errors.size(), b.errors.size());
    }
  }
}

}  // namespace
}  // namespace sluice::policy
