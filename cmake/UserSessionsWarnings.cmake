# usersessions_target_warnings(<target>): strict warnings, as errors, on our own code only.
function(usersessions_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wno-unused-parameter)
endfunction()
