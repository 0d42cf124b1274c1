#include "policy/schema.h"

#include <algorithm>

#include "policy/lexer.h"

namespace sluice::policy {

class SchemaParser {
 public:
  SchemaParser(std::string_view text, std::string_view filename, Schema* out)
      : toks_(Lex(text)), filename_(filename), s_(out) {}

  Status Run() {
    while (Peek().kind != Tok::kEof) {
      SLUICE_RETURN_IF_ERROR(SkipAnnotations());
      if (IsIdent(Peek(), "namespace")) {
        Next();
        SLUICE_ASSIGN_OR_RETURN(std::string ns, Path());
        SLUICE_RETURN_IF_ERROR(Expect(Tok::kLBrace, "`{` after namespace name"));
        while (Peek().kind != Tok::kRBrace) {
          if (Peek().kind == Tok::kEof) return Err(Peek(), "expected `}` to close the namespace");
          SLUICE_RETURN_IF_ERROR(Decl(ns));
        }
        Next();
      } else {
        SLUICE_RETURN_IF_ERROR(Decl(""));
      }
    }
    return Status::Ok();
  }

 private:
  const Token& Peek(size_t k = 0) const { return toks_[std::min(pos_ + k, toks_.size() - 1)]; }
  const Token& Next() {
    const Token& t = toks_[pos_];
    if (pos_ + 1 < toks_.size()) ++pos_;
    return t;
  }
  static bool IsIdent(const Token& t, std::string_view s) {
    return t.kind == Tok::kIdent && t.text == s;
  }
  Status Err(const Token& t, std::string_view what) const {
    std::string found =
        t.kind == Tok::kIdent ? "`" + std::string(t.text) + "`" : std::string(TokName(t.kind));
    return InvalidArgument(filename_ + ":" + std::to_string(t.line) + ":" + std::to_string(t.col) +
                           ": " + std::string(what) + ", found " + found);
  }
  Status Expect(Tok k, std::string_view what) {
    if (Peek().kind != k) return Err(Peek(), "expected " + std::string(what));
    Next();
    return Status::Ok();
  }
  static std::string Qualify(const std::string& ns, const std::string& name) {
    return ns.empty() ? name : ns + "::" + name;
  }

  Status SkipAnnotations() {
    while (Peek().kind == Tok::kAt) {
      Next();
      if (Peek().kind != Tok::kIdent) return Err(Peek(), "expected annotation name");
      Next();
      if (Peek().kind == Tok::kLParen) {
        Next();
        if (Peek().kind != Tok::kString) return Err(Peek(), "expected string annotation value");
        Next();
        SLUICE_RETURN_IF_ERROR(Expect(Tok::kRParen, "`)`"));
      }
    }
    return Status::Ok();
  }

  Result<std::string> Path() {
    if (Peek().kind != Tok::kIdent) return Err(Peek(), "expected a name");
    std::string p(Next().text);
    while (Peek().kind == Tok::kColon2 && Peek(1).kind == Tok::kIdent) {
      Next();
      p += "::";
      p += Next().text;
    }
    return p;
  }

  Result<std::string> Str() {
    const Token& t = Peek();
    if (t.kind != Tok::kString) return Err(t, "expected a string literal");
    Next();
    std::string out, err;
    if (!UnescapeCedar(t.text, false, &out, &err, nullptr)) return Err(t, err);
    return out;
  }

  // IDENT or STR
  Result<std::string> Name() {
    if (Peek().kind == Tok::kString) return Str();
    if (Peek().kind == Tok::kIdent) return std::string(Next().text);
    return Err(Peek(), "expected a name (identifier or string)");
  }

  Status Decl(const std::string& ns) {
    SLUICE_RETURN_IF_ERROR(SkipAnnotations());
    const Token& t = Peek();
    if (IsIdent(t, "entity")) return EntityDecl(ns);
    if (IsIdent(t, "action")) return ActionDeclP(ns);
    if (IsIdent(t, "type")) {
      Next();
      if (Peek().kind != Tok::kIdent) return Err(Peek(), "expected a type name");
      std::string name = Qualify(ns, std::string(Next().text));
      SLUICE_RETURN_IF_ERROR(Expect(Tok::kEq1, "`=` in type declaration"));
      SLUICE_ASSIGN_OR_RETURN(auto ty, Type(ns, 0));
      SLUICE_RETURN_IF_ERROR(Expect(Tok::kSemi, "`;` after type declaration"));
      s_->common_types_[name] = std::move(ty);
      return Status::Ok();
    }
    return Err(t, "expected `entity`, `action`, `type` or `namespace`");
  }

