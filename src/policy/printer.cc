#include "policy/printer.h"

#include <cstddef>
#include <string>
#include <vector>

#include "policy/lexer.h"
#include "policy/parser.h"

namespace sluice::policy {
namespace {

// A token with the comments around it.
struct Tk {
  Tok kind = Tok::kEof;
  std::string text;                  // as printed (strings with their quotes)
  std::vector<std::string> leading;  // comments on lines before the token
  std::string trailing;              // a comment after the token on its line
  bool unary = false;                // `-` or `!` used as a prefix operator
};

bool IsKeyword(std::string_view s) {
  return s == "if" || s == "then" || s == "else" || s == "in" || s == "has" || s == "like" ||
         s == "is" || s == "when" || s == "unless";
}

// True when `t` can end an operand (so a following `-` is binary and a
// following `[` or `(` is an index or a call).
bool EndsOperand(const Tk& t) {
  switch (t.kind) {
    case Tok::kInt:
    case Tok::kString:
    case Tok::kSlot:
    case Tok::kRParen:
    case Tok::kRBracket:
    case Tok::kRBrace:
      return true;
    case Tok::kIdent:
      return !IsKeyword(t.text);
    default:
      return false;
  }
}

// Splits `text` into tokens and attaches comments. The input has been parsed
// successfully, so every token's text lies inside `text`.
std::vector<Tk> Tokenize(std::string_view text) {
  std::vector<Token> toks = Lex(text);
  std::vector<Tk> out;
  out.reserve(toks.size());
  size_t prev_end = 0;
  for (const Token& t : toks) {
    size_t start = text.size();
    size_t end = text.size();
    if (t.kind != Tok::kEof) {
      start = static_cast<size_t>(t.text.data() - text.data());
      end = start + t.text.size();
      if (t.kind == Tok::kString) {
        start -= 1;
        end += 1;
      }
    }
    Tk tk;
    tk.kind = t.kind;
    tk.text = std::string(text.substr(start, end - start));
    // The gap holds only whitespace and `//` comments.
    bool newline_seen = out.empty();
    for (size_t i = prev_end; i < start; ++i) {
      if (text[i] == '\n') {
        newline_seen = true;
      } else if (text[i] == '/' && i + 1 < start && text[i + 1] == '/') {
        size_t j = i;
        while (j < start && text[j] != '\n') ++j;
        std::string c(text.substr(i, j - i));
        while (!c.empty() && (c.back() == ' ' || c.back() == '\t' || c.back() == '\r')) {
          c.pop_back();
        }
        if (!newline_seen && out.back().trailing.empty()) {
          out.back().trailing = std::move(c);
        } else {
          tk.leading.push_back(std::move(c));
        }
        i = j - 1;
      }
    }
    if ((t.kind == Tok::kMinus || t.kind == Tok::kBang) &&
        (out.empty() || !EndsOperand(out.back()))) {
      tk.unary = true;
    }
    out.push_back(std::move(tk));
    prev_end = end;
  }
  return out;
}

bool NeedSpace(const Tk& prev, const Tk& cur) {
  switch (prev.kind) {
    case Tok::kLParen:
    case Tok::kLBracket:
    case Tok::kDot:
    case Tok::kColon2:
    case Tok::kAt:
      return false;
    default:
      break;
  }
  if (prev.unary) return prev.kind == Tok::kMinus && cur.kind == Tok::kMinus;  // `- -1`
  switch (cur.kind) {
    case Tok::kRParen:
    case Tok::kRBracket:
    case Tok::kComma:
    case Tok::kDot:
    case Tok::kColon2:
    case Tok::kSemi:
    case Tok::kColon:
      return false;
    case Tok::kRBrace:
      return prev.kind != Tok::kLBrace;
    case Tok::kLParen:
      return !(prev.kind == Tok::kIdent && !IsKeyword(prev.text));
    case Tok::kLBracket:
      return !EndsOperand(prev);
    default:
      return true;
  }
}

// A half-open range of tokens.
struct Range {
  size_t begin = 0;
  size_t end = 0;
  bool empty() const { return begin >= end; }
};

class Printer {
 public:
  explicit Printer(std::vector<Tk> toks) : t_(std::move(toks)) {}

  Result<std::string> Run() {
    size_t i = 0;
    bool first = true;
    while (t_[i].kind != Tok::kEof) {
      if (!first) out_ += "\n";
      first = false;
      auto next = PrintPolicy(i);
      if (!next.ok()) return next.status();
      i = *next;
    }
    // Comments after the last policy.
    const Tk& eof = t_[i];
    if (!line_start_) Newline();
    for (const auto& c : eof.leading) {
      out_ += c;
      out_ += "\n";
    }
    return std::move(out_);
  }

