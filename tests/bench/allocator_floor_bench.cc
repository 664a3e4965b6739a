// The allocator's share of decoding a List into DESIGN's types, apart from everything else.
//
// Decoding the 5,000 real pods (real_pods.h) with kube::Decode, then destroying the result, is
// recorded once as the sequence of operator new and delete calls it makes: the blocks that
// DESIGN's type mapping implies (every string past the small-string buffer, every vector, map
// node and kube::Optional), in the order the decoder and the destructors ask for them. The
// benchmarks replay that sequence alone, with no parsing and no destructors to walk, so their
// time is a floor under any decoder that fills these types with that allocator:
//   BM_AllocatorFloor/arena:0  glibc's malloc and free, as kube::Decode and the destructors use
//                              them;
//   BM_AllocatorFloor/arena:1  the List's blocks carved from one
//                              std::pmr::monotonic_buffer_resource and given back at once (the
//                              decoder's short-lived blocks still from malloc): what a decode
//                              into an arena would pay.
// Counters: `alloc_MBps` is the List's JSON bytes over the time of the decode's allocations
// (the fastest a decode can be), `alloc_free_MBps` the same with the frees (decode + free);
// `requested_per_pod` is what the List's blocks ask for, `held_per_pod` what glibc's malloc holds
// for them with its per-block header and rounding (arena:0) or the arena's bytes (arena:1), each
// against `json_per_pod`. BM_DecodeIntoArena runs kube::Decode itself with its allocations from
// a bump arena, for the decoder's own speed without malloc. tools/scripts/bench.sh runs this
// program in a process of its own.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <memory_resource>
#include <new>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "k8s/api/core/v1/codec.h"
#include "k8s/api/core/v1/types.h"
#include "kube/codec.h"
#include "real_pods.h"
#include "support/heap.h"

namespace {

constexpr int kPods = 5000;

// One call: a block of `size` bytes allocated, or (size 0) the block freed.
struct Event {
  uint32_t block;
  uint32_t size;
};

class Recorder {
 public:
  void Allocated(void* p, size_t size) {
    const auto block = static_cast<uint32_t>(sizes_.size());
    sizes_.push_back(static_cast<uint32_t>(size));
    live_.emplace(p, block);
    events_.push_back({block, static_cast<uint32_t>(size)});
  }
  void Freed(void* p) {
    // Blocks from before the recording started are not the decode's.
    if (auto it = live_.find(p); it != live_.end()) {
      events_.push_back({it->second, 0});
      live_.erase(it);
    }
  }
  // Which blocks are allocated and not yet freed, by block number.
  std::vector<bool> Live() const {
    std::vector<bool> live(sizes_.size());
    for (const auto& [p, block] : live_) live[block] = true;
    return live;
  }
  size_t Blocks() const { return sizes_.size(); }
  std::vector<Event>& events() { return events_; }

 private:
  std::vector<Event> events_;
  std::vector<uint32_t> sizes_;
  std::unordered_map<void*, uint32_t> live_;
};

// The recorder of this thread's calls while a recording runs; null otherwise, and while the
// recorder itself allocates.
thread_local Recorder* recording = nullptr;

// A bump arena for BM_DecodeIntoArena: one block of memory from malloc, handed out in order
// and taken back all at once by Reset. Deletes of its blocks are no-ops.
class BumpArena {
 public:
  explicit BumpArena(size_t capacity)
      : begin_(static_cast<char*>(std::malloc(capacity))), end_(begin_ + capacity) {
    if (begin_ == nullptr) throw std::bad_alloc();
    std::memset(begin_, 0, capacity);  // faulted in before any timing
  }
  ~BumpArena() { std::free(begin_); }
  BumpArena(const BumpArena&) = delete;
  BumpArena& operator=(const BumpArena&) = delete;

  void* Allocate(size_t size) {
    const size_t rounded = (size + alignof(void*) - 1) / alignof(void*) * alignof(void*);
    if (static_cast<size_t>(end_ - next_) < rounded) throw std::bad_alloc();
    void* p = next_;
    next_ += rounded;
    return p;
  }
  bool Owns(const void* p) const { return p >= begin_ && p < end_; }
  void Reset() { next_ = begin_; }
  size_t used() const { return static_cast<size_t>(next_ - begin_); }

