// sessionctl: the operator's command line for sessiond.
#include <iostream>
#include <string>
#include <vector>

#include "client/sessionctl/cli.h"
#include "common/clock.h"

int main(int argc, char** argv) {
  const usersessions::SystemClock clock;
  usersessions::sessionctl::Environment environment;
  environment.in = &std::cin;
  environment.out = &std::cout;
  environment.err = &std::cerr;
  environment.clock = &clock;
  return usersessions::sessionctl::RunSessionctl(std::vector<std::string>(argv + 1, argv + argc),
                                                 environment);
}
