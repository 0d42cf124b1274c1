#include "auditlog/event_index.h"

#include <algorithm>
#include <mutex>

namespace sluice::auditlog {

void EventIndex::Add(std::uint64_t first_seq, std::span<const EventKeys> keys) {
  std::unique_lock lock(mu_);
  std::uint64_t seq = first_seq;
  for (const EventKeys& k : keys) {
    postings_[Key('p', k.principal)].push_back(seq);
    postings_[Key('a', k.action)].push_back(seq);
    postings_[Key('e', k.environment)].push_back(seq);
    postings_[k.allowed ? "d+" : "d-"].push_back(seq);
    ++seq;
  }
}

std::vector<std::uint64_t> EventIndex::Find(const EventFilter& filter, std::uint64_t from_seq,
                                            std::uint64_t end_seq, std::size_t max_count) const {
  std::shared_lock lock(mu_);
  std::vector<const Postings*> lists;
  auto use = [&](const std::string& key) {
    auto it = postings_.find(key);
    lists.push_back(it == postings_.end() ? nullptr : &it->second);
  };
  if (!filter.principal.empty()) use(Key('p', filter.principal));
  if (!filter.action.empty()) use(Key('a', filter.action));
  if (!filter.environment.empty()) use(Key('e', filter.environment));
  if (filter.allowed) use(*filter.allowed ? "d+" : "d-");
  std::vector<std::uint64_t> out;
  if (lists.empty() || std::find(lists.begin(), lists.end(), nullptr) != lists.end()) return out;
  // Drive the intersection with the shortest list; the others are searched
  // (each search starts where the last one ended, so a query costs about
  // shortest * log(longest) comparisons).
  std::sort(lists.begin(), lists.end(),
            [](const Postings* a, const Postings* b) { return a->size() < b->size(); });
  std::vector<Postings::const_iterator> cursors;
  for (const Postings* l : lists)
    cursors.push_back(std::lower_bound(l->begin(), l->end(), from_seq));
  for (auto it = cursors[0]; it != lists[0]->end() && *it < end_seq; ++it) {
    bool in_all = true;
    for (std::size_t i = 1; i < lists.size() && in_all; ++i) {
      cursors[i] = std::lower_bound(cursors[i], lists[i]->end(), *it);
      in_all = cursors[i] != lists[i]->end() && *cursors[i] == *it;
    }
    if (!in_all) continue;
    out.push_back(*it);
    if (out.size() == max_count) break;
  }
  return out;
}

}  // namespace sluice::auditlog