  Result<std::vector<std::string>> EntTypes(const std::string& ns) {
    std::vector<std::string> out;
    auto one = [&]() -> Status {
      SLUICE_ASSIGN_OR_RETURN(auto p, Path());
      out.push_back(p);
      return Status::Ok();
    };
    if (Peek().kind == Tok::kLBracket) {
      Next();
      while (Peek().kind != Tok::kRBracket) {
        SLUICE_RETURN_IF_ERROR(one());
        if (Peek().kind == Tok::kComma)
          Next();
        else if (Peek().kind != Tok::kRBracket)
          return Err(Peek(), "expected `,` or `]`");
      }
      Next();
    } else {
      SLUICE_RETURN_IF_ERROR(one());
    }
    for (auto& n : out) n = QualifyEntity(ns, n);
    return out;
  }

  // Entity type references are resolved after parsing (a type may be declared
  // later); here record the namespace-qualified candidate.
  std::string QualifyEntity(const std::string& ns, const std::string& n) {
    pending_entity_refs_.push_back({ns, n});
    return n.find("::") == std::string::npos ? Qualify(ns, n) : n;
  }

  Status EntityDecl(const std::string& ns) {
    Next();
    std::vector<std::string> names;
    do {
      if (Peek().kind != Tok::kIdent) return Err(Peek(), "expected an entity type name");
      names.push_back(Qualify(ns, std::string(Next().text)));
    } while (Peek().kind == Tok::kComma && (Next(), true));
    EntityTypeDecl d;
    d.shape.kind = SchemaType::Kind::kRecord;
    if (IsIdent(Peek(), "enum")) {
      Next();
      SLUICE_RETURN_IF_ERROR(Expect(Tok::kLBracket, "`[` after enum"));
      while (Peek().kind != Tok::kRBracket) {
        SLUICE_ASSIGN_OR_RETURN(auto id, Str());
        d.enum_ids.push_back(std::move(id));
        if (Peek().kind == Tok::kComma)
          Next();
        else if (Peek().kind != Tok::kRBracket)
          return Err(Peek(), "expected `,` or `]`");
      }
      Next();
    } else {
      if (IsIdent(Peek(), "in")) {
        Next();
        SLUICE_ASSIGN_OR_RETURN(d.member_of, EntTypes(ns));
      }
      if (Peek().kind == Tok::kEq1) Next();
      if (Peek().kind == Tok::kLBrace) {
        SLUICE_ASSIGN_OR_RETURN(d.shape, RecordType(ns, 0));
      }
      if (IsIdent(Peek(), "tags")) {
        Next();
        SLUICE_ASSIGN_OR_RETURN(auto t, Type(ns, 0));
        d.tags = std::move(t);
      }
    }
    SLUICE_RETURN_IF_ERROR(Expect(Tok::kSemi, "`;` after entity declaration"));
    for (auto& n : names) {
      d.name = n;
      s_->entity_types_[n] = d;
    }
    return Status::Ok();
  }

  Result<EntityUid> ActionRef(const std::string& ns) {
    // `"name"`, `name`, or `Path::"name"`.
    if (Peek().kind == Tok::kString) {
      SLUICE_ASSIGN_OR_RETURN(auto id, Str());
      return EntityUid{Qualify(ns, "Action"), id};
    }
    if (Peek().kind != Tok::kIdent) return Err(Peek(), "expected an action name");
    std::string p(Next().text);
    while (Peek().kind == Tok::kColon2) {
      Next();
      if (Peek().kind == Tok::kString) {
        SLUICE_ASSIGN_OR_RETURN(auto id, Str());
        // Relative `Action::"x"` inside a namespace means that namespace's
        // Action type when unqualified.
        std::string type = p.find("::") == std::string::npos && ns.size() ? Qualify(ns, p) : p;
        return EntityUid{type, id};
      }
      if (Peek().kind != Tok::kIdent) return Err(Peek(), "expected a name or string after `::`");
      p += "::";
      p += Next().text;
    }
    return EntityUid{Qualify(ns, "Action"), p};
  }

