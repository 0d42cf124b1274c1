// Request: the four inputs of a Cedar authorization request.
//
// Thread-safety: a value type.
#pragma once

#include "policy/entity_uid.h"
#include "policy/value.h"

namespace sluice::policy {

struct Request {
  EntityUid principal;
  EntityUid action;
  EntityUid resource;
  Value context = Value::EmptyRecord();  // always a record
};

}  // namespace sluice::policy
