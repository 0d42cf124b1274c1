// The metrics gate: a model's metrics (the `metrics` object of its version metadata) against
// the target environment's MetricRules (platform file) and the bundle's own (promotion.yaml).
//
// Per rule: the candidate's value must be a JSON number (a string "0.8" is not) within
// [min, max]; with max_regression, it may be at most that much worse than the target's champion
// ("worse" is lower when higher_is_better, higher otherwise). Regression is measured only when a
// champion exists and has the metric; otherwise the result says so and that bound passes.
// Comparisons allow a relative slack of 1e-9 so that 0.84 - 0.82 (0.020000000000000018 in
// binary) does not exceed a max_regression of 0.02.
//
// Thread-safety: pure function.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "gates/gate_result.h"
#include "platform/model.h"

namespace sluice::gates {

// Gate "metrics"; the caller sets `subject` (the model's asset or version). No rules: skipped.
// `champion_metrics` is nullptr when the target has no champion yet. Metric names are looked up
// as top-level keys of the metrics objects.
GateResult CheckMetrics(const std::vector<platform::MetricRule>& rules,
                        const nlohmann::json& candidate_metrics,
                        const nlohmann::json* champion_metrics);

}  // namespace sluice::gates