  Status ActionDeclP(const std::string& ns) {
    Next();
    std::vector<std::string> names;
    do {
      SLUICE_ASSIGN_OR_RETURN(auto n, Name());
      names.push_back(std::move(n));
    } while (Peek().kind == Tok::kComma && (Next(), true));
    ActionDecl d;
    d.context.kind = SchemaType::Kind::kRecord;
    if (IsIdent(Peek(), "in")) {
      Next();
      if (Peek().kind == Tok::kLBracket) {
        Next();
        while (Peek().kind != Tok::kRBracket) {
          SLUICE_ASSIGN_OR_RETURN(auto r, ActionRef(ns));
          d.member_of.push_back(std::move(r));
          if (Peek().kind == Tok::kComma)
            Next();
          else if (Peek().kind != Tok::kRBracket)
            return Err(Peek(), "expected `,` or `]`");
        }
        Next();
      } else {
        SLUICE_ASSIGN_OR_RETURN(auto r, ActionRef(ns));
        d.member_of.push_back(std::move(r));
      }
    }
    if (IsIdent(Peek(), "appliesTo")) {
      Next();
      d.has_applies_to = true;
      SLUICE_RETURN_IF_ERROR(Expect(Tok::kLBrace, "`{` after appliesTo"));
      while (Peek().kind != Tok::kRBrace) {
        const Token& k = Peek();
        if (IsIdent(k, "principal") || IsIdent(k, "resource")) {
          Next();
          SLUICE_RETURN_IF_ERROR(Expect(Tok::kColon, "`:`"));
          SLUICE_ASSIGN_OR_RETURN(auto ts, EntTypes(ns));
          (k.text == "principal" ? d.principals : d.resources) = std::move(ts);
        } else if (IsIdent(k, "context")) {
          Next();
          SLUICE_RETURN_IF_ERROR(Expect(Tok::kColon, "`:`"));
          SLUICE_ASSIGN_OR_RETURN(d.context, Type(ns, 0));
        } else {
          return Err(k, "expected `principal`, `resource` or `context`");
        }
        if (Peek().kind == Tok::kComma)
          Next();
        else if (Peek().kind != Tok::kRBrace)
          return Err(Peek(), "expected `,` or `}`");
      }
      Next();
    }
    SLUICE_RETURN_IF_ERROR(Expect(Tok::kSemi, "`;` after action declaration"));
    for (auto& n : names) {
      d.uid = EntityUid{Qualify(ns, "Action"), n};
      s_->actions_.push_back(d);
    }
    return Status::Ok();
  }

  Result<SchemaType> RecordType(const std::string& ns, int depth) {
    SchemaType t;
    t.kind = SchemaType::Kind::kRecord;
    SLUICE_RETURN_IF_ERROR(Expect(Tok::kLBrace, "`{`"));
    while (Peek().kind != Tok::kRBrace) {
      SLUICE_RETURN_IF_ERROR(SkipAnnotations());
      SchemaAttr a;
      SLUICE_ASSIGN_OR_RETURN(a.name, Name());
      if (Peek().kind == Tok::kError && Peek().text == "?") {
        Next();
        a.required = false;
      }
      SLUICE_RETURN_IF_ERROR(Expect(Tok::kColon, "`:` after attribute name"));
      SLUICE_ASSIGN_OR_RETURN(a.type, Type(ns, depth + 1));
      t.attrs.push_back(std::move(a));
      if (Peek().kind == Tok::kComma)
        Next();
      else if (Peek().kind != Tok::kRBrace)
        return Err(Peek(), "expected `,` or `}` in record type");
    }
    Next();
    std::sort(t.attrs.begin(), t.attrs.end(),
              [](const SchemaAttr& x, const SchemaAttr& y) { return x.name < y.name; });
    return t;
  }

  Result<SchemaType> Type(const std::string& ns, int depth) {
    if (depth > 64) return Err(Peek(), "type nested too deeply");
    if (Peek().kind == Tok::kLBrace) return RecordType(ns, depth);
    SLUICE_ASSIGN_OR_RETURN(auto p, Path());
    if (p == "Set" && Peek().kind == Tok::kLt) {
      Next();
      SchemaType t;
      t.kind = SchemaType::Kind::kSet;
      SLUICE_ASSIGN_OR_RETURN(auto el, Type(ns, depth + 1));
      t.element.push_back(std::move(el));
      SLUICE_RETURN_IF_ERROR(Expect(Tok::kGt, "`>` after set element type"));
      return t;
    }
    SchemaType t;
    t.kind = SchemaType::Kind::kRef;
    t.name = p;
    t.ns = ns;
    return t;
  }

