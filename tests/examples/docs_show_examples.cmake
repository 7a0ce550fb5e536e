# cmake -DDOC=docs/sdk.md -DEXAMPLES="a.cc;b.cc" -P docs_show_examples.cmake
# Fails unless the document contains every example source verbatim, so that what users copy from
# the docs is what the build compiles and the tests run.
file(READ "${DOC}" doc)
foreach(example IN LISTS EXAMPLES)
  file(READ "${example}" source)
  string(STRIP "${source}" source)
  string(FIND "${doc}" "${source}" found)
  if(found EQUAL -1)
    message(FATAL_ERROR "${DOC} does not show ${example} verbatim")
  endif()
  message(STATUS "ok   ${example}")
endforeach()
