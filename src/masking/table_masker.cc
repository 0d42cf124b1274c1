#include "masking/table_masker.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "tabular/buffered_source.h"
#include "tabular/csv_reader.h"

namespace sluice::masking {
namespace {

void AppendCsvField(std::string& out, std::string_view field, char delimiter) {
  const bool quote = std::any_of(field.begin(), field.end(), [delimiter](char c) {
    return c == delimiter || c == '"' || c == '\r' || c == '\n';
  });
  if (!quote) {
    out.append(field);
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// Replaces, in place, the values of `masks`' columns inside `object` ("a.b" is b inside a, as the
// JSON flattener names fields); nested objects are walked, arrays are one value.
void MaskObject(nlohmann::json& object, const std::string& prefix, const ColumnMasks& masks,
                const ValueMasker& masker) {
  for (auto& [key, value] : object.items()) {
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    if (value.is_object()) {
      MaskObject(value, path, masks, masker);
      continue;
    }
    auto it = masks.find(path);
    if (it == masks.end() || value.is_null()) continue;
    const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    value = masker.Mask(text, it->second);
  }
}

}  // namespace

Result<MaskedPage> MaskCsvPage(tabular::ByteSource& source, const PagePosition& at,
                               const ColumnMasks& masks, const ValueMasker& masker,
                               size_t page_bytes) {
  tabular::CsvOptions options;
  options.delimiter = at.offset == 0 ? '\0' : at.delimiter;
  options.skip_bad_rows = true;
  SLUICE_ASSIGN_OR_RETURN(tabular::CsvReader reader, tabular::CsvReader::Open(source, options));
  const std::uint64_t header_end = reader.bytes_consumed();
  // File offset = base + bytes consumed past the header.
  const std::uint64_t base = at.offset == 0 ? header_end : at.offset;
  const char delimiter = reader.delimiter();

  std::vector<bool> masked;
  std::vector<platform::MaskMethod> methods;
  for (const std::string& name : reader.column_names()) {
    auto it = masks.find(name);
    masked.push_back(it != masks.end());
    methods.push_back(it != masks.end() ? it->second : platform::MaskMethod::kRedact);
  }

  MaskedPage page;
  if (at.offset == 0) {
    for (size_t i = 0; i < reader.column_names().size(); ++i) {
      if (i > 0) page.text += delimiter;
      AppendCsvField(page.text, reader.column_names()[i], delimiter);
    }
    if (!reader.column_names().empty()) page.text += '\n';
  }
  tabular::CsvRecord record;
  while (page.text.size() < page_bytes) {
    SLUICE_ASSIGN_OR_RETURN(bool more, reader.Next(&record));
    if (!more) break;
    for (size_t i = 0; i < record.fields.size(); ++i) {
      if (i > 0) page.text += delimiter;
      if (masked[i]) {
        AppendCsvField(page.text, masker.Mask(record.fields[i], methods[i]), delimiter);
      } else {
        AppendCsvField(page.text, record.fields[i], delimiter);
      }
    }
    page.text += '\n';
    ++page.rows;
  }
  page.bad_rows = reader.bad_rows();
  page.source_bytes = reader.bytes_consumed() - header_end;
  if (page.text.size() >= page_bytes) {
    // Whether anything follows is learnt on the next page; one more request at the very end is
    // cheaper than reading ahead here.
    page.next = PagePosition{base + page.source_bytes, header_end, delimiter};
  }
  return page;
}

Result<MaskedPage> MaskJsonlPage(tabular::ByteSource& source, const PagePosition& at,
                                 const ColumnMasks& masks, const ValueMasker& masker,
                                 size_t page_bytes) {
  tabular::BufferedSource in(source);
  MaskedPage page;
  std::string line;
  bool at_end = false;
  while (page.text.size() < page_bytes) {
    // One line, through its '\n' (or the end of the data).
    line.clear();
    bool have_line = false;
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(bool more, in.Fill());
      if (!more) {
        at_end = true;
        have_line = !line.empty();
        break;
      }
      std::string_view window(in.data(), in.size());
      const size_t newline = window.find('\n');
      const size_t take = newline == std::string_view::npos ? window.size() : newline;
      if (line.size() + take > tabular::kDefaultMaxRecordBytes) {
        return ResourceExhausted(
            "a JSON Lines record at byte " + std::to_string(at.offset + page.source_bytes) +
            " is longer than " + std::to_string(tabular::kDefaultMaxRecordBytes) + " bytes");
      }
      line.append(window.substr(0, take));
      in.Consume(newline == std::string_view::npos ? take : take + 1);
      page.source_bytes += newline == std::string_view::npos ? take : take + 1;
      if (newline != std::string_view::npos) {
        have_line = true;
        break;
      }
    }
    if (!have_line) break;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank line
    nlohmann::json object = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!object.is_object()) {
      ++page.bad_rows;
      continue;
    }
    MaskObject(object, "", masks, masker);
    page.text += object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    page.text += '\n';
    ++page.rows;
    if (at_end) break;
  }
  if (!at_end && page.text.size() >= page_bytes) {
    page.next = PagePosition{at.offset + page.source_bytes, 0, '\0'};
  }
  return page;
}

}  // namespace sluice::masking
