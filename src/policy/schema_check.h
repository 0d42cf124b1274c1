// Schema checks of data: values, entities and requests against a Schema
// (Cedar's `validateRequest` and schema-based entity validation). Policy
// validation (type-checking policies) is a separate, not yet written piece.
//
// Each function returns OK or an InvalidArgument naming what does not conform
// and where.
//
// Thread-safety: stateless; reads its arguments only.
#pragma once

#include <string_view>

#include "common/status.h"
#include "policy/entities.h"
#include "policy/request.h"
#include "policy/schema.h"
#include "policy/value.h"

namespace sluice::policy {

// `v` has type `t` (records: required attributes present, no undeclared
// attributes unless the type allows them; entities: of the named type).
Status CheckValue(const Value& v, const SchemaType& t, std::string_view path);

// Every entity is of a declared type (or a declared action), has a valid enum
// id where the type is enumerated, attributes and tags of the declared types,
// and parents of the declared parent types.
Status ValidateEntities(const Schema& schema, const EntityStore& store);

// The action is declared, the principal and resource types are ones it
// applies to (and valid enum ids), and the context has the declared type.
Status ValidateRequest(const Schema& schema, const Request& req);

}  // namespace sluice::policy
