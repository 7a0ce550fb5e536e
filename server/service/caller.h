// Who is calling, as established by authentication at the edge.
#ifndef USERSESSIONS_SERVER_SERVICE_CALLER_H_
#define USERSESSIONS_SERVER_SERVICE_CALLER_H_

namespace usersessions::server {

struct Caller {
  enum class Role {
    // Host applications: engine RPCs and user-scoped management RPCs.
    kEngine,
    // Operators: also listings across users and cleanup.
    kAdmin,
  };
  Role role = Role::kEngine;

  bool is_admin() const { return role == Role::kAdmin; }
  static Caller Admin() { return Caller{Role::kAdmin}; }
  static Caller Engine() { return Caller{Role::kEngine}; }
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_SERVICE_CALLER_H_
