// Family: what every metric family has (a name, help text, a type, label
// names) and how it renders itself. Counter, Gauge and Histogram are the
// families a Registry creates; a collector's samples become one for the
// scrape that computed them.
//
// Ownership: a Registry owns its families and never deletes one before it
// is destroyed, so a Family* it handed out stays valid as long as it.
// Thread-safety: the accessors read immutable fields; AppendTo may run
// concurrently with updates of the family's children.
// Invariant: name and label names are valid (names.h); the Registry checks
// them before it makes a family.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "metrics/exposition.h"

namespace sluice::metrics {

class Family {
 public:
  virtual ~Family() = default;
  Family(const Family&) = delete;
  Family& operator=(const Family&) = delete;

  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  MetricType type() const { return type_; }
  const std::vector<std::string>& label_names() const { return label_names_; }

  // Appends the HELP and TYPE lines and every sample, children sorted by
  // their label values, so that equal states render equal text.
  virtual void AppendTo(std::string& out) const = 0;

 protected:
  Family(std::string name, std::string help, MetricType type, std::vector<std::string> label_names)
      : name_(std::move(name)),
        help_(std::move(help)),
        type_(type),
        label_names_(std::move(label_names)) {}

 private:
  const std::string name_;
  const std::string help_;
  const MetricType type_;
  const std::vector<std::string> label_names_;
};

}  // namespace sluice::metrics
