# MySQL Connector/C++ 1.1 (Debian's libmysqlcppconn-dev) ships no CMake or pkg-config file, so it
# is wrapped here in the imported target MySQL::ConnectorCpp.
find_path(MYSQL_CONNECTOR_CPP_INCLUDE_DIR NAMES cppconn/driver.h mysql_driver.h)
find_library(MYSQL_CONNECTOR_CPP_LIBRARY NAMES mysqlcppconn)
if(NOT MYSQL_CONNECTOR_CPP_INCLUDE_DIR OR NOT MYSQL_CONNECTOR_CPP_LIBRARY)
  message(FATAL_ERROR "MySQL Connector/C++ not found: install libmysqlcppconn-dev")
endif()
add_library(MySQL::ConnectorCpp UNKNOWN IMPORTED)
set_target_properties(MySQL::ConnectorCpp PROPERTIES
  IMPORTED_LOCATION "${MYSQL_CONNECTOR_CPP_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${MYSQL_CONNECTOR_CPP_INCLUDE_DIR}")
