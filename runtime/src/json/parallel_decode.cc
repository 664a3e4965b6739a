// Decoding the items of a large List in chunks, on several threads when allowed. Where each
// element starts and ends is known (from kube/json/list_text.h, or from a parse of the whole
// document), while filling the typed structs (allocations, copies) is what takes the time, so
// that work is split into contiguous chunks of elements, one per thread. A chunk is parsed by a
// parser of its own (a parser's string buffer is written while reading, so one cannot be
// shared), a piece of a few hundred kilobytes at a time, and read straight into its slice of
// the pre-sized vector: threads never touch the same element.
#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <system_error>
#include <thread>
#include <vector>

#include "kube/codec.h"
#include "kube/json/decode.h"

namespace kube {
namespace {

std::atomic<unsigned> g_decode_threads{1};  // 0: one per hardware thread

}  // namespace

void SetDecodeThreads(unsigned threads) { g_decode_threads.store(threads); }

unsigned DecodeThreads() {
  unsigned configured = g_decode_threads.load();
  if (configured != 0) return configured;
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace kube

namespace kube::json::parallel {
namespace {

// Below this much text per thread, starting a thread and re-running stage 1 costs more than
// it saves.
constexpr size_t kMinBytesPerThread = size_t{1} << 20;
constexpr size_t kMinElements = 64;
constexpr unsigned kMaxThreads = 16;
// A chunk is parsed in pieces of about this much text (at least one element each): small
// enough for the piece's structural index to stay in cache while it is read, and for the
// workspace not to grow beyond what a kept one holds (DecodeWorkspace::kRetainedTextBytes).
constexpr size_t kPieceBytes = size_t{256} << 10;
static_assert(kPieceBytes <= DecodeWorkspace::kRetainedTextBytes);

struct Chunk {
  size_t first = 0;  // index of the chunk's first element
  size_t count = 0;
  std::string_view piece;  // the text of the piece being (or last) read
  Decoder decoder{nullptr};
  bool ok = true;
};

// Parses and reads elements [first, first + count), whose text is `piece`, with `ws`.
bool ReadPiece(Chunk& chunk, DecodeWorkspace& ws, const ChunkReader& read_chunk, size_t first,
               size_t count) {
  std::string_view wrapped = ws.text.Wrap(chunk.piece);
  chunk.decoder = Decoder(wrapped.data() + 1, chunk.piece.size());
  Decoder& d = chunk.decoder;
  simdjson::ondemand::document doc;
  simdjson::ondemand::array arr;
  if (auto err = ws.parser.iterate(wrapped.data(), wrapped.size(), ws.text.capacity()).get(doc)) {
    return d.Fail("invalid JSON", err);
  }
  if (auto err = doc.get_array().get(arr)) return d.Fail("invalid JSON", err);
  try {
    return read_chunk(d, arr, first, count);
  } catch (const std::bad_alloc&) {
    return d.Fail("out of memory", simdjson::MEMALLOC);
  } catch (const std::exception&) {  // e.g. std::length_error; must not leave a thread
    return d.Fail("cannot hold the decoded value", simdjson::UNEXPECTED_ERROR);
  }
}

void ReadChunk(Chunk& chunk, const std::vector<ElementText>& elements,
               const ChunkReader& read_chunk) {
  // A workspace of its own (the calling thread's may hold the whole document), reused for
  // every piece and released when done.
  auto ws = std::make_unique<DecodeWorkspace>();
  const size_t last = chunk.first + chunk.count;
  for (size_t i = chunk.first; i < last && chunk.ok;) {
    const char* begin = elements[i].data();
    auto end_of = [&](size_t e) { return elements[e].data() + elements[e].size(); };
    size_t j = i + 1;
    while (j < last && static_cast<size_t>(end_of(j) - begin) <= kPieceBytes) ++j;
    chunk.piece = std::string_view(begin, static_cast<size_t>(end_of(j - 1) - begin));
    chunk.ok = ReadPiece(chunk, *ws, read_chunk, i, j - i);
    i = j;
  }
}

// How many threads to give `elements` elements spanning `bytes` of text.
unsigned ThreadsFor(size_t bytes, size_t elements) {
  if (elements < kMinElements) return 1;
  size_t threads = std::min<size_t>({DecodeThreads(), kMaxThreads, bytes / kMinBytesPerThread});
  return static_cast<unsigned>(std::max<size_t>(threads, 1));
}

}  // namespace

bool Worthwhile(const Decoder& d) {
  return d.splittable() && d.size() >= 2 * kMinBytesPerThread && DecodeThreads() > 1;
}

bool CollectElements(Decoder& d, simdjson::ondemand::array& arr, std::vector<ElementText>& out) {
  size_t i = 0;
  for (auto element : arr) {
    if (auto err = element.error()) return d.Fail("invalid array element", err) || d.AtIndex(i);
    Value& ev = element.value_unsafe();
    std::string_view text;
    simdjson::ondemand::object obj;
    if (!ev.get_object().get(obj)) {
      if (auto err = obj.raw_json().get(text)) return d.Fail("invalid object", err) || d.AtIndex(i);
    } else {
      text = ev.raw_json_token().substr(0, 4);  // the token runs on over any whitespace
      if (!IsNull(ev)) return d.Fail(ev, "expected an object") || d.AtIndex(i);
    }
    out.push_back(text);
    ++i;
  }
  return true;
}

bool ReadChunks(Decoder& d, const std::vector<ElementText>& elements,
                const ChunkReader& read_chunk) {
  if (elements.empty()) return true;
  // Split by bytes, not by count: elements differ a lot in size. Every element's text lies in
  // the document, in order, so a chunk is the text from its first element to its last.
  const char* begin = elements.front().data();
  const char* end = elements.back().data() + elements.back().size();
  size_t total = static_cast<size_t>(end - begin);
  unsigned threads = ThreadsFor(total, elements.size());
  std::vector<Chunk> chunks;
  size_t first = 0;
  for (unsigned t = 0; t < threads && first < elements.size(); ++t) {
    size_t target = total * (t + 1) / threads;
    size_t last = first + 1;  // exclusive
    while (last < elements.size() &&
           (t + 1 == threads || static_cast<size_t>(elements[last].data() - begin) < target)) {
      ++last;
    }
    Chunk chunk;
    chunk.first = first;
    chunk.count = last - first;
    chunks.push_back(std::move(chunk));
    first = last;
  }

  std::vector<std::thread> workers;
  workers.reserve(chunks.size() - 1);
  for (size_t c = 1; c < chunks.size(); ++c) {
    try {
      workers.emplace_back(
          [&chunk = chunks[c], &elements, &read_chunk] { ReadChunk(chunk, elements, read_chunk); });
    } catch (const std::system_error&) {
      break;  // no thread to be had: the rest is read on this one
    }
  }
  ReadChunk(chunks[0], elements, read_chunk);
  for (size_t c = workers.size() + 1; c < chunks.size(); ++c) {
    ReadChunk(chunks[c], elements, read_chunk);
  }
  for (auto& worker : workers) worker.join();

  for (const Chunk& chunk : chunks) {
    if (!chunk.ok) {
      return d.Adopt(chunk.decoder, static_cast<size_t>(chunk.piece.data() - d.base()));
    }
  }
  return true;
}

}  // namespace kube::json::parallel
