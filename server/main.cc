// sessiond: the usersessions.v1.SessionStore server.
#include <cstdio>
#include <string>
#include <vector>

#include "server/app/sessiond_app.h"
#include "server/config/server_config.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto command_line = usersessions::server::ParseCommandLine(args);
  if (!command_line.ok()) {
    std::fprintf(stderr, "sessiond: %s\n", std::string(command_line.status().message()).c_str());
    return 2;
  }
  return usersessions::server::RunSessiond(*command_line);
}
