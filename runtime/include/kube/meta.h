// Meta types shared by every Kubernetes object, shaped like k8s.io/apimachinery's metav1 and
// named as client-go users expect (snake_case members; `namespace_` and `continue_` escape
// keywords). Strings are empty when unset, as in Go; JSON codecs live in meta.cc.
//
//   kube::ObjectMeta m;
//   m.name = "alpha";
//   m.labels["app"] = "web";
//   kube::ObjectReference ref = kube::GetReference(flunder);
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "kube/error.h"

namespace kube {

// metav1.Time: an instant with second precision, RFC 3339 in UTC on the wire
// ("2024-01-02T03:04:05Z"). It holds whole seconds rather than system_clock's nanoseconds,
// whose int64 ends in 2262 and begins in 1677, so that every time Go's time.Time carries on
// the wire, years 0001-9999, fits. As in Go, the zero value is 0001-01-01T00:00:00Z (not the
// Unix epoch, which is a real time), a default-constructed Time is zero, and zero encodes as
// null.
//
//   kube::Time now = std::chrono::system_clock::now();   // truncated to the second
//   bool before = obj.metadata.creation_timestamp < now;  // zero sorts first, as in Go
//   std::chrono::seconds age = now.value - obj.metadata.creation_timestamp.value;
//
// Compare with other Times, or convert a system_clock::time_point to Time first: chrono
// arithmetic between `value` and a nanosecond time_point is done in nanoseconds, which cannot
// hold the years before 1678 and overflows for Go's zero time.
struct Time {
  static constexpr std::chrono::sys_seconds kZero{
      std::chrono::sys_days{std::chrono::year{1} / std::chrono::January / 1}};

  std::chrono::sys_seconds value = kZero;

  constexpr Time() = default;
  // Implicit, as Go's metav1.NewTime wraps any time.Time; sub-second digits are dropped
  // (floored, so an instant before the epoch stays in its own second).
  template <class Duration>
  constexpr Time(std::chrono::sys_time<Duration> tp)  // NOLINT(google-explicit-constructor)
      : value(std::chrono::floor<std::chrono::seconds>(tp)) {}

  static Time Now();
  // Accepts RFC 3339 with a `Z` or numeric offset (up to ±24:00) and 1-9 fractional digits
  // (dropped). Anything else, and instants outside 0001-01-01T00:00:00Z to
  // 9999-12-31T23:59:59Z, is a Decode error.
  static Result<Time> Parse(std::string_view rfc3339);
  bool IsZero() const { return value == kZero; }
  std::string ToString() const;  // "2024-01-02T03:04:05Z"
  friend auto operator<=>(const Time&, const Time&) = default;
};

// metav1.MicroTime: like Time with microsecond precision, written with exactly six fractional
// digits as Go writes it ("2024-01-02T03:04:05.123456Z"). Microseconds in an int64 span
// ±292,000 years, so years 0001-9999 fit here too.
struct MicroTime {
  static constexpr std::chrono::sys_time<std::chrono::microseconds> kZero{Time::kZero};

  std::chrono::sys_time<std::chrono::microseconds> value = kZero;

  constexpr MicroTime() = default;
  // Implicit, as metav1.NewMicroTime; digits below the microsecond are dropped (floored).
  template <class Duration>
  constexpr MicroTime(std::chrono::sys_time<Duration> tp)  // NOLINT(google-explicit-constructor)
      : value(std::chrono::floor<std::chrono::microseconds>(tp)) {}

  static MicroTime Now();
  // As Time::Parse; fractional digits beyond the sixth are dropped.
  static Result<MicroTime> Parse(std::string_view rfc3339);
  bool IsZero() const { return value == kZero; }
  std::string ToString() const;  // "2024-01-02T03:04:05.123456Z"
  friend auto operator<=>(const MicroTime&, const MicroTime&) = default;
};

// intstr.IntOrString: `port: 8080` or `port: "http"`. The number is 64 bits wide, where Go's
// is 32: CRDs mark resource quantities int-or-string too (controller-gen writes
// `x-kubernetes-int-or-string` for resource.Quantity), and `memory: 4294967296` is valid there.
struct IntOrString {
  enum class Type { kInt, kString };
  Type type = Type::kInt;
  int64_t int_val = 0;
  std::string str_val{};