  std::vector<Token> toks_;
  size_t pos_ = 0;
  std::string filename_;
  Schema* s_;
  std::vector<std::pair<std::string, std::string>> pending_entity_refs_;
};

Result<Schema> Schema::ParseCedar(std::string_view text, std::string_view filename) {
  Schema s;
  SchemaParser p(text, filename, &s);
  SLUICE_RETURN_IF_ERROR(p.Run());
  SLUICE_RETURN_IF_ERROR(s.Resolve());
  return s;
}

namespace {
bool Builtin(const std::string& n, SchemaType* t) {
  std::string_view b = n;
  if (b.starts_with("__cedar::")) b.remove_prefix(9);
  if (b == "Long") {
    t->kind = SchemaType::Kind::kLong;
    return true;
  }
  if (b == "String") {
    t->kind = SchemaType::Kind::kString;
    return true;
  }
  if (b == "Bool" || b == "Boolean") {
    t->kind = SchemaType::Kind::kBool;
    return true;
  }
  if (b == "ipaddr" || b == "decimal" || b == "datetime" || b == "duration") {
    t->kind = SchemaType::Kind::kExt;
    t->name = std::string(b);
    return true;
  }
  return false;
}
}  // namespace

Status Schema::ResolveType(SchemaType* t, int depth) const {
  if (depth > 64) return InvalidArgument("schema: common types nest too deeply (or form a cycle)");
  switch (t->kind) {
    case SchemaType::Kind::kSet:
      return ResolveType(&t->element[0], depth + 1);
    case SchemaType::Kind::kRecord:
      for (auto& a : t->attrs) SLUICE_RETURN_IF_ERROR(ResolveType(&a.type, depth + 1));
      return Status::Ok();
    case SchemaType::Kind::kRef: {
      std::string name = t->name, ns = t->ns;
      bool qualified = name.find("::") != std::string::npos;
      if (name.starts_with("__cedar::")) {
        SchemaType b;
        if (!Builtin(name, &b)) return InvalidArgument("schema: unknown type `" + name + "`");
        *t = std::move(b);
        return Status::Ok();
      }
      std::vector<std::string> cands;
      if (!qualified && !ns.empty()) cands.push_back(ns + "::" + name);
      cands.push_back(name);
      for (const auto& c : cands) {
        auto it = t->entity_only ? common_types_.end() : common_types_.find(c);
        if (it != common_types_.end()) {
          *t = it->second;
          return ResolveType(t, depth + 1);
        }
        if (entity_types_.count(c)) {
          t->kind = SchemaType::Kind::kEntity;
          t->name = c;
          return Status::Ok();
        }
      }
      SchemaType b;
      if (Builtin(name, &b)) {
        *t = std::move(b);
        return Status::Ok();
      }
      // Unknown name: treat it as an entity type (Cedar would reject the
      // schema; we are lenient because this schema only guides parsing).
      t->kind = SchemaType::Kind::kEntity;
      t->name = cands.front();
      return Status::Ok();
    }
    default:
      return Status::Ok();
  }
}

Status Schema::Resolve() {
  for (auto& [n, d] : entity_types_) {
    SLUICE_RETURN_IF_ERROR(ResolveType(&d.shape, 0));
    if (d.tags) SLUICE_RETURN_IF_ERROR(ResolveType(&*d.tags, 0));
  }
  for (auto& a : actions_) SLUICE_RETURN_IF_ERROR(ResolveType(&a.context, 0));
  return Status::Ok();
}

const EntityTypeDecl* Schema::FindEntityType(std::string_view name) const {
  auto it = entity_types_.find(std::string(name));
  return it == entity_types_.end() ? nullptr : &it->second;
}

const ActionDecl* Schema::FindAction(const EntityUid& uid) const {
  for (const auto& a : actions_) {
    if (a.uid == uid) return &a;
  }
  return nullptr;
}

std::vector<Entity> Schema::ActionEntities() const {
  std::vector<Entity> out;
  for (const auto& a : actions_) {
    Entity e;
    e.uid = a.uid;
    e.parents = a.member_of;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace sluice::policy
