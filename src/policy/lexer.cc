#include "policy/lexer.h"

#include <cctype>

namespace sluice::policy {

std::string_view TokName(Tok t) {
  switch (t) {
    case Tok::kEof:
      return "end of input";
    case Tok::kIdent:
      return "identifier";
    case Tok::kInt:
      return "integer";
    case Tok::kString:
      return "string literal";
    case Tok::kSlot:
      return "slot";
    case Tok::kAt:
      return "`@`";
    case Tok::kDot:
      return "`.`";
    case Tok::kComma:
      return "`,`";
    case Tok::kSemi:
      return "`;`";
    case Tok::kColon:
      return "`:`";
    case Tok::kColon2:
      return "`::`";
    case Tok::kLParen:
      return "`(`";
    case Tok::kRParen:
      return "`)`";
    case Tok::kLBrace:
      return "`{`";
    case Tok::kRBrace:
      return "`}`";
    case Tok::kLBracket:
      return "`[`";
    case Tok::kRBracket:
      return "`]`";
    case Tok::kEq2:
      return "`==`";
    case Tok::kNe:
      return "`!=`";
    case Tok::kLt:
      return "`<`";
    case Tok::kLe:
      return "`<=`";
    case Tok::kGt:
      return "`>`";
    case Tok::kGe:
      return "`>=`";
    case Tok::kOr:
      return "`||`";
    case Tok::kAnd:
      return "`&&`";
    case Tok::kPlus:
      return "`+`";
    case Tok::kMinus:
      return "`-`";
    case Tok::kStar:
      return "`*`";
    case Tok::kSlash:
      return "`/`";
    case Tok::kPercent:
      return "`%`";
    case Tok::kBang:
      return "`!`";
    case Tok::kEq1:
      return "`=`";
    case Tok::kError:
      return "invalid token";
  }
  return "?";
}

namespace {
bool IsIdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}
}  // namespace

std::vector<Token> Lex(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  uint32_t line = 1, col = 1;
  auto advance = [&](size_t n) {
    for (size_t k = 0; k < n && i < s.size(); ++k, ++i) {
      if (s[i] == '\n') {
        ++line;
        col = 1;
      } else if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
        ++col;
      }
    }
  };
  while (true) {
    // Skip whitespace and comments.
    while (i < s.size()) {
      char c = s[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        advance(1);
      } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
        while (i < s.size() && s[i] != '\n') advance(1);
      } else {
        break;
      }
    }
    Token t;
    t.line = line;
    t.col = col;
    if (i >= s.size()) {
      t.kind = Tok::kEof;
      out.push_back(t);
      return out;
    }
    char c = s[i];
    size_t start = i;
    if (IsIdentStart(c)) {
      size_t j = i;
      while (j < s.size() && IsIdentChar(s[j])) ++j;
      t.kind = Tok::kIdent;
      t.text = s.substr(start, j - start);
      advance(j - i);
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      t.kind = Tok::kInt;
      t.text = s.substr(start, j - start);
      advance(j - i);
    } else if (c == '"') {
      size_t j = i + 1;
      bool closed = false;
      while (j < s.size()) {
        if (s[j] == '\\') {
          j += 2;
          continue;
        }
        if (s[j] == '"') {
          closed = true;
          break;
        }
        ++j;
      }
      if (!closed) {
        t.kind = Tok::kError;
        t.text = "unterminated string literal";
        out.push_back(t);
        Token eof;
        eof.line = t.line;
        eof.col = t.col;
        out.push_back(eof);
        return out;
      }
      t.kind = Tok::kString;
      t.text = s.substr(start + 1, j - start - 1);
      advance(j + 1 - i);
    } else if (c == '?' && i + 1 < s.size() && IsIdentStart(s[i + 1])) {
      size_t j = i + 1;
      while (j < s.size() && IsIdentChar(s[j])) ++j;
      t.kind = Tok::kSlot;
      t.text = s.substr(start, j - start);
      advance(j - i);
    } else {
      auto two = [&](char a, char b) { return c == a && i + 1 < s.size() && s[i + 1] == b; };
      size_t n = 1;
      if (two(':', ':')) {
        t.kind = Tok::kColon2;
        n = 2;
      } else if (two('=', '=')) {
        t.kind = Tok::kEq2;
        n = 2;
      } else if (two('!', '=')) {
        t.kind = Tok::kNe;
        n = 2;
      } else if (two('<', '=')) {
        t.kind = Tok::kLe;
        n = 2;
      } else if (two('>', '=')) {
        t.kind = Tok::kGe;
        n = 2;
      } else if (two('|', '|')) {
        t.kind = Tok::kOr;
        n = 2;
      } else if (two('&', '&')) {
        t.kind = Tok::kAnd;
        n = 2;
      } else {
        switch (c) {
          case '@':
            t.kind = Tok::kAt;
            break;
          case '.':
            t.kind = Tok::kDot;
            break;
          case ',':
            t.kind = Tok::kComma;
            break;
          case ';':
            t.kind = Tok::kSemi;
            break;
          case ':':
            t.kind = Tok::kColon;
            break;
          case '(':
            t.kind = Tok::kLParen;
            break;
          case ')':
            t.kind = Tok::kRParen;
            break;
          case '{':
            t.kind = Tok::kLBrace;
            break;
          case '}':
            t.kind = Tok::kRBrace;
            break;
          case '[':
            t.kind = Tok::kLBracket;
            break;
          case ']':
            t.kind = Tok::kRBracket;
            break;
          case '<':
            t.kind = Tok::kLt;
            break;
          case '>':
            t.kind = Tok::kGt;
            break;
          case '+':
            t.kind = Tok::kPlus;
            break;
          case '-':
            t.kind = Tok::kMinus;
            break;
          case '*':
            t.kind = Tok::kStar;
            break;
          case '/':
            t.kind = Tok::kSlash;
            break;
          case '%':
            t.kind = Tok::kPercent;
            break;
          case '!':
            t.kind = Tok::kBang;
            break;
          case '=':
            t.kind = Tok::kEq1;
            break;
          default:
            t.kind = Tok::kError;
            break;
        }
      }
      t.text = s.substr(start, n);
      if (t.kind == Tok::kError) {
        // Take the whole UTF-8 sequence so the message shows the character.
        size_t j = i + 1;
        while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
        t.text = s.substr(start, j - start);
        n = j - i;
      }
      advance(n);
    }
    out.push_back(t);
  }
}

