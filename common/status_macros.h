// Propagation helpers for absl::Status / absl::StatusOr, which this Abseil version lacks.
#ifndef USERSESSIONS_COMMON_STATUS_MACROS_H_
#define USERSESSIONS_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define USERSESSIONS_CONCAT_INNER_(a, b) a##b
#define USERSESSIONS_CONCAT_(a, b) USERSESSIONS_CONCAT_INNER_(a, b)

// Returns the status from the enclosing function if `expr` is not OK.
#define RETURN_IF_ERROR(expr)                     \
  do {                                            \
    ::absl::Status status_macro_status_ = (expr); \
    if (!status_macro_status_.ok()) {             \
      return status_macro_status_;                \
    }                                             \
  } while (false)

// `ASSIGN_OR_RETURN(lhs, expr)` evaluates the StatusOr `expr`; on error returns its status,
// otherwise moves the value into `lhs` (which may be a declaration such as `auto x`).
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL_(USERSESSIONS_CONCAT_(status_or_value_, __LINE__), lhs, expr)

#define ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                           \
  if (!statusor.ok()) {                             \
    return std::move(statusor).status();            \
  }                                                 \
  lhs = std::move(statusor).value()

#endif  // USERSESSIONS_COMMON_STATUS_MACROS_H_
