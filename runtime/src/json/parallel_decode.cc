// Decoding a large List on several threads. The calling thread has already run simdjson's
// stage 1 over the whole document; finding where each element starts and ends is then a cheap
// skip, while filling the typed structs (allocations, copies) is what takes the time, so that
// work is split into contiguous chunks of elements. Each chunk is re-parsed by its own parser
// (a parser's string buffer is written while reading, so one cannot be shared) and read
// straight into its slice of the pre-sized vector: threads never touch the same element.
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

struct Chunk {
  size_t first = 0;  // index of the chunk's first element
  size_t count = 0;
  std::string_view text;
  Decoder decoder{nullptr};
  bool ok = true;
};

void ReadChunk(Chunk& chunk, const ChunkReader& read_chunk) {
  // A workspace of its own, released when done: chunks are at least kMinBytesPerThread, more
  // than a workspace is kept for (see DecodeWorkspace).
  static_assert(kMinBytesPerThread > DecodeWorkspace::kRetainedTextBytes);
  auto ws = std::make_unique<DecodeWorkspace>();
  std::string_view wrapped = ws->text.Wrap(chunk.text);
  chunk.decoder = Decoder(wrapped.data() + 1, chunk.text.size());
  Decoder& d = chunk.decoder;
  simdjson::ondemand::document doc;
  simdjson::ondemand::array arr;
  if (auto err = ws->parser.iterate(wrapped.data(), wrapped.size(), ws->text.capacity()).get(doc)) {
    chunk.ok = d.Fail("invalid JSON", err);
  } else if (auto err2 = doc.get_array().get(arr)) {
    chunk.ok = d.Fail("invalid JSON", err2);
  } else {
    try {
      chunk.ok = read_chunk(d, arr, chunk.first, chunk.count);
    } catch (const std::bad_alloc&) {
      chunk.ok = d.Fail("out of memory", simdjson::MEMALLOC);
    } catch (const std::exception&) {  // e.g. std::length_error; must not leave a thread
      chunk.ok = d.Fail("cannot hold the decoded value", simdjson::UNEXPECTED_ERROR);
    }
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
    const char* chunk_end = elements[last - 1].data() + elements[last - 1].size();
    chunk.text = std::string_view(elements[first].data(),
                                  static_cast<size_t>(chunk_end - elements[first].data()));
    chunks.push_back(std::move(chunk));
    first = last;
  }

  std::vector<std::thread> workers;
  workers.reserve(chunks.size() - 1);
  for (size_t c = 1; c < chunks.size(); ++c) {
    try {
      workers.emplace_back([&chunk = chunks[c], &read_chunk] { ReadChunk(chunk, read_chunk); });
    } catch (const std::system_error&) {
      break;  // no thread to be had: the rest is read on this one
    }
  }
  ReadChunk(chunks[0], read_chunk);
  for (size_t c = workers.size() + 1; c < chunks.size(); ++c) ReadChunk(chunks[c], read_chunk);
  for (auto& worker : workers) worker.join();

  for (const Chunk& chunk : chunks) {
    if (!chunk.ok) {
      return d.Adopt(chunk.decoder, static_cast<size_t>(chunk.text.data() - d.base()));
    }
  }
  return true;
}

}  // namespace kube::json::parallel
