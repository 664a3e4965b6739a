// Splitting the text of a large List without parsing it, so that its items can be parsed a
// piece at a time. simdjson's parser sizes its buffers at about six times the text it parses:
// a 35 MB List parsed whole takes 200 MB of buffers, allocated and faulted in afresh on every
// decode (they are too large to keep, see DecodeWorkspace), while pieces of a few hundred
// kilobytes reuse one small workspace whose structural index stays in cache.
//
//   ListText text;
//   if (SplitListText(R"({"metadata":{},"items":[{"a":1},{"b":2}]})", text)) {
//     // text.elements: {"a":1} and {"b":2}; text.items_begin/items_end: the array's bounds
//   }
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace kube::json {

struct ListText {
  size_t items_begin = 0;                  // offset of the items array's '['
  size_t items_end = 0;                    // offset just past its ']'
  std::vector<std::string_view> elements;  // each element's text, in order
};

// Finds the one "items" array of the top-level object `json` and the text of its elements.
// Returns false for anything else (no such array, two of them, a key with escapes, text that is
// not JSON), which is then decoded whole. Only the boundaries are checked here: the parse of the
// pieces and of the rest validates the text itself.
bool SplitListText(std::string_view json, ListText& out);

}  // namespace kube::json
