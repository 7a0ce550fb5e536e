// A GoogleMock SessionStoreConnection for unit tests of code that uses SessionStoreClient:
//
//   auto mock = std::make_shared<MockSessionStoreConnection>();
//   EXPECT_CALL(*mock, LoadSession).WillOnce(Return(SessionNotFoundError()));
//   SessionStoreClient client(mock);
//
// Asynchronous methods are mocked like the others; have the action invoke the callback, for
// example with ::testing::InvokeArgument<1>(response).
#ifndef USERSESSIONS_CLIENT_MOCKS_MOCK_SESSION_STORE_CONNECTION_H_
#define USERSESSIONS_CLIENT_MOCKS_MOCK_SESSION_STORE_CONNECTION_H_

#include "client/session_store_connection.h"
#include "gmock/gmock.h"

namespace usersessions::client {

class MockSessionStoreConnection : public SessionStoreConnection {
 public:
  MOCK_METHOD(absl::StatusOr<v1::CreateSessionResponse>, CreateSession,
              (const v1::CreateSessionRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<v1::LoadSessionResponse>, LoadSession,
              (const v1::LoadSessionRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<v1::SaveSessionResponse>, SaveSession,
              (const v1::SaveSessionRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<v1::CycleSessionKeyResponse>, CycleSessionKey,
              (const v1::CycleSessionKeyRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<v1::DeleteSessionResponse>, DeleteSession,
              (const v1::DeleteSessionRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<v1::ListSessionsResponse>, ListSessions,
              (const v1::ListSessionsRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<v1::GetSessionResponse>, GetSession,
              (const v1::GetSessionRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<v1::RevokeSessionResponse>, RevokeSession,
              (const v1::RevokeSessionRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<v1::RevokeUserSessionsResponse>, RevokeUserSessions,
              (const v1::RevokeUserSessionsRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<v1::DeleteExpiredSessionsResponse>, DeleteExpiredSessions,
              (const v1::DeleteExpiredSessionsRequest& request), (override));

  MOCK_METHOD(void, AsyncCreateSession,
              (const v1::CreateSessionRequest& request, Callback<v1::CreateSessionResponse> done),
              (override));
  MOCK_METHOD(void, AsyncLoadSession,
              (const v1::LoadSessionRequest& request, Callback<v1::LoadSessionResponse> done),
              (override));
  MOCK_METHOD(void, AsyncSaveSession,
              (const v1::SaveSessionRequest& request, Callback<v1::SaveSessionResponse> done),
              (override));
  MOCK_METHOD(void, AsyncCycleSessionKey,
              (const v1::CycleSessionKeyRequest& request,
               Callback<v1::CycleSessionKeyResponse> done),
              (override));
  MOCK_METHOD(void, AsyncDeleteSession,
              (const v1::DeleteSessionRequest& request, Callback<v1::DeleteSessionResponse> done),
              (override));
};

}  // namespace usersessions::client

#endif  // USERSESSIONS_CLIENT_MOCKS_MOCK_SESSION_STORE_CONNECTION_H_
