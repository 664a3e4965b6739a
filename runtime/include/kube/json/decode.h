// Decoding with simdjson's On-Demand API straight into typed structs: the hot path of every
// List and watch. Generated types.cc files include this (it pulls in simdjson, so it is never
// included from a header users see) and add `bool Read(Decoder&, Value, T&)` for their structs.
//
// Errors are cheap on the happy path: a failing Read returns false after Decoder::Fail, and
// each enclosing level adds its path segment while unwinding, so the message names the JSON
// path and the byte offset: "at .spec.containers[2].image (offset 1234): expected a string".
//
// Values are passed by reference, and in the loops over members and elements simdjson's results
// are used where they are (error(), then value_unsafe()) rather than copied out with get(): a copy
// of an On-Demand iterator made right after it is built stalls on store forwarding, once per
// member, which cost a fifth of the time of decoding a large List.
#pragma once

#include <simdjson.h>

#ifdef __AVX2__
#include <immintrin.h>
#endif

#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "kube/error.h"
#include "kube/json/array_sizes.h"
#include "kube/json/list_text.h"
#include "kube/meta.h"
#include "kube/optional.h"

namespace kube {
struct Scale;
}

namespace kube::json {

using Value = simdjson::ondemand::value;

class Decoder {
 public:
  // `base` is where offsets count from; `size` is the document's length.
  explicit Decoder(const char* base, size_t size = 0) : base_(base), size_(size) {}

  const char* base() const { return base_; }
  size_t size() const { return size_; }
  // Whether large arrays met while reading may be split over threads: true for a whole
  // document, false inside a chunk already being read on a thread of its own.
  bool splittable() const { return splittable_; }
  void set_splittable(bool splittable) { splittable_ = splittable; }

  // Records the first failure at `v`; returns false so callers can `return d.Fail(...)`.
  bool Fail(Value& v, std::string_view what);
  bool Fail(std::string_view what, simdjson::error_code code);
  // While unwinding from a failure: prepend ".key" or "[index]" to the path.
  bool AtKey(std::string_view key);
  bool AtIndex(size_t index);

  // Takes over the failure of a decoder that read a copy of this document's text starting at
  // `offset` (a chunk of a List decoded on another thread).
  bool Adopt(const Decoder& chunk, size_t offset);

  Error ToError() const;

  // How many elements `arr`, just entered, has: a capacity hint (see ArraySizes).
  std::optional<size_t> ArraySize(simdjson::ondemand::array& arr) { return array_sizes_.Of(arr); }

 private:
  ArraySizes array_sizes_;

