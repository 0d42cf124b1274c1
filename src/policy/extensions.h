// Extension functions and methods of Cedar: ip, decimal, datetime, duration
// constructors and their methods. This file is the only bridge between the
// evaluator and policy/ext/.
//
// Errors are values (Status with a message); the evaluator reports them as
// the policy's evaluation error.
//
// Thread-safety: stateless.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "common/status.h"
#include "policy/ast.h"
#include "policy/value.h"

namespace sluice::policy {

// Applies `fn` to `args` (for methods, args[0] is the receiver).
Result<Value> CallExtension(ExtFn fn, std::span<const Value> args);

// Cedar's operator overloading for `<` `<=` `>` `>=` on datetime and
// duration values. Returns nullopt when the pair is not comparable this way
// (the caller raises the type error).
std::optional<int> CompareOrderedExt(const Value& a, const Value& b);

// Looks up an extension function or method by its Cedar name.
std::optional<ExtFn> ExtFnByName(std::string_view name);
// Number of arguments `fn` takes, counting a method's receiver.
size_t ExtArity(ExtFn fn);

// Builds an extension value from its constructor name and string argument,
// as used by `{"__extn": {"fn": "ip", "arg": "..."}}` in JSON.
Result<Value> ConstructExtension(std::string_view fn, std::string_view arg);

}  // namespace sluice::policy