  IntOrString() = default;
  IntOrString(int64_t v) : type(Type::kInt), int_val(v) {}  // NOLINT: implicit like Go's FromInt
  IntOrString(std::string v) : type(Type::kString), str_val(std::move(v)) {}  // NOLINT
  IntOrString(const char* v) : IntOrString(std::string(v)) {}                 // NOLINT
  bool IsInt() const { return type == Type::kInt; }
  std::string ToString() const { return IsInt() ? std::to_string(int_val) : str_val; }
  friend bool operator==(const IntOrString&, const IntOrString&) = default;
};

// resource.Quantity, kept as its canonical string ("500m", "1Gi") so it round-trips exactly.
struct Quantity {
  std::string value{};
  friend bool operator==(const Quantity&, const Quantity&) = default;
};

// Arbitrary JSON kept verbatim (runtime.RawExtension, x-kubernetes-preserve-unknown-fields).
// `raw` holds one JSON value as text; empty means absent.
struct RawJSON {
  std::string raw{};
  bool empty() const { return raw.empty(); }
  friend bool operator==(const RawJSON&, const RawJSON&) = default;
};

// Members of an object that its schema does not describe, by key, each as raw JSON text. They
// survive decode -> encode, so an older client never erases what a newer server added. Every
// generated struct has one and nearly all are empty, so it costs one pointer until used.
class UnknownFields {
 public:
  using Map = std::map<std::string, std::string>;

  UnknownFields() = default;
  UnknownFields(const UnknownFields& o) : map_(o.map_ ? std::make_unique<Map>(*o.map_) : nullptr) {}
  UnknownFields(UnknownFields&&) noexcept = default;
  UnknownFields& operator=(const UnknownFields& o) {
    map_ = o.map_ ? std::make_unique<Map>(*o.map_) : nullptr;
    return *this;
  }
  UnknownFields& operator=(UnknownFields&&) noexcept = default;

  bool empty() const { return !map_ || map_->empty(); }
  size_t size() const { return map_ ? map_->size() : 0; }
  // Go writes a struct held by value (`spec`, `status`) even when empty, as `{}`; one that came
  // so is marked here, so that it is written back rather than left out. Equality ignores it.
  void KeepPresent() {
    if (!map_) map_ = std::make_unique<Map>();
  }
  bool kept_present() const { return map_ != nullptr; }
  bool contains(const std::string& key) const { return map_ && map_->count(key) != 0; }
  std::string& operator[](const std::string& key) {
    if (!map_) map_ = std::make_unique<Map>();
    return (*map_)[key];
  }
  // Throws std::out_of_range when absent, like std::map::at.
  const std::string& at(const std::string& key) const {
    return map_ ? map_->at(key) : Empty().at(key);
  }
  Map::const_iterator begin() const { return map_ ? map_->cbegin() : Empty().cbegin(); }
  Map::const_iterator end() const { return map_ ? map_->cend() : Empty().cend(); }
  friend bool operator==(const UnknownFields& a, const UnknownFields& b) {
    return a.empty() ? b.empty() : !b.empty() && *a.map_ == *b.map_;
  }

 private:
  static const Map& Empty() {
    static const Map empty;
    return empty;
  }
  std::unique_ptr<Map> map_;
};

struct TypeMeta {
  std::string api_version{};
  std::string kind{};
  friend bool operator==(const TypeMeta&, const TypeMeta&) = default;
};

struct OwnerReference {
  std::string api_version{};
  std::string kind{};
  std::string name{};
  std::string uid{};
  std::optional<bool> controller{};
  std::optional<bool> block_owner_deletion{};
  friend bool operator==(const OwnerReference&, const OwnerReference&) = default;
};

struct ManagedFieldsEntry {
  std::string manager{};
  std::string operation{};  // "Apply" | "Update"
  std::string api_version{};
  Time time{};
  std::string fields_type{};  // "FieldsV1"
  RawJSON fields_v1{};
  std::string subresource{};
  friend bool operator==(const ManagedFieldsEntry&, const ManagedFieldsEntry&) = default;
};

// Remembers that a member Go wrote as `null` came so, for the codecs to write it back; it never
// makes two values unequal (Go's DeepEqual sees the same zero value either way).
struct KeptNull {
  bool kept = false;
  friend constexpr bool operator==(KeptNull, KeptNull) { return true; }
};

struct ObjectMeta {
  std::string name{};
  std::string generate_name{};
  std::string namespace_{};
  std::string self_link{};
  std::string uid{};
  std::string resource_version{};
  int64_t generation = 0;
  Time creation_timestamp{};
  std::optional<Time> deletion_timestamp{};
  std::optional<int64_t> deletion_grace_period_seconds{};
  std::map<std::string, std::string> labels{};
  std::map<std::string, std::string> annotations{};
  std::vector<OwnerReference> owner_references{};
  std::vector<std::string> finalizers{};
  std::vector<ManagedFieldsEntry> managed_fields{};
  // Set when decoding `"creationTimestamp": null`: Go writes a zero creationTimestamp so (every
  // pod template a server returns has it), and a decoded object re-encodes as it came. An
  // object built in C++ leaves the member out while the time is zero, as the schema allows.
  KeptNull creation_timestamp_null{};
  friend bool operator==(const ObjectMeta&, const ObjectMeta&) = default;
};

struct ListMeta {
  std::string self_link{};
  std::string resource_version{};
  std::string continue_{};
  std::optional<int64_t> remaining_item_count{};
  friend bool operator==(const ListMeta&, const ListMeta&) = default;
};

struct ObjectReference {
  std::string kind{};
  std::string namespace_{};
  std::string name{};
  std::string uid{};
  std::string api_version{};
  std::string resource_version{};
  std::string field_path{};
  friend bool operator==(const ObjectReference&, const ObjectReference&) = default;
};

// metav1.Status: the body of every API error and of watch ERROR events.
struct Status {
  TypeMeta type_meta{"v1", "Status"};
  ListMeta metadata{};
  std::string status{};  // "Success" | "Failure"
  std::string message{};
  std::string reason{};
  std::optional<StatusDetails> details{};
  int32_t code = 0;