  const char* base_;
  size_t size_;
  bool splittable_ = false;
  std::string what_;
  std::string path_;  // built back to front while unwinding
  size_t offset_ = 0;
  bool failed_ = false;
};

bool Read(Decoder& d, Value& v, std::string& out);
bool Read(Decoder& d, Value& v, bool& out);
bool Read(Decoder& d, Value& v, int32_t& out);
bool Read(Decoder& d, Value& v, int64_t& out);
bool Read(Decoder& d, Value& v, double& out);
bool Read(Decoder& d, Value& v, Time& out);
bool Read(Decoder& d, Value& v, MicroTime& out);
bool Read(Decoder& d, Value& v, IntOrString& out);
bool Read(Decoder& d, Value& v, Quantity& out);
bool Read(Decoder& d, Value& v, Duration& out);
bool Read(Decoder& d, Value& v, RawJSON& out);
bool Read(Decoder& d, Value& v, ObjectMeta& out);
bool Read(Decoder& d, Value& v, ListMeta& out);
bool Read(Decoder& d, Value& v, OwnerReference& out);
bool Read(Decoder& d, Value& v, ManagedFieldsEntry& out);
bool Read(Decoder& d, Value& v, ObjectReference& out);
bool Read(Decoder& d, Value& v, Condition& out);
bool Read(Decoder& d, Value& v, LabelSelector& out);
bool Read(Decoder& d, Value& v, LabelSelectorRequirement& out);

// The raw JSON text of any value (object, array or scalar), for unknown fields.
bool ReadRaw(Decoder& d, Value& v, std::string& out);

inline bool IsNull(Value& v) {
  bool null = false;
  return !v.is_null().get(null) && null;
}

// The first '"' or '\\' at or after `p`, inside a document simdjson has validated (so a
// closing quote follows) and padded (so reading a block past it stays in bounds).
inline const char* QuoteOrBackslash(const char* p) {
#ifdef __AVX2__
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i backslash = _mm256_set1_epi8('\\');
  for (;; p += 32) {
    const __m256i block = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const auto mask = static_cast<uint32_t>(_mm256_movemask_epi8(
        _mm256_or_si256(_mm256_cmpeq_epi8(block, quote), _mm256_cmpeq_epi8(block, backslash))));
    if (mask != 0) return p + __builtin_ctz(mask);
  }
#else
  while (*p != '"' && *p != '\\') ++p;
  return p;
#endif
}

// A string value without escapes (nearly every string a Kubernetes server sends) is returned as
// a view into the document, sparing simdjson's unescaping copy; `s` is then the text between
// the quotes and the value is consumed. Returns false, consuming nothing, for anything else.
inline bool PlainString(Value& v, std::string_view& s) {
  const char* quote = v.raw_json_token().data();
  if (*quote != '"') return false;
  const char* end = QuoteOrBackslash(quote + 1);
  if (*end != '"') return false;
  simdjson::ondemand::raw_json_string raw;
  if (v.get_raw_json_string().get(raw)) return false;
  s = std::string_view(quote + 1, static_cast<size_t>(end - quote - 1));
  return true;
}

// The member's key, read in place when it has no escapes (keys from a Kubernetes server never
// do).
inline simdjson::error_code MemberKey(simdjson::ondemand::field& field, std::string_view& key) {
  const char* begin = field.key().raw();
  const char* end = QuoteOrBackslash(begin);
  if (*end == '"') {
    key = std::string_view(begin, static_cast<size_t>(end - begin));
    return simdjson::SUCCESS;
  }
  return field.unescaped_key().get(key);
}

// `key == literal` for a key already known to have the literal's length (generated readers
// switch on the length first): a memcmp of constant size, which compiles to a few compares.
template <size_t N>
inline bool SameKey(std::string_view key, const char (&literal)[N]) {
  return std::memcmp(key.data(), literal, N - 1) == 0;
}

// Iterates an object's members as (key, value) pairs; `visit` returns false to stop.
template <class Visit>
bool ForEachMember(Decoder& d, simdjson::ondemand::object& obj, Visit&& visit) {
  for (auto result : obj) {
    if (auto err = result.error()) return d.Fail("invalid object member", err);
    simdjson::ondemand::field& field = result.value_unsafe();
    std::string_view key;
    if (auto err = MemberKey(field, key)) return d.Fail("invalid object key", err);
    if (!visit(key, field.value())) return d.AtKey(key);
  }
  return true;
}

// Reads an object member by member: `member(key, value)` returns false after a failure, and
// the key is then added to the error path. null reads as an empty object. Like every reader
// here, it tries the expected type before null, so the common case costs one type check.
template <class Member>
bool ReadMembers(Decoder& d, Value& v, Member&& member) {
  auto obj = v.get_object();
  if (obj.error()) return IsNull(v) || d.Fail(v, "expected an object");
  return ForEachMember(d, obj.value_unsafe(), member);
}

// A struct held by value (`spec`, `status`): Go writes it even when empty, so `"status": {}`
// (a Deployment before its controller ran, a CronJob never scheduled) is marked to be written
// back (kube::json::Member). null stays absent.
template <class T>
bool ReadValueStruct(Decoder& d, Value& v, T& out) {
  const std::string_view open = v.raw_json_token();  // '{' and the spaces after it
  const bool empty_object = open.starts_with('{') && open.data()[open.size()] == '}';
  if (!Read(d, v, out)) return false;
  if (empty_object) out.unknown_fields.KeepPresent();
  return true;
}

// Keeps a member the schema does not know, verbatim.
inline bool ReadUnknown(Decoder& d, std::string_view key, Value& v, UnknownFields& out) {
  return ReadRaw(d, v, out[std::string(key)]);
}

// An optional string is read as a string first (the common case), then as null.
bool Read(Decoder& d, Value& v, std::optional<std::string>& out);

template <class T>
bool Read(Decoder& d, Value& v, std::optional<T>& out) {
  if (IsNull(v)) {
    out.reset();
    return true;
  }
  if (!Read(d, v, out.emplace())) {
    out.reset();
    return false;
  }
  return true;
}

// metav1.Time is a value in Go: a zero time is written as null and null is read back as zero. So
// a null time is present and zero, not absent, and `"lastProbeTime": null` (on every condition a
// real server sends) is written back as it came.
inline bool Read(Decoder& d, Value& v, std::optional<Time>& out) {
  if (IsNull(v)) {
    out.emplace();
    return true;
  }
  if (!Read(d, v, out.emplace())) {
    out.reset();
    return false;
  }
  return true;
}
inline bool Read(Decoder& d, Value& v, std::optional<MicroTime>& out) {
  if (IsNull(v)) {
    out.emplace();
    return true;
  }
  if (!Read(d, v, out.emplace())) {
    out.reset();
    return false;
  }
  return true;
}

// A nested object that may be absent: null (or no member at all) leaves it absent, and a present
// object, even an empty one, is present.
template <class T>
bool Read(Decoder& d, Value& v, Optional<T>& out) {
  if (IsNull(v)) {
    out.reset();
    return true;
  }
  if (!Read(d, v, out.emplace())) {
    out.reset();
    return false;
  }
  return true;
}

// Large Lists are decoded on several threads: the elements' text is split into contiguous
// chunks, each parsed by its own simdjson parser straight into its slice of the vector.
namespace parallel {

// The text of one element of an array (an object, or null), inside the document.
using ElementText = std::string_view;

// Whether the document `d` reads is large enough to hold arrays worth decoding on several
// threads.
bool Worthwhile(const Decoder& d);

// Reads the `count` elements of a chunk, which are elements first, first + 1, ... of the whole
// array.
using ChunkReader =
    std::function<bool(Decoder&, simdjson::ondemand::array& chunk, size_t first, size_t count)>;

// Parses `elements` in contiguous chunks, on as many threads as their size warrants (the
// caller's among them). On failure `d` holds the failure with the lowest index.
bool ReadChunks(Decoder& d, const std::vector<ElementText>& elements,
                const ChunkReader& read_chunk);

// Collects the text of every element; only objects (and null) qualify.
bool CollectElements(Decoder& d, simdjson::ondemand::array& arr, std::vector<ElementText>& out);

// Generated structs (they all keep unknown fields) are worth a thread; strings are not.
template <class T>
concept ChunkableElement = requires(T t) {
  t.unknown_fields;
};

}  // namespace parallel

// Reads array elements into out[first], out[first + 1], ...: at most `limit` of them into a
// vector already that large, or appending to it without a limit.
template <class T>
bool ReadElements(Decoder& d, simdjson::ondemand::array& arr, std::vector<T>& out, size_t first,
                  std::optional<size_t> limit) {
  size_t i = first;
  for (auto element : arr) {
    if (auto err = element.error()) return d.Fail("invalid array element", err) || d.AtIndex(i);
    Value& ev = element.value_unsafe();
    if (!limit) {
      out.emplace_back();
    } else if (i == first + *limit) {
      return d.Fail(ev, "more array elements than were counted") || d.AtIndex(i);
    }
    if (!Read(d, ev, out[i])) return d.AtIndex(i);
    ++i;
  }
  if (limit && i != first + *limit) {
    return d.Fail("fewer array elements than were counted", simdjson::TAPE_ERROR);
  }
  return true;
}

template <class T>
bool Read(Decoder& d, Value& v, std::vector<T>& out) {
  out.clear();
  auto array = v.get_array();
  if (array.error()) return IsNull(v) || d.Fail(v, "expected an array");
  simdjson::ondemand::array& arr = array.value_unsafe();
  if constexpr (parallel::ChunkableElement<T>) {
    if (parallel::Worthwhile(d)) {
      std::vector<parallel::ElementText> elements;
      if (!parallel::CollectElements(d, arr, elements)) return false;
      out.resize(elements.size());
      return parallel::ReadChunks(
          d, elements,
          [&](Decoder& cd, simdjson::ondemand::array& chunk, size_t first, size_t count) {
            return ReadElements(cd, chunk, out, first, count);
          });
    }
  }
  // Generated structs are large: size the vector once and decode in place, so no element is
  // ever moved or copied.
  if (auto size = d.ArraySize(arr)) out.reserve(*size);
  return ReadElements(d, arr, out, 0, std::nullopt);
}

// std::vector<bool> packs its bits, so its elements cannot be read in place.
inline bool Read(Decoder& d, Value& v, std::vector<bool>& out) {
  out.clear();
  auto array = v.get_array();
  if (array.error()) return IsNull(v) || d.Fail(v, "expected an array");
  size_t i = 0;
  for (auto element : array.value_unsafe()) {
    if (auto err = element.error()) return d.Fail("invalid array element", err) || d.AtIndex(i);
    bool b = false;
    if (!Read(d, element.value_unsafe(), b)) return d.AtIndex(i);
    out.push_back(b);
    ++i;
  }
  return true;
}

template <class T>
bool Read(Decoder& d, Value& v, std::map<std::string, T>& out) {
  out.clear();
  auto obj = v.get_object();
  if (obj.error()) return IsNull(v) || d.Fail(v, "expected an object");
  return ForEachMember(d, obj.value_unsafe(), [&](std::string_view key, Value& fv) {
    // Keys arrive sorted from a Kubernetes server: hint at the end.
    auto it = out.emplace_hint(out.end(), std::piecewise_construct, std::forward_as_tuple(key),
                               std::forward_as_tuple());
    return Read(d, fv, it->second);
  });
}

bool Read(Decoder& d, Value& v, kube::Scale& out);

// Text to parse, wrapped in [ ] and followed by the padding simdjson reads past the end.
class PaddedBuffer {
 public:
  // Copies `json` in; returns the wrapped text (valid until the next Wrap).
  std::string_view Wrap(std::string_view json);
  size_t capacity() const { return capacity_; }

