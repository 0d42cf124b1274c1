// Lexer: turns Cedar policy text into tokens with line:column positions.
//
// Tokens: identifiers, integer literals (digits only; the sign is an operator),
// string literals (kept raw, unescaped by the parser, because `like` patterns
// need to see `\*`), slots (`?principal`), and punctuation. `//` comments and
// whitespace are skipped. Unknown characters become kError tokens so the
// parser can report them with their position.
//
// Thread-safety: a Lexer is used by one thread; it borrows the text, which
// must outlive it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::policy {

enum class Tok {
  kEof,
  kIdent,
  kInt,
  kString,
  kSlot,
  kAt,
  kDot,
  kComma,
  kSemi,
  kColon,
  kColon2,
  kLParen,
  kRParen,
  kLBrace,
  kRBrace,
  kLBracket,
  kRBracket,
  kEq2,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kOr,
  kAnd,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kBang,
  kEq1,
  kError,
};

struct Token {
  Tok kind = Tok::kEof;
  std::string_view text;  // raw text; for kString without the quotes
  uint32_t line = 1;
  uint32_t col = 1;
};

// Describes a token kind for "expected X, found Y" messages.
std::string_view TokName(Tok t);

// Tokenizes the whole input. Never fails: bad characters and unterminated
// strings produce a kError token (text says what is wrong) followed by kEof.
std::vector<Token> Lex(std::string_view text);

// Decodes the body of a string literal (Cedar escapes: \n \r \t \\ \0 \' \"
// \xHH (<= 0x7f) \u{H..H}). With `pattern`, `\*` is kept as the two-byte
// marker described in parser.cc. Returns false with `error` on a bad escape.
bool UnescapeCedar(std::string_view raw, bool pattern, std::string* out, std::string* error,
                   std::vector<bool>* star_is_literal);

}  // namespace sluice::policy