 private:
  Status Bad(size_t i) const {
    return InternalError("formatter: unexpected token `" + t_[i].text + "`");
  }
  static Status InternalError(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  // Index of the token closing the bracket at `open` (same nesting level).
  size_t Matching(size_t open) const {
    int depth = 0;
    for (size_t i = open; t_[i].kind != Tok::kEof; ++i) {
      Tok k = t_[i].kind;
      if (k == Tok::kLParen || k == Tok::kLBracket || k == Tok::kLBrace) ++depth;
      if (k == Tok::kRParen || k == Tok::kRBracket || k == Tok::kRBrace) {
        if (--depth == 0) return i;
      }
    }
    return t_.size() - 1;
  }

  // Top-level tokens of `r` (depth 0) satisfying `pred`.
  template <typename Pred>
  std::vector<size_t> TopLevel(Range r, Pred pred) const {
    std::vector<size_t> hits;
    int depth = 0;
    for (size_t i = r.begin; i < r.end; ++i) {
      Tok k = t_[i].kind;
      if (k == Tok::kLParen || k == Tok::kLBracket || k == Tok::kLBrace) ++depth;
      if (k == Tok::kRParen || k == Tok::kRBracket || k == Tok::kRBrace) --depth;
      if (depth == 0 && pred(t_[i])) hits.push_back(i);
    }
    return hits;
  }

  bool HasComments(Range r) const {
    for (size_t i = r.begin; i < r.end; ++i) {
      if ((i > r.begin && !t_[i].leading.empty()) || !t_[i].trailing.empty()) return true;
    }
    return false;
  }

  // The tokens of `r` on one line, ignoring comments.
  std::string Flat(Range r) const {
    std::string s;
    for (size_t i = r.begin; i < r.end; ++i) {
      if (i > r.begin && NeedSpace(t_[i - 1], t_[i])) s += ' ';
      s += t_[i].text;
    }
    return s;
  }

  void Newline() {
    out_ += '\n';
    line_start_ = true;
    need_newline_ = false;
  }
  // Ends the current line (if anything is on it).
  void Line() {
    if (!line_start_) Newline();
    need_newline_ = false;
  }

  void Emit(size_t i) {
    const Tk& t = t_[i];
    if (!t.leading.empty()) {
      if (!line_start_) Newline();
      for (const auto& c : t.leading) {
        out_.append(indent_, ' ');
        out_ += c;
        Newline();
      }
    } else if (need_newline_) {
      Newline();
    }
    if (line_start_) {
      out_.append(indent_, ' ');
      line_start_ = false;
    } else if (prev_ < t_.size() && NeedSpace(t_[prev_], t)) {
      out_ += ' ';
    }
    out_ += t.text;
    if (!t.trailing.empty()) {
      out_ += ' ';
      out_ += t.trailing;
      need_newline_ = true;
    }
    prev_ = i;
  }
  void EmitRange(Range r) {
    for (size_t i = r.begin; i < r.end; ++i) Emit(i);
  }
  // Emits `r` on the current (fresh) line if it fits with `extra` more
  // columns after it, else broken over lines at `indent_`.
  void Fit(Range r, size_t extra) {
    if (!HasComments(r) && indent_ + Flat(r).size() + extra <= kFormatLineWidth) {
      EmitRange(r);
      return;
    }
    Broken(r, extra);
  }

  // An expression laid out over several lines, starting on a fresh line.
  void Broken(Range r, size_t extra) {
    if (r.empty()) return;
    if (t_[r.begin].kind == Tok::kIdent && t_[r.begin].text == "if") {
      // Find this `if`'s `then` and `else` (nested ifs end with their else).
      size_t then_at = 0, else_at = 0;
      int nested = 0;
      auto top = TopLevel(Range{r.begin + 1, r.end}, [](const Tk& t) {
        return t.kind == Tok::kIdent && (t.text == "if" || t.text == "then" || t.text == "else");
      });
      for (size_t i : top) {
        const std::string& w = t_[i].text;
        if (w == "if") {
          ++nested;
        } else if (w == "then" && nested == 0 && then_at == 0) {
          then_at = i;
        } else if (w == "else") {
          if (nested > 0) {
            --nested;
          } else if (then_at != 0) {
            else_at = i;
            break;
          }
        }
      }
      if (then_at != 0 && else_at != 0) {
        const size_t base = indent_;
        auto part = [&](size_t kw, Range body, size_t tail) {
          Line();
          indent_ = base;
          Emit(kw);
          Line();
          indent_ = base + 2;
          Fit(body, tail);
        };
        part(r.begin, Range{r.begin + 1, then_at}, 0);
        part(then_at, Range{then_at + 1, else_at}, 0);
        part(else_at, Range{else_at + 1, r.end}, extra);
        indent_ = base;
        return;
      }
    }
    auto ops = TopLevel(r, [](const Tk& t) { return t.kind == Tok::kAnd || t.kind == Tok::kOr; });
    if (ops.empty()) {
      Line();
      EmitRange(r);
      return;
    }
    size_t begin = r.begin;
    for (size_t op : ops) {
      Line();
      EmitRange(Range{begin, op + 1});
      begin = op + 1;
    }
    Line();
    EmitRange(Range{begin, r.end});
  }

  // Prints the policy starting at token `i`; returns the index after it.
  Result<size_t> PrintPolicy(size_t i) {
    indent_ = 0;
    Line();
    // Annotations.
    while (t_[i].kind == Tok::kAt) {
      size_t end = i + 2;
      if (t_[end].kind == Tok::kLParen) end = Matching(end) + 1;
      Line();
      EmitRange(Range{i, end});
      i = end;
    }
    // Effect and scope.
    Line();
    if (t_[i].kind != Tok::kIdent || t_[i + 1].kind != Tok::kLParen) return Bad(i);
    Emit(i);
    const size_t open = i + 1;
    const size_t close = Matching(open);
    Range scope{open + 1, close};
    auto commas = TopLevel(scope, [](const Tk& t) { return t.kind == Tok::kComma; });
    std::vector<Range> items;
    size_t b = scope.begin;
    for (size_t c : commas) {
      items.push_back(Range{b, c});
      b = c + 1;
    }
    items.push_back(Range{b, scope.end});
    bool simple = !HasComments(Range{open, close + 1}) && t_[close].leading.empty();
    for (const Range& it : items) simple = simple && it.end == it.begin + 1;
    if (!need_newline_ && t_[open].leading.empty()) out_ += ' ';
    prev_ = t_.size();  // the space before `(` is written above
    if (simple) {
      for (size_t k = open; k <= close; ++k) Emit(k);
    } else {
      Emit(open);
      indent_ = 2;
      for (size_t k = 0; k < items.size(); ++k) {
        Line();
        EmitRange(items[k]);
        if (k + 1 < items.size()) Emit(items[k].end);  // the comma
      }
      indent_ = 0;
      Line();
      Emit(close);
    }
    i = close + 1;
    // Conditions.
    while (t_[i].kind == Tok::kIdent && (t_[i].text == "when" || t_[i].text == "unless")) {
      const size_t kw = i;
      const size_t lb = i + 1;
      if (t_[lb].kind != Tok::kLBrace) return Bad(lb);
      const size_t rb = Matching(lb);
      const bool last = !(t_[rb + 1].kind == Tok::kIdent &&
                          (t_[rb + 1].text == "when" || t_[rb + 1].text == "unless"));
      Range body{lb + 1, rb};
      std::string flat = t_[kw].text + " { " + Flat(body) + " }" + (last ? ";" : "");
      if (body.empty()) flat = t_[kw].text + " {}" + (last ? ";" : "");
      indent_ = 0;
      Line();
      if (!HasComments(Range{kw, rb + 1}) && t_[rb + 1].leading.empty() &&
          flat.size() <= kFormatLineWidth) {
        EmitRange(Range{kw, rb + 1});
      } else {
        Emit(kw);
        Line();
        Emit(lb);
        indent_ = 2;
        Broken(body, 0);
        indent_ = 0;
        Line();
        Emit(rb);
      }
      i = rb + 1;
    }
    if (t_[i].kind != Tok::kSemi) return Bad(i);
    Emit(i);
    Line();
    return i + 1;
  }

  std::vector<Tk> t_;
  std::string out_;
  size_t indent_ = 0;
  bool line_start_ = true;
  bool need_newline_ = false;
  size_t prev_ = static_cast<size_t>(-1);  // index of the last token emitted
};

}  // namespace

Result<std::string> FormatPolicies(std::string_view text, std::string_view filename) {
  auto parsed = ParsePolicies(text, filename);
  if (!parsed.ok()) return parsed.status();
  return Printer(Tokenize(text)).Run();
}

}  // namespace sluice::policy
