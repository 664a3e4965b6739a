// kube::Optional<T>: a nested object that may be absent, kept on the heap. Go keeps such members
// as pointers; std::optional<T> would embed T, so a Volume with 25 possible volume sources
// would carry all 25 inline. Optional<T> is one pointer wide when absent, deep-copies, compares
// by value, and (unlike std::optional) accepts a T that is still incomplete where the member is
// declared, so recursive schemas such as JSONSchemaProps can hold themselves.
//
//   struct Volume { std::string name; kube::Optional<EmptyDirVolumeSource> empty_dir; };
//   Volume v;
//   v.empty_dir.emplace();               // present and empty: encodes as "emptyDir":{}
//   if (v.empty_dir) v.empty_dir->medium = "Memory";
//   v.empty_dir = std::nullopt;          // absent again: not encoded at all
#pragma once

#include <compare>
#include <optional>
#include <type_traits>
#include <utility>

namespace kube {

template <class T>
class Optional {
 public:
  using value_type = T;

  constexpr Optional() noexcept = default;
  constexpr Optional(std::nullopt_t) noexcept {}  // NOLINT: implicit like std::optional
  Optional(const Optional& other) : value_(other.value_ ? new T(*other.value_) : nullptr) {}
  Optional(Optional&& other) noexcept : value_(other.value_) { other.value_ = nullptr; }
  template <class... Args>
  explicit Optional(std::in_place_t, Args&&... args) : value_(new T(std::forward<Args>(args)...)) {}
  // Converting construction from a value, as std::optional<T> has it.
  template <class U = T>
  requires(!std::is_same_v<std::remove_cvref_t<U>, Optional> &&
           !std::is_same_v<std::remove_cvref_t<U>, std::in_place_t> &&
           !std::is_same_v<std::remove_cvref_t<U>, std::nullopt_t> &&
           std::is_constructible_v<T, U&&>)
      Optional(U&& value)  // NOLINT: implicit like std::optional
      : value_(new T(std::forward<U>(value))) {}
  ~Optional() { Replace(nullptr); }

  Optional& operator=(const Optional& other) {
    if (this == &other) return *this;
    if (!other.value_) {
      reset();
    } else if (value_) {
      *value_ = *other.value_;
    } else {
      value_ = new T(*other.value_);
    }
    return *this;
  }
  // Takes `other`'s value before deleting its own, which may own `other`:
  // o = std::move(o->child).
  Optional& operator=(Optional&& other) noexcept {
    T* taken = other.value_;
    other.value_ = nullptr;
    Replace(taken);
    return *this;
  }
  Optional& operator=(std::nullopt_t) noexcept {
    reset();
    return *this;
  }
  template <class U = T>
  requires(!std::is_same_v<std::remove_cvref_t<U>, Optional> &&
           !std::is_same_v<std::remove_cvref_t<U>, std::nullopt_t> &&
           std::is_constructible_v<T, U&&> && std::is_assignable_v<T&, U&&>) Optional&
  operator=(U&& value) {
    if (value_) {
      *value_ = std::forward<U>(value);
    } else {
      value_ = new T(std::forward<U>(value));
    }
    return *this;
  }

  bool has_value() const noexcept { return value_ != nullptr; }
  explicit operator bool() const noexcept { return has_value(); }

  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T&& operator*() && { return std::move(*value_); }
  T* operator->() { return value_; }
  const T* operator->() const { return value_; }

  T& value() & { return has_value() ? *value_ : throw std::bad_optional_access(); }
  const T& value() const& { return has_value() ? *value_ : throw std::bad_optional_access(); }
  T&& value() && { return has_value() ? std::move(*value_) : throw std::bad_optional_access(); }
  template <class U>
  T value_or(U&& fallback) const& {
    return has_value() ? *value_ : static_cast<T>(std::forward<U>(fallback));
  }
  template <class U>
  T value_or(U&& fallback) && {
    return has_value() ? std::move(*value_) : static_cast<T>(std::forward<U>(fallback));
  }

  // Replaces any value with a new one built from `args` (which may refer into the old one).
  template <class... Args>
  T& emplace(Args&&... args) {
    Replace(new T(std::forward<Args>(args)...));
    return *value_;
  }
  void reset() noexcept { Replace(nullptr); }
  void swap(Optional& other) noexcept { std::swap(value_, other.value_); }
  friend void swap(Optional& a, Optional& b) noexcept { a.swap(b); }

  // Compares values, as std::optional does: two absent Optionals are equal, absent is never
  // equal to a value.
  friend bool operator==(const Optional& a, const Optional& b) {
    if (!a.has_value() || !b.has_value()) return a.has_value() == b.has_value();
    return *a == *b;
  }
  friend bool operator==(const Optional& a, std::nullopt_t) noexcept { return !a.has_value(); }
  template <class U>
  requires(!std::is_same_v<U, Optional> && !std::is_same_v<U, std::nullopt_t>) friend bool
  operator==(const Optional& a, const U& b) {
    return a.has_value() && *a == b;
  }

 private:
  void Replace(T* value) noexcept {
    static_assert(sizeof(T) > 0, "kube::Optional<T> deletes a T that is incomplete here");
    T* old = value_;
    value_ = value;
    delete old;
  }

  // A plain owning pointer, not std::unique_ptr (nor std::exchange above): instantiating
  // unique_ptr<T> for each of the hundreds of nested types of an API group took half the
  // compile time of its types header, and every user translation unit includes one.
  T* value_ = nullptr;
};

}  // namespace kube
