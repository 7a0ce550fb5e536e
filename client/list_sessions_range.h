// Lazy iteration over every session a ListSessions query matches, across pages.
#ifndef USERSESSIONS_CLIENT_LIST_SESSIONS_RANGE_H_
#define USERSESSIONS_CLIENT_LIST_SESSIONS_RANGE_H_

#include <cstddef>
#include <iterator>
#include <memory>

#include "absl/status/statusor.h"
#include "client/session_store_connection.h"
#include "usersessions/v1/session_store.pb.h"

namespace usersessions::client {

// An input range of absl::StatusOr<v1::Session>. Pages are fetched on demand: nothing is called
// before begin(), and the next page only when the previous one is used up, following
// next_page_token with the original request's other fields. A failed page yields one error
// element, which ends the walk; the error keeps sessiond's code, message and ErrorReason.
// Retries of UNAVAILABLE pages are the connection's business.
//
//   for (const absl::StatusOr<v1::Session>& session : client.ListAllSessions(request)) {
//     if (!session.ok()) return session.status();
//     Use(*session);
//   }
//
// Single pass: begin() returns the current position, not a fresh walk. Iterators stay valid
// when the range is moved. Not thread-safe: use one range from one thread at a time.
class ListSessionsRange {
 public:
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = absl::StatusOr<v1::Session>;
    using difference_type = std::ptrdiff_t;
    // Elements may be moved from; the walk never reads them again.
    using pointer = value_type*;
    using reference = value_type&;

    iterator() = default;

    reference operator*() const;
    pointer operator->() const { return &**this; }
    iterator& operator++();
    // Advances the shared walk; the returned copy sees the new position (input iterator).
    iterator operator++(int) {
      iterator copy = *this;
      ++*this;
      return copy;
    }

    friend bool operator==(const iterator& a, const iterator& b) { return a.AtEnd() == b.AtEnd(); }
    friend bool operator!=(const iterator& a, const iterator& b) { return !(a == b); }

   private:
    friend class ListSessionsRange;
    struct State;
    explicit iterator(State* state) : state_(state) {}
    bool AtEnd() const;

    State* state_ = nullptr;  // null for end()
  };

  // Walks `request`'s results through `connection`, starting at request.page_token.
  ListSessionsRange(std::shared_ptr<SessionStoreConnection> connection,
                    v1::ListSessionsRequest request);
  ~ListSessionsRange();
  ListSessionsRange(ListSessionsRange&&) noexcept;
  ListSessionsRange& operator=(ListSessionsRange&&) noexcept;
  ListSessionsRange(const ListSessionsRange&) = delete;
  ListSessionsRange& operator=(const ListSessionsRange&) = delete;

  // Fetches the first page if nothing was fetched yet.
  iterator begin();
  iterator end() { return iterator(); }

 private:
  std::unique_ptr<iterator::State> state_;
};

}  // namespace usersessions::client

#endif  // USERSESSIONS_CLIENT_LIST_SESSIONS_RANGE_H_
