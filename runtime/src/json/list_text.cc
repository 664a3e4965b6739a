#include "kube/json/list_text.h"

#ifdef __AVX2__
#include <immintrin.h>
#endif

#include <cstdint>
#include <cstring>

namespace kube::json {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

const char* SkipSpace(const char* p, const char* end) {
  while (p < end && IsSpace(*p)) ++p;
  return p;
}

// The first '"' or '\\' in [p, end), or end. The text is not padded, so blocks stop short of it.
const char* QuoteOrBackslashBefore(const char* p, const char* end) {
#ifdef __AVX2__
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i backslash = _mm256_set1_epi8('\\');
  for (; end - p >= 32; p += 32) {
    const __m256i block = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const auto mask = static_cast<uint32_t>(_mm256_movemask_epi8(
        _mm256_or_si256(_mm256_cmpeq_epi8(block, quote), _mm256_cmpeq_epi8(block, backslash))));
    if (mask != 0) return p + __builtin_ctz(mask);
  }
#endif
  while (p < end && *p != '"' && *p != '\\') ++p;
  return p;
}

// Past the string whose opening quote is at `p`; nullptr if it does not end.
const char* SkipString(const char* p, const char* end) {
  ++p;
  while (true) {
    p = QuoteOrBackslashBefore(p, end);
    if (p == end) return nullptr;
    if (*p == '"') return p + 1;
    p += 2;  // an escape: the escaped character cannot end the string
    if (p > end) return nullptr;
  }
}

#ifdef __AVX2__
// One bit per byte of a 64-byte block: bit i set where block[i] == c.
uint64_t Matches(__m256i lo, __m256i hi, char c) {
  const __m256i v = _mm256_set1_epi8(c);
  const auto l = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, v)));
  const auto h = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, v)));
  return l | (uint64_t{h} << 32);
}

// Bit i set where an odd number of bits at or below i are set in `x`.
uint64_t PrefixXor(uint64_t x) {
  for (int shift = 1; shift < 64; shift *= 2) x ^= x << shift;
  return x;
}

// The characters escaped by the backslashes of a block (bit 0 also when `carry`, the previous
// block ending in an unescaped backslash); `carry` is set for the next block. Backslashes are
// few, so they are walked one by one.
uint64_t Escaped(uint64_t backslashes, bool& carry) {
  uint64_t escaped = carry ? 1 : 0;
  carry = false;
  for (uint64_t rest = backslashes; rest != 0; rest &= rest - 1) {
    const int i = __builtin_ctzll(rest);
    if ((escaped >> i) & 1) continue;  // an escaped backslash escapes nothing
    if (i == 63) {
      carry = true;
    } else {
      escaped |= uint64_t{1} << (i + 1);
    }
  }
  return escaped;
}

// Past the object or array whose opening bracket is at `p`, 64 bytes at a time: the quotes that
// are not escaped delimit strings, and the brackets outside them are counted.
const char* SkipContainer(const char* p, const char* end) {
  size_t depth = 0;
  bool escape_carry = false;
  uint64_t in_string_carry = 0;  // all ones while a string runs on from the previous block
  alignas(32) char tail[64];
  for (; p < end; p += 64) {
    const char* block = p;
    if (end - p < 64) {  // the text is not padded: the last block is copied out, space-filled
      std::memset(tail, ' ', sizeof(tail));
      std::memcpy(tail, p, static_cast<size_t>(end - p));
      block = tail;
    }
    const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block));
    const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 32));
    const uint64_t backslashes = Matches(lo, hi, '\\');
    const uint64_t escaped =
        backslashes != 0 || escape_carry ? Escaped(backslashes, escape_carry) : 0;
    const uint64_t quotes = Matches(lo, hi, '"') & ~escaped;
    const uint64_t in_string = PrefixXor(quotes) ^ in_string_carry;
    in_string_carry = static_cast<uint64_t>(static_cast<int64_t>(in_string) >> 63);
    const uint64_t opens = (Matches(lo, hi, '{') | Matches(lo, hi, '[')) & ~in_string;
    const uint64_t closes = (Matches(lo, hi, '}') | Matches(lo, hi, ']')) & ~in_string;
    for (uint64_t brackets = opens | closes; brackets != 0; brackets &= brackets - 1) {
      const int i = __builtin_ctzll(brackets);
      if ((opens >> i) & 1) {
        ++depth;
      } else if (--depth == 0) {
        return p + i + 1;
      }
    }
  }
  return nullptr;
}
#else
const char* SkipContainer(const char* p, const char* end) {
  size_t depth = 0;
  while (p < end) {
    switch (*p) {
      case '"':
        p = SkipString(p, end);
        if (p == nullptr) return nullptr;
        continue;
      case '{':
      case '[':
        ++depth;
        break;
      case '}':
      case ']':
        if (--depth == 0) return p + 1;
        break;
      default:
        break;
    }
    ++p;
  }
  return nullptr;
}
#endif

// Past the value starting at `p` (nullptr if it does not end). Brackets are counted, not
// matched: the parse of the value finds any mismatch.
const char* SkipValue(const char* p, const char* end) {
  if (p == end) return nullptr;
  if (*p == '"') return SkipString(p, end);
  if (*p == '{' || *p == '[') return SkipContainer(p, end);
  while (p < end && *p != ',' && *p != '}' && *p != ']' && !IsSpace(*p)) ++p;  // a scalar
  return p;
}

// Reads the array at `p` (its '['), recording its elements; past its ']', or nullptr.
const char* SplitArray(const char* p, const char* end, std::vector<std::string_view>& elements) {
  p = SkipSpace(p + 1, end);
  if (p < end && *p == ']') return p + 1;
  while (true) {
    const char* element_end = SkipValue(p, end);
    if (element_end == nullptr || element_end == p) return nullptr;
    elements.emplace_back(p, static_cast<size_t>(element_end - p));
    p = SkipSpace(element_end, end);
    if (p == end) return nullptr;
    if (*p == ']') return p + 1;
    if (*p != ',') return nullptr;
    p = SkipSpace(p + 1, end);
  }
}

}  // namespace

bool SplitListText(std::string_view json, ListText& out) {
  const char* begin = json.data();
  const char* end = begin + json.size();
  const char* p = SkipSpace(begin, end);
  if (p == end || *p != '{') return false;
  p = SkipSpace(p + 1, end);
  bool found = false;
  while (true) {
    if (p == end || *p != '"') return false;
    const char* key_end = SkipString(p, end);
    if (key_end == nullptr) return false;
    std::string_view key(p + 1, static_cast<size_t>(key_end - p - 2));
    if (key.find('\\') != std::string_view::npos) return false;
    p = SkipSpace(key_end, end);
    if (p == end || *p != ':') return false;
    p = SkipSpace(p + 1, end);
    if (key == "items") {
      if (found || p == end || *p != '[') return false;
      found = true;
      out.items_begin = static_cast<size_t>(p - begin);
      p = SplitArray(p, end, out.elements);
      if (p == nullptr) return false;
      out.items_end = static_cast<size_t>(p - begin);
    } else {
      p = SkipValue(p, end);
      if (p == nullptr) return false;
    }
    p = SkipSpace(p, end);
    if (p == end) return false;
    if (*p == '}') break;
    if (*p != ',') return false;
    p = SkipSpace(p + 1, end);
  }
  return found && SkipSpace(p + 1, end) == end;
}

}  // namespace kube::json