 private:
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
};

// What decoding a document takes besides the text itself: a simdjson parser and a padded copy
// of the text. A workspace is kept for the next document (which then allocates nothing and
// faults in no pages) only while it is small: simdjson sizes its buffers at about six times the
// largest document the parser has read, so keeping the workspace of a large List would pin
// eight to nine times that List's size for as long as the thread lives, e.g. next to an
// informer's cache, whose thread lists pages of 500 objects once and then only reads watch
// events.
struct DecodeWorkspace {
  // Larger workspaces are released after use (a kept one is at most ~3.5 MiB with simdjson's
  // buffers).
  static constexpr size_t kRetainedTextBytes = size_t{512} << 10;

  bool Retainable() const { return text.capacity() <= kRetainedTextBytes; }

  simdjson::ondemand::parser parser;
  PaddedBuffer text;
};

// This thread's workspace, holding `json` wrapped, for the decoding of one document; released
// when done if it grew beyond DecodeWorkspace::kRetainedTextBytes.
class ThreadWorkspace {
 public:
  explicit ThreadWorkspace(std::string_view json);
  ~ThreadWorkspace();
  ThreadWorkspace(const ThreadWorkspace&) = delete;
  ThreadWorkspace& operator=(const ThreadWorkspace&) = delete;

  simdjson::ondemand::parser& parser() { return workspace_.parser; }
  // `json` between [ and ], followed by at least simdjson::SIMDJSON_PADDING bytes.
  std::string_view wrapped() const { return wrapped_; }

