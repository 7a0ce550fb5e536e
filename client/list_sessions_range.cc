#include "client/list_sessions_range.h"

#include <utility>

namespace usersessions::client {

struct ListSessionsRange::iterator::State {
  std::shared_ptr<SessionStoreConnection> connection;
  v1::ListSessionsRequest request;
  bool started = false;
  // The walk has ended: `current` is not an element any more.
  bool done = false;
  // No page is left to fetch after `page`.
  bool last_page = false;
  v1::ListSessionsResponse page;
  int next_index = 0;
  // The current element; callers may move from it. An error is always the last one.
  absl::StatusOr<v1::Session> current;
  bool current_is_error = false;

  // Moves `current` to the next element, fetching pages as needed.
  void Advance() {
    started = true;
    if (done) return;
    if (current_is_error) {
      done = true;
      return;
    }
    // Pages may be empty yet carry a token (a server may stop a page early), so loop.
    while (next_index >= page.sessions_size()) {
      if (last_page) {
        done = true;
        return;
      }
      const std::string sent_token = request.page_token();
      absl::StatusOr<v1::ListSessionsResponse> response = connection->ListSessions(request);
      if (!response.ok()) {
        current = std::move(response).status();
        current_is_error = true;
        return;
      }
      page = *std::move(response);
      next_index = 0;
      if (page.next_page_token().empty()) {
        last_page = true;
      } else if (page.next_page_token() == sent_token) {
        current = absl::InternalError("ListSessions returned the page token it was given");
        current_is_error = true;
        return;
      }
      request.set_page_token(page.next_page_token());
    }
    current = std::move(*page.mutable_sessions(next_index++));
  }
};

ListSessionsRange::ListSessionsRange(std::shared_ptr<SessionStoreConnection> connection,
                                     v1::ListSessionsRequest request)
    : state_(std::make_unique<iterator::State>()) {
  state_->connection = std::move(connection);
  state_->request = std::move(request);
}

ListSessionsRange::~ListSessionsRange() = default;
ListSessionsRange::ListSessionsRange(ListSessionsRange&&) noexcept = default;
ListSessionsRange& ListSessionsRange::operator=(ListSessionsRange&&) noexcept = default;

ListSessionsRange::iterator ListSessionsRange::begin() {
  if (!state_->started) state_->Advance();
  return iterator(state_.get());
}

ListSessionsRange::iterator::reference ListSessionsRange::iterator::operator*() const {
  return state_->current;
}

ListSessionsRange::iterator& ListSessionsRange::iterator::operator++() {
  state_->Advance();
  return *this;
}

bool ListSessionsRange::iterator::AtEnd() const { return state_ == nullptr || state_->done; }

}  // namespace usersessions::client