namespace {
void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}
int HexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

bool UnescapeCedar(std::string_view raw, bool pattern, std::string* out, std::string* error,
                   std::vector<bool>* star_is_literal) {
  // star_is_literal (patterns only): one entry per byte of `out`, true when
  // that byte is a literal '*' that came from `\*`.
  out->clear();
  auto push = [&](char c, bool lit_star) {
    out->push_back(c);
    if (star_is_literal) star_is_literal->push_back(lit_star);
  };
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c != '\\') {
      push(c, false);
      continue;
    }
    if (i + 1 >= raw.size()) {
      *error = "string ends with a lone backslash";
      return false;
    }
    char e = raw[++i];
    switch (e) {
      case 'n':
        push('\n', false);
        break;
      case 'r':
        push('\r', false);
        break;
      case 't':
        push('\t', false);
        break;
      case '\\':
        push('\\', false);
        break;
      case '0':
        push('\0', false);
        break;
      case '\'':
        push('\'', false);
        break;
      case '"':
        push('"', false);
        break;
      case '*':
        if (!pattern) {
          *error = "invalid escape `\\*` (only allowed in `like` patterns)";
          return false;
        }
        push('*', true);
        break;
      case 'x': {
        int h = i + 1 < raw.size() ? HexVal(raw[i + 1]) : -1;
        int l = i + 2 < raw.size() ? HexVal(raw[i + 2]) : -1;
        if (h < 0 || l < 0) {
          *error = "invalid `\\x` escape: expected two hex digits";
          return false;
        }
        int v = h * 16 + l;
        if (v > 0x7f) {
          *error = "invalid `\\x` escape: value above 0x7f";
          return false;
        }
        push(static_cast<char>(v), false);
        i += 2;
        break;
      }
      case 'u': {
        if (i + 1 >= raw.size() || raw[i + 1] != '{') {
          *error = "invalid `\\u` escape: expected `{`";
          return false;
        }
        size_t j = i + 2;
        uint32_t cp = 0;
        int digits = 0;
        while (j < raw.size() && raw[j] != '}') {
          int h = HexVal(raw[j]);
          if (h < 0 || digits >= 6) {
            *error = "invalid `\\u{...}` escape";
            return false;
          }
          cp = cp * 16 + static_cast<uint32_t>(h);
          ++digits;
          ++j;
        }
        if (j >= raw.size() || digits == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          *error = "invalid `\\u{...}` escape";
          return false;
        }
        std::string tmp;
        AppendUtf8(cp, &tmp);
        for (char b : tmp) push(b, false);
        i = j;
        break;
      }
      default:
        *error = std::string("invalid escape `\\") + e + "`";
        return false;
    }
  }
  return true;
}

}  // namespace sluice::policy