 private:
  DecodeWorkspace& workspace_;
  std::string_view wrapped_;
};

// Parses `json` as one document and reads it into `out` with Read(Decoder&, Value, T&).
template <class T>
Result<void> DecodeWhole(std::string_view json, T& out) {
  // The text is wrapped in [ ]: On-Demand treats a document's root value specially (is_null()
  // and friends are not allowed on it), and the readers are written for plain values.
  ThreadWorkspace workspace(json);
  std::string_view wrapped = workspace.wrapped();
  Decoder d(wrapped.data() + 1, json.size());
  d.set_splittable(true);
  simdjson::ondemand::document doc;
  simdjson::ondemand::array wrapper;
  if (auto err =
          workspace.parser()
              .iterate(wrapped.data(), wrapped.size(), wrapped.size() + simdjson::SIMDJSON_PADDING)
              .get(doc)) {
    d.Fail("invalid JSON", err);
    return Fail(d.ToError());
  }
  if (auto err = doc.get_array().get(wrapper)) {
    d.Fail("invalid JSON", err);
    return Fail(d.ToError());
  }
  for (auto element : wrapper) {
    Value root;
    if (auto err = element.get(root)) {
      d.Fail("invalid JSON", err);
      return Fail(d.ToError());
    }
    if (!Read(d, root, out)) return Fail(d.ToError());
    return {};
  }
  d.Fail("expected a JSON value, found nothing", simdjson::EMPTY);
  return Fail(d.ToError());
}

// A List whose items are generated structs, which can be decoded a piece at a time.
template <class T>
concept ListOfStructs = requires(T& list) {
  list.metadata;
  typename std::remove_cvref_t<decltype(list.items)>::value_type;
}
&&parallel::ChunkableElement<typename std::remove_cvref_t<decltype(T::items)>::value_type>;

// Decodes a large List in pieces (see kube/json/list_text.h): the List with its items left out,
// then the items' text a few hundred kilobytes at a time, straight into the vector. Returns
// false, with `out` reset, for a List of another shape or on any failure, so that the
// whole-document decode gives the answer (and the error message, naming the JSON path).
template <ListOfStructs T>
bool DecodeListInPieces(std::string_view json, T& out) {
  ListText text;
  if (!SplitListText(json, text)) return false;
  std::string rest;
  rest.reserve(json.size() - (text.items_end - text.items_begin) + 2);
  rest.append(json.substr(0, text.items_begin)).append("[]").append(json.substr(text.items_end));
  bool ok = DecodeWhole(rest, out).has_value();
  if (ok) {
    auto& items = out.items;
    items.resize(text.elements.size());
    Decoder d(json.data(), json.size());
    ok = parallel::ReadChunks(
        d, text.elements,
        [&](Decoder& cd, simdjson::ondemand::array& chunk, size_t first, size_t count) {
          return ReadElements(cd, chunk, items, first, count);
        });
  }
  if (!ok) out = T{};
  return ok;
}

// Lists larger than this are decoded in pieces. Below it, the buffers of a whole-document parse
// (about six times the text) are reused by malloc from one decode to the next; above it they
// exceed glibc's largest mmap threshold (32 MiB), so every decode maps and faults them in
// afresh, which made decoding a 35 MB List a third slower than decoding it in pieces (and a
// 3.5 MB page a tenth faster than in pieces).
inline constexpr size_t kPiecesAboveBytes = size_t{4} << 20;

// Parses `json` and reads it into `out` with Read(Decoder&, Value, T&); a large List in pieces.
template <class T>
Result<void> DecodeDocument(std::string_view json, T& out) {
  if constexpr (ListOfStructs<T>) {
    if (json.size() > kPiecesAboveBytes && DecodeListInPieces(json, out)) {
      return {};
    }
  }
  return DecodeWhole(json, out);
}

}  // namespace kube::json
