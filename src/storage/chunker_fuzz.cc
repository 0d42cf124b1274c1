// libFuzzer entry point: Chunker::Cut stays inside its input and within
// its bounds for any bytes and any valid options (under the sanitizers, a
// read past the end is a report). The first 3 bytes pick small options.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "storage/chunker.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3) return 0;
  sluice::storage::ChunkerOptions options;
  options.min_size = 64 + data[0];
  options.average_size = std::size_t{512} << (data[1] % 4);
  options.max_size = options.average_size + 1 + data[2] * 16;
  const sluice::Result<sluice::storage::Chunker> chunker = sluice::storage::Chunker::Make(options);
  if (!chunker.ok()) std::abort();
  std::span<const std::uint8_t> rest(data + 3, size - 3);
  while (!rest.empty()) {
    const std::size_t length = chunker->Cut(rest);
    if (length == 0 || length > options.max_size || length > rest.size()) std::abort();
    if (length <= options.min_size && length != rest.size()) std::abort();
    rest = rest.subspan(length);
  }
  return 0;
}