  Error ToError() const;
};

// metav1.Condition.
struct Condition {
  std::string type{};
  std::string status{};  // "True" | "False" | "Unknown"
  int64_t observed_generation = 0;
  Time last_transition_time{};
  std::string reason{};
  std::string message{};
  friend bool operator==(const Condition&, const Condition&) = default;
};

struct LabelSelectorRequirement {
  std::string key{};
  std::string operator_{};  // In, NotIn, Exists, DoesNotExist
  std::vector<std::string> values{};
  friend bool operator==(const LabelSelectorRequirement&,
                         const LabelSelectorRequirement&) = default;
};

// metav1.LabelSelector (the structured form in specs; kube::labels::Selector is the parsed one).
struct LabelSelector {
  std::map<std::string, std::string> match_labels{};
  std::vector<LabelSelectorRequirement> match_expressions{};
  friend bool operator==(const LabelSelector&, const LabelSelector&) = default;
};

// metav1.Duration, kept as Go's duration string ("1h2m3s").
struct Duration {
  std::string value{};
  friend bool operator==(const Duration&, const Duration&) = default;
};

// The reference to `obj` an event or a controller context records. Uses the object's
// api_version/kind when set (as decoded objects have), else the type's kApiVersion/kKind.
template <class T>
ObjectReference GetReference(const T& obj) {
  ObjectReference ref{};
  if constexpr (requires {
                  obj.api_version;
                  obj.kind;
                }) {
    ref.api_version = obj.api_version;
    ref.kind = obj.kind;
  }
  if constexpr (requires {
                  T::kApiVersion;
                  T::kKind;
                }) {
    if (ref.api_version.empty()) ref.api_version = std::string(T::kApiVersion);
    if (ref.kind.empty()) ref.kind = std::string(T::kKind);
  }
  ref.namespace_ = obj.metadata.namespace_;
  ref.name = obj.metadata.name;
  ref.uid = obj.metadata.uid;
  ref.resource_version = obj.metadata.resource_version;
  return ref;
}

// nlohmann/json codecs (ADL). Unset optional and empty fields are omitted, as Go's omitempty.
void to_json(nlohmann::json& j, const Time& v);
void from_json(const nlohmann::json& j, Time& v);
void to_json(nlohmann::json& j, const MicroTime& v);
void from_json(const nlohmann::json& j, MicroTime& v);
void to_json(nlohmann::json& j, const IntOrString& v);
void from_json(const nlohmann::json& j, IntOrString& v);
void to_json(nlohmann::json& j, const Quantity& v);
void from_json(const nlohmann::json& j, Quantity& v);
void to_json(nlohmann::json& j, const RawJSON& v);
void from_json(const nlohmann::json& j, RawJSON& v);
void to_json(nlohmann::json& j, const Duration& v);
void from_json(const nlohmann::json& j, Duration& v);
void to_json(nlohmann::json& j, const OwnerReference& v);
void from_json(const nlohmann::json& j, OwnerReference& v);
void to_json(nlohmann::json& j, const ManagedFieldsEntry& v);
void from_json(const nlohmann::json& j, ManagedFieldsEntry& v);
void to_json(nlohmann::json& j, const ObjectMeta& v);
void from_json(const nlohmann::json& j, ObjectMeta& v);
void to_json(nlohmann::json& j, const ListMeta& v);
void from_json(const nlohmann::json& j, ListMeta& v);
void to_json(nlohmann::json& j, const ObjectReference& v);
void from_json(const nlohmann::json& j, ObjectReference& v);
void to_json(nlohmann::json& j, const StatusDetails& v);
void from_json(const nlohmann::json& j, StatusDetails& v);
void to_json(nlohmann::json& j, const Status& v);
void from_json(const nlohmann::json& j, Status& v);
void to_json(nlohmann::json& j, const Condition& v);
void from_json(const nlohmann::json& j, Condition& v);
void to_json(nlohmann::json& j, const LabelSelectorRequirement& v);
void from_json(const nlohmann::json& j, LabelSelectorRequirement& v);
void to_json(nlohmann::json& j, const LabelSelector& v);
void from_json(const nlohmann::json& j, LabelSelector& v);

}  // namespace kube
