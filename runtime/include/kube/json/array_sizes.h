// Element counts of the arrays of a document being decoded with simdjson On-Demand, so that a
// vector of generated structs (kilobytes each) is sized once and filled in place: growing it
// instead moves every element several times and costs more than the decode itself.
//
// simdjson's own count_elements() walks the array's whole subtree, so counting every array of
// a List walks its items once per level of nesting (a third of the decode time). ArraySizes
// walks a subtree once, recording the counts of every array nested in it, and answers the
// nested arrays from that record as the decoder reaches them, in document order.
//
// The answer is only a capacity hint: a wrong one (never seen, but a malformed document is
// possible) changes how a vector grows, not what is decoded.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace kube::json {

class ArraySizes {
 public:
  // The number of elements of `arr`, which has been entered (get_array) and not iterated yet;
  // nullopt when that cannot be told cheaply, for instance for an empty array.
  std::optional<size_t> Of(simdjson::ondemand::array& arr);

 private:
  // An array met in a walk: where its first element's token is, and how many elements it has.
  struct Counted {
    const uint32_t* first;
    uint32_t count;
  };

  // Walks the array whose first element's token is at `first`, up to its closing bracket,
  // recording it and every array nested in it.
  std::optional<size_t> Walk(const uint8_t* text, const uint32_t* first, const uint32_t* end);

  std::vector<Counted> counted_;  // in document order
  size_t next_ = 0;               // the first entry the decoder has not reached yet
  std::vector<uint32_t> open_;    // containers open during a walk: an index into counted_,
                                  // or kObject
};

}  // namespace kube::json
