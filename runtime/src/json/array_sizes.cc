#include "kube/json/array_sizes.h"

namespace kube::json {
namespace {

// The array's iterator and the structural index's end are protected members of simdjson's
// On-Demand classes (simdjson 1.0 to 3.x). A pointer to a protected member, named through a
// derived class, reaches them without assuming anything about their layout.
struct ArrayIterator : simdjson::ondemand::array {
  static constexpr auto kIter = &ArrayIterator::iter;
};
struct JsonIterator : simdjson::ondemand::json_iterator {
  static constexpr auto kEndPosition = &JsonIterator::end_position;
};

constexpr uint32_t kObject = UINT32_MAX;

}  // namespace

std::optional<size_t> ArraySizes::Of(simdjson::ondemand::array& arr) {
  const simdjson::ondemand::value_iterator& array_iter = arr.*ArrayIterator::kIter;
  const simdjson::ondemand::json_iterator& iter = array_iter.json_iter();
  // Entering a non-empty array leaves the iterator one level down, at the first element.
  if (iter.depth() != array_iter.depth() + 1) return std::nullopt;
  const uint32_t* first = iter.position();
  while (next_ < counted_.size() && counted_[next_].first < first) ++next_;
  if (next_ < counted_.size() && counted_[next_].first == first) return counted_[next_++].count;
  const uint8_t* text = iter.peek(first) - *first;
  if (text[first[-1]] != '[') return std::nullopt;
  return Walk(text, first, (iter.*JsonIterator::kEndPosition)());
}

std::optional<size_t> ArraySizes::Walk(const uint8_t* text, const uint32_t* first,
                                       const uint32_t* end) {
  // Whatever was recorded before lies behind the decoder now.
  counted_.clear();
  open_.clear();
  counted_.push_back({first, 1});
  open_.push_back(0);
  // One pass over the structural tokens; only brackets and commas matter. The count of the
  // innermost open container lives in a register and is stored when it closes.
  uint32_t count = 1;
  for (const uint32_t* token = first; token < end; ++token) {
    const uint8_t c = text[*token];
    count += c == ',';
    if (c == '[' || c == '{') {
      if (open_.back() != kObject) counted_[open_.back()].count = count;
      // token[1] exists even for the last token: simdjson ends the index with sentinels.
      const bool empty = text[token[1]] == ']' || text[token[1]] == '}';
      if (c == '[') {
        open_.push_back(static_cast<uint32_t>(counted_.size()));
        counted_.push_back({token + 1, 0});
      } else {
        open_.push_back(kObject);
      }
      count = empty ? 0 : 1;
    } else if (c == ']' || c == '}') {
      const uint32_t closed = open_.back();
      if (closed != kObject) counted_[closed].count = count;
      open_.pop_back();
      if (open_.empty()) {
        next_ = 1;
        return counted_[0].count;
      }
      count = open_.back() == kObject ? 0 : counted_[open_.back()].count;
    }
  }
  counted_.clear();  // no closing bracket: malformed, reading will say where
  return std::nullopt;
}

}  // namespace kube::json