 private:
  char* begin_;
  char* end_;
  char* next_ = begin_;
};

// The arena this thread's operator new draws from while set, and the one whose blocks operator
// delete leaves alone (they are freed with it).
thread_local BumpArena* allocating_from = nullptr;
BumpArena* arena_in_use = nullptr;

void* Allocate(size_t size) {
  if (BumpArena* arena = allocating_from) return arena->Allocate(size);
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) throw std::bad_alloc();
  if (Recorder* r = recording) {
    recording = nullptr;
    r->Allocated(p, size);
    recording = r;
  }
  return p;
}

void Release(void* p) {
  if (p == nullptr) return;
  if (arena_in_use != nullptr && arena_in_use->Owns(p)) return;
  if (Recorder* r = recording) {
    recording = nullptr;
    r->Freed(p);
    recording = r;
  }
  std::free(p);
}

}  // namespace

void* operator new(size_t size) { return Allocate(size); }
void* operator new[](size_t size) { return Allocate(size); }
void operator delete(void* p) noexcept { Release(p); }
void operator delete[](void* p) noexcept { Release(p); }
void operator delete(void* p, size_t) noexcept { Release(p); }
void operator delete[](void* p, size_t) noexcept { Release(p); }

namespace {

using k8s::api::core::v1::PodList;

struct Trace {
  std::vector<Event> events;  // the decode's calls, then the destruction's
  size_t decode_events = 0;
  size_t blocks = 0;
  std::vector<bool> in_list;  // by block: still allocated when the decode returned
  size_t json_bytes = 0;
};

const Trace& RecordedTrace() {
  static const Trace* trace = [] {
    auto* t = new Trace;
    const std::string text = kube_bench::RealPodListJson(kPods);
    t->json_bytes = text.size();
    kube::SetDecodeThreads(1);
    // Warm up once unrecorded, as the decode benchmarks do: the thread's decode workspace is
    // then kept, not allocated again.
    if (!kube::Decode<PodList>(text)) throw std::runtime_error("decode failed");
    Recorder recorder;
    recorder.events().reserve(size_t{1} << 21);
    recording = &recorder;
    auto list = std::make_unique<kube::Result<PodList>>(kube::Decode<PodList>(text));
    recording = nullptr;
    if (!*list || (*list)->items.size() != kPods) throw std::runtime_error("decode failed");
    t->decode_events = recorder.events().size();
    t->in_list = recorder.Live();
    recording = &recorder;
    list.reset();
    recording = nullptr;
    t->blocks = recorder.Blocks();
    t->events = std::move(recorder.events());
    return t;
  }();
  return *trace;
}

using Clock = std::chrono::steady_clock;

// One recorded call, made with malloc or free; each new block is written once, as the decoder
// writes every block it asks for.
void ReplayWithMalloc(const Event& e, std::vector<void*>& blocks) {
  if (e.size != 0) {
    void* p = std::malloc(e.size);
    static_cast<char*>(p)[0] = 1;
    blocks[e.block] = p;
  } else {
    std::free(blocks[e.block]);
  }
}

// Replays events [begin, end) with malloc and free.
void ReplayWithMalloc(const Trace& trace, size_t begin, size_t end, std::vector<void*>& blocks) {
  for (size_t i = begin; i < end; ++i) ReplayWithMalloc(trace.events[i], blocks);
  benchmark::ClobberMemory();
}

// The bytes the List's blocks ask for.
size_t ListBytes(const Trace& trace, size_t alignment = 1) {
  size_t bytes = 0;
  for (size_t i = 0; i < trace.decode_events; ++i) {
    const Event& e = trace.events[i];
    if (e.size != 0 && trace.in_list[e.block]) {
      bytes += (e.size + alignment - 1) / alignment * alignment;
    }
  }
  return bytes;
}

// An arena aligns blocks to 8 bytes, all that the decoded types need (malloc aligns to 16).
constexpr size_t kArenaAlignment = alignof(void*);

// The decode's calls with the List's blocks carved from `arena`, never freed one by one; the
// decoder's own short-lived blocks still come from malloc.
void ReplayInArena(const Trace& trace, std::pmr::monotonic_buffer_resource& arena,
                   std::vector<void*>& blocks) {
  for (size_t i = 0; i < trace.decode_events; ++i) {
    const Event& e = trace.events[i];
    if (trace.in_list[e.block]) {
      void* p = arena.allocate(e.size, kArenaAlignment);
      static_cast<char*>(p)[0] = 1;
    } else {
      ReplayWithMalloc(e, blocks);
    }
  }
  benchmark::ClobberMemory();
}

void BM_AllocatorFloor(benchmark::State& state) {
  const bool arena = state.range(0) != 0;
  const Trace& trace = RecordedTrace();
  std::vector<void*> blocks(trace.blocks);
  // The arena keeps its memory from one List to the next, as malloc keeps freed blocks: one
  // buffer, faulted in before the timing.
  const size_t arena_bytes = ListBytes(trace, kArenaAlignment);
  std::vector<std::byte> arena_buffer(arena ? arena_bytes : 0, std::byte{1});
  std::chrono::duration<double> alloc_time{0}, free_time{0};
  size_t held = arena ? arena_bytes : SIZE_MAX;
  for (auto _ : state) {
    Clock::time_point start, allocated;
    if (arena) {
      start = Clock::now();
      std::pmr::monotonic_buffer_resource resource(arena_buffer.data(), arena_buffer.size());
      ReplayInArena(trace, resource, blocks);
      allocated = Clock::now();
    } else {
      const size_t heap_before = kube_test::HeapInUse();
      start = Clock::now();
      ReplayWithMalloc(trace, 0, trace.decode_events, blocks);
      allocated = Clock::now();
      held = std::min(held, kube_test::HeapInUse() - heap_before);
      ReplayWithMalloc(trace, trace.decode_events, trace.events.size(), blocks);
    }
    const auto freed = Clock::now();
    alloc_time += allocated - start;
    free_time += freed - allocated;
  }
  const double runs = static_cast<double>(state.iterations());
  const double mb = static_cast<double>(trace.json_bytes) / 1e6;
  state.counters["alloc_ms"] = alloc_time.count() * 1e3 / runs;
  state.counters["free_ms"] = free_time.count() * 1e3 / runs;
  state.counters["alloc_MBps"] = mb * runs / alloc_time.count();
  state.counters["alloc_free_MBps"] = mb * runs / (alloc_time + free_time).count();
  size_t allocations = 0;
  for (size_t i = 0; i < trace.decode_events; ++i) allocations += trace.events[i].size != 0;
  state.counters["blocks_per_pod"] = static_cast<double>(allocations) / kPods;
  state.counters["json_per_pod"] = static_cast<double>(trace.json_bytes) / kPods;
  state.counters["requested_per_pod"] = static_cast<double>(ListBytes(trace)) / kPods;
  if (arena || kube_test::MallocIsGlibcs()) {
    state.counters["held_per_pod"] = static_cast<double>(held) / kPods;
  }
}
BENCHMARK(BM_AllocatorFloor)
    ->ArgName("arena")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0);

// kube::Decode itself with every operator new it makes served from a BumpArena that is reset
// for each List: what the decoder would run at if the List owned an arena. The destructors then
// run as they do today (their deletes are no-ops), or with `drop_whole` the List is dropped
// with its arena, as an arena-owned List could be.
void BM_DecodeIntoArena(benchmark::State& state) {
  const bool drop_whole = state.range(0) != 0;
  const std::string text = kube_bench::RealPodListJson(kPods);
  kube::SetDecodeThreads(1);
  // Once outside the arena, so that the thread's decode workspace (kept for the next List) is
  // malloc's, not the arena's.
  if (!kube::Decode<PodList>(text)) state.SkipWithError("decode failed");
  // A decode takes ~2.2 times the JSON from the arena (short-lived blocks included); room for 4.
  BumpArena arena(4 * text.size());
  arena_in_use = &arena;
  std::chrono::duration<double> decode_time{0}, free_time{0};
  for (auto _ : state) {
    arena.Reset();
    const auto start = Clock::now();
    allocating_from = &arena;
    auto* list = new kube::Result<PodList>(kube::Decode<PodList>(text));
    allocating_from = nullptr;
    const auto decoded = Clock::now();
    if (!*list || (*list)->items.size() != kPods) state.SkipWithError("decode failed");
    if (!drop_whole) list->~expected();  // the object itself is the arena's, as everything in it
    const auto freed = Clock::now();
    decode_time += decoded - start;
    free_time += freed - decoded;
  }
  arena_in_use = nullptr;
  const double runs = static_cast<double>(state.iterations());
  const double mb = static_cast<double>(text.size()) / 1e6;
  state.counters["decode_MBps"] = mb * runs / decode_time.count();
  state.counters["decode_free_MBps"] = mb * runs / (decode_time + free_time).count();
  // Short-lived blocks included: a bump arena never reuses a block.
  state.counters["arena_per_pod"] = static_cast<double>(arena.used()) / kPods;
}
BENCHMARK(BM_DecodeIntoArena)
    ->ArgName("drop_whole")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0);

}  // namespace

BENCHMARK_MAIN();
